package org.explain4j.recognition.novelty.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.explain4j.recognition.nets.GradConAutoencoder;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The constraint's gradient — exact ({@link ExactConstraintGradient}) and as H u — against central finite differences
 * of the constraint itself in double precision and against each other in float, and short trainings with and without
 * the constraint.
 */
class GradConTrainingTest {

    private static INDArray blobs(int n, long seed) {
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), n, 1, 28, 28).castTo(DataType.DOUBLE);
        return x.muli(x).muli(x);
    }

    /**
     * {@code gradient} against central differences (step 1e-5) of the constraint itself at two entries of each weight;
     * at least {@code nonZero} of the differences must be non-zero.
     */
    private static void assertIsTheConstraintsGradient(GradConTraining t, INDArray x, ReferenceGradient ref, Map<String, INDArray> gradient,
                                                       List<String> weights, double absolute, double relative, int nonZero) {
        double h = 1e-5;
        int checked = 0;
        for (String w : weights) {
            INDArray flat = t.graph().getVariable(w).getArr().reshape(-1);
            for (long i : new long[] {3, flat.length() / 2}) {
                double original = flat.getDouble(i);
                flat.putScalar(i, original + h);
                double plus = GradientConstraint.value(t.constrainedGradients(t.gradients(x).gradients()), ref);
                flat.putScalar(i, original - h);
                double minus = GradientConstraint.value(t.constrainedGradients(t.gradients(x).gradients()), ref);
                flat.putScalar(i, original);
                double fd = (plus - minus) / (2 * h);
                assertEquals(fd, gradient.get(w).reshape(-1).getDouble(i), absolute + relative * Math.abs(fd), w + "[" + i + "]");
                checked += fd != 0 ? 1 : 0;
            }
        }
        assertTrue(checked >= nonZero, "most checked entries have a non-zero derivative");
    }

    @Test
    void bothRoutesGiveTheConstraintsGradient() {
        SameDiff ae = GradConAutoencoder.build(1, 5, DataType.DOUBLE);
        GradConTraining t = new GradConTraining(ae, ty -> GradConAutoencoder.build(1, 0, ty), GradConAutoencoder.INPUT, GradConAutoencoder.OUTPUT,
                GradConAutoencoder.DECODER_WEIGHTS, GradConTraining.Settings.gradcon(1, true, 1));
        INDArray x = blobs(3, 2);
        ReferenceGradient ref = new ReferenceGradient();
        ref.update(t.constrainedGradients(t.gradients(blobs(4, 9)).gradients()));
        List<INDArray> g = t.constrainedGradients(t.gradients(x).gradients());
        Map<String, INDArray> exact = t.constraintGradient(x, g, ref);
        assertTrue(t.exact() != null, "GradCON's decoder is a chain of transposed convolutions: the exact route applies");
        Map<String, INDArray> hu = t.hessianTimes(x, GradientConstraint.direction(g, ref));
        for (String w : hu.keySet()) {
            double scale = hu.get(w).norm2Number().doubleValue();
            assertEquals(0, exact.get(w).sub(hu.get(w)).norm2Number().doubleValue(), 1e-5 * scale + 1e-12, w + " against H u");
        }
        assertIsTheConstraintsGradient(t, x, ref, hu, List.of("up1_W", "up3_W", "up4_W", "down2_W", "up2_b"), 1e-6, 1e-3, 6);
        assertIsTheConstraintsGradient(t, x, ref, exact, List.of("up1_W", "up3_W", "up4_W", "down2_W", "up2_b", "down1_b"), 1e-7, 1e-4, 8);
    }

    @Test
    void inFloatTheExactGradientAgreesWithTheDoublePrecisionHessianProduct() {
        SameDiff ae = GradConAutoencoder.build(1, 1, DataType.FLOAT);
        GradConTraining t = new GradConTraining(ae, ty -> GradConAutoencoder.build(1, 0, ty), GradConAutoencoder.INPUT, GradConAutoencoder.OUTPUT,
                GradConAutoencoder.DECODER_WEIGHTS, GradConTraining.Settings.gradcon(1, true, 1));
        INDArray x = blobs(8, 2).castTo(DataType.FLOAT);
        ReferenceGradient ref = new ReferenceGradient();
        ref.update(t.constrainedGradients(t.gradients(blobs(8, 9).castTo(DataType.FLOAT)).gradients()));
        List<INDArray> g = t.constrainedGradients(t.gradients(x).gradients());
        Map<String, INDArray> exact = t.constraintGradient(x, g, ref);
        Map<String, INDArray> hu = t.hessianTimes(x, GradientConstraint.direction(g, ref));
        for (String w : hu.keySet()) {
            double scale = hu.get(w).norm2Number().doubleValue();
            // float rounding of the weight gradients and the cosines: 4e-6 .. 3e-4 of the norm in a probe
            // while developing (batch 64)
            assertEquals(0, exact.get(w).sub(hu.get(w)).norm2Number().doubleValue(), 2e-3 * scale, w);
        }
    }

    @Test
    void bothTrainingsLowerTheReconstructionErrorAndDiffer() {
        INDArray train = blobs(96, 3).castTo(DataType.FLOAT);
        INDArray val = blobs(32, 4).castTo(DataType.FLOAT);
        SameDiff plain = GradConAutoencoder.build(1, 7, DataType.FLOAT);
        SameDiff constrained = GradConAutoencoder.build(1, 7, DataType.FLOAT);
        GradConTraining.Result p = new GradConTraining(plain, ty -> GradConAutoencoder.build(1, 0, ty), GradConAutoencoder.INPUT, GradConAutoencoder.OUTPUT,
                GradConAutoencoder.DECODER_WEIGHTS, new GradConTraining.Settings(3, 32, 3e-3, 0, 0.03, false, 1))
                .train(train, val, (e, b, n, l) -> { });
        GradConTraining.Result c = new GradConTraining(constrained, ty -> GradConAutoencoder.build(1, 0, ty), GradConAutoencoder.INPUT, GradConAutoencoder.OUTPUT,
                GradConAutoencoder.DECODER_WEIGHTS, new GradConTraining.Settings(3, 32, 3e-3, 0, 0.03, true, 1))
                .train(train, val, (e, b, n, l) -> { });
        for (GradConTraining.Result r : List.of(p, c)) {
            assertEquals(3, r.epochs().size());
            assertTrue(r.epochs().get(2).trainMse() < r.epochs().get(0).trainMse(), r.epochs().toString());
            assertEquals(3L * r.bestEpoch(), r.reference().count(), "one reference update per step up to the kept epoch");
        }
        assertFalse(plain.getVariable("up1_W").getArr().equalsWithEps(constrained.getVariable("up1_W").getArr(), 1e-7),
                "the constraint changes the decoder's updates");
        assertTrue(p.epochs().stream().allMatch(e -> e.trainLoss() == e.trainMse()), "no constraint, no extra loss");
        assertTrue(c.epochs().get(2).trainLoss() < c.epochs().get(2).trainMse(), "-cos lowers the total once the reference exists");
    }
}
