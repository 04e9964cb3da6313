package org.explain4j.recognition.novelty.train;

import java.util.List;
import java.util.Map;
import org.explain4j.recognition.nets.GradConAutoencoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The measurement behind {@link GradConTraining#RELATIVE_STEP} (docs/NOVELTY.md), opt-in because it prints rather
 * than checks: H u by central differences at steps of 1e-2 .. 1e-7 of the constrained weights' norm, against a step
 * of 1e-8, in double, on the autoencoder with seed 5 and 16 random images; then the time of one forward and backward
 * of a batch of 64 in float and in double.
 *     mvn -pl explain-recognition test -Dtest=HessianStepProbeTest -Dexplain4j.probe=true
 */
@EnabledIfSystemProperty(named = "explain4j.probe", matches = "true")
class HessianStepProbeTest {

    @Test
    void stepSizesAndPrecisionCost() {
        SameDiff ae = GradConAutoencoder.build(1, 5, DataType.DOUBLE);
        GradConTraining t = new GradConTraining(ae, ty -> GradConAutoencoder.build(1, 0, ty), GradConAutoencoder.INPUT,
                GradConAutoencoder.OUTPUT, GradConAutoencoder.DECODER_WEIGHTS, GradConTraining.Settings.gradcon(1, true, 1));
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(2), 16, 1, 28, 28).castTo(DataType.DOUBLE);
        INDArray other = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(9), 16, 1, 28, 28).castTo(DataType.DOUBLE);
        ReferenceGradient ref = new ReferenceGradient();
        ref.update(t.constrainedGradients(t.gradients(other).gradients()));
        List<INDArray> u = GradientConstraint.direction(t.constrainedGradients(t.gradients(x).gradients()), ref);
        Map<String, INDArray> base = t.hessianTimes(x, u, 1e-8);
        for (double step : new double[] {1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7}) {
            Map<String, INDArray> hu = t.hessianTimes(x, u, step);
            StringBuilder line = new StringBuilder(String.format("step %.0e x |W|:", step));
            for (String w : List.of("up1_W", "up4_W", "down1_W")) {
                double err = hu.get(w).sub(base.get(w)).norm2Number().doubleValue() / base.get(w).norm2Number().doubleValue();
                line.append(String.format(" %s relative error %.2e", w, err));
            }
            System.out.println(line);
        }
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            GradConTraining p = new GradConTraining(GradConAutoencoder.build(1, 5, type), ty -> GradConAutoencoder.build(1, 0, ty),
                    GradConAutoencoder.INPUT, GradConAutoencoder.OUTPUT, GradConAutoencoder.DECODER_WEIGHTS,
                    GradConTraining.Settings.gradcon(1, false, 1));
            INDArray batch = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(4), 64, 1, 28, 28).castTo(type);
            for (int i = 0; i < 5; i++) {
                p.gradients(batch);
            }
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                p.gradients(batch);
            }
            System.out.printf("%s: one forward and backward of 64 images %.1f ms%n", type, (System.nanoTime() - start) / 20e6);
        }
    }
}
