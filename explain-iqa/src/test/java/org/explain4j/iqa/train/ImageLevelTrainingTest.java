package org.explain4j.iqa.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.explain4j.iqa.nets.Diqam;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImageLevelTrainingTest {

    private static INDArray rand(long seed, long... shape) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), shape).castTo(DataType.FLOAT);
    }

    @Test
    void imageScoreIsTheWeightedMeanOfEachImagesPatches() {
        SameDiff sd = Diqam.build(Diqam.Variant.WA_NR, 0.125, 4);
        Diqam.imageScore(sd, 3);
        INDArray x = rand(1, 6, 3, 32, 32);
        Map<String, INDArray> out = sd.output(Map.of(Diqam.INPUT, x), Diqam.PATCH_SCORE, Diqam.PATCH_WEIGHT, Diqam.IMAGE_SCORE);
        double[] y = out.get(Diqam.PATCH_SCORE).castTo(DataType.DOUBLE).toDoubleVector();
        double[] a = out.get(Diqam.PATCH_WEIGHT).castTo(DataType.DOUBLE).toDoubleVector();
        for (int image = 0; image < 2; image++) {
            double num = 0;
            double den = 0;
            for (int p = 3 * image; p < 3 * image + 3; p++) {
                num += y[p] * a[p];
                den += a[p];
            }
            assertEquals(num / den, out.get(Diqam.IMAGE_SCORE).getDouble(image, 0), 1e-5);
        }
    }

    @Test
    void fullWidthNetworksTakeATrainingStep() {
        for (Diqam.Variant v : List.of(Diqam.Variant.WA_NR, Diqam.Variant.FR)) {
            SameDiff sd = Diqam.build(v, 1.0, 5);
            INDArray before = sd.getVariable("conv1_W").getArr().dup();
            List<ImageLevelTraining.Example> data = List.of(
                    new ImageLevelTraining.Example(rand(2, 3, 32, 64), v.fullReference() ? rand(3, 3, 32, 64) : null, 0.3),
                    new ImageLevelTraining.Example(rand(4, 3, 40, 40), v.fullReference() ? rand(5, 3, 40, 40) : null, 0.8));
            List<Double> loss = ImageLevelTraining.train(sd, data, 2, new ImageLevelTraining.Settings(1, 2, 1e-4, 6), (e, b, n, l) -> { });
            assertEquals(1, loss.size());
            assertTrue(Double.isFinite(loss.get(0)), v + ": " + loss);
            assertFalse(before.equalsWithEps(sd.getVariable("conv1_W").getArr(), 0), v + ": the first convolution must learn");
        }
    }

    @Test
    void lossFallsOnATinySet() {
        SameDiff sd = Diqam.build(Diqam.Variant.NR, 0.125, 7);
        List<ImageLevelTraining.Example> data = List.of(
                new ImageLevelTraining.Example(rand(8, 3, 64, 64).muli(0.2), null, 0.2),
                new ImageLevelTraining.Example(rand(9, 3, 64, 64), null, 0.9));
        List<Double> loss = ImageLevelTraining.train(sd, data, 2, new ImageLevelTraining.Settings(12, 2, 3e-3, 8), (e, b, n, l) -> { });
        assertTrue(loss.get(loss.size() - 1) < 0.5 * loss.get(0), loss.toString());
        // The learning-rate schedule counts iterations: one per batch, across the separate fit calls.
        assertEquals(12, sd.getTrainingConfig().getIterationCount());
    }
}
