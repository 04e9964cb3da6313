package org.explain4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CorrelationAndSsimTest {

    @Test
    void ssimOfConstantImagesIsTheLuminanceTermByHand() {
        // Flat images: both variances and the covariance vanish, so SSIM = (2ab + C1) / (a^2 + b^2 + C1)
        // = (0.24 + 1e-4) / (0.40 + 1e-4) = 0.6000999750...
        INDArray a = Nd4j.valueArrayOf(new long[] {16, 16}, 0.2, DataType.DOUBLE);
        INDArray b = Nd4j.valueArrayOf(new long[] {16, 16}, 0.6, DataType.DOUBLE);
        assertEquals(0.2401 / 0.4001, Ssim.of(a, b), 1e-12);
        assertArrayEquals(new long[] {6, 6}, Ssim.map(a, b).shape());
    }

    @Test
    void ssimIsOneForIdenticalImagesSymmetricAndFallsWithNoise() {
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(1), new long[] {32, 32}).castTo(DataType.DOUBLE);
        assertEquals(1.0, Ssim.of(x, x), 1e-12);
        double previous = 1;
        for (double sigma : new double[] {0.02, 0.05, 0.1, 0.2}) {
            INDArray noisy = x.add(Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(2), new long[] {32, 32}).castTo(DataType.DOUBLE).muli(sigma));
            double s = Ssim.of(x, noisy);
            assertEquals(s, Ssim.of(noisy, x), 1e-12);
            assertTrue(s < previous, "SSIM falls as noise grows: " + s + " after " + previous);
            previous = s;
        }
        assertThrows(IllegalArgumentException.class, () -> Ssim.of(Nd4j.zeros(8, 8), Nd4j.zeros(8, 8)));
    }

    @Test
    void correlationsByHand() {
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {5, 6, 7, 8, 7};
        // Pearson: sum dx dy = 6, sum dx^2 = 10, sum dy^2 = 5.2 -> 6 / sqrt(52).
        assertEquals(6 / Math.sqrt(52), Correlation.pearson(x, y), 1e-12);
        // Ranks of y: 1, 2, 3.5, 5, 3.5 -> 8 / sqrt(10 * 9.5).
        assertArrayEquals(new double[] {1, 2, 3.5, 5, 3.5}, Correlation.ranks(y), 0);
        assertEquals(8 / Math.sqrt(95), Correlation.spearman(x, y), 1e-12);
        assertEquals(-1, Correlation.spearman(x, new double[] {9, 7, 5, 3, 1}), 1e-12);
    }
}
