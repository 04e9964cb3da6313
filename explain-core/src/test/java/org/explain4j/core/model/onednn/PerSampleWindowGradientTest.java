package org.explain4j.core.model.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PerSampleWindowGradientTest {

    private static INDArray rand(long seed, long... shape) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), shape).castTo(DataType.FLOAT).subi(0.5);
    }

    /**
     * The independent reference, by loops in double: g_n[b, a, i, j] = sum over output positions (y, x) of
     * other[n, b, y, x] windowed[n, a, s y + i - p, s x + j - p] (zero outside), the weight gradient of a convolution.
     */
    private static double[][] byHand(INDArray windowed, INDArray other, PerSampleWindowGradient.Window w) {
        int n = (int) windowed.size(0), a = (int) windowed.size(1), h = (int) windowed.size(2), wi = (int) windowed.size(3);
        int b = (int) other.size(1), oh = (int) other.size(2), ow = (int) other.size(3);
        double[][] g = new double[n][(int) (b * a * w.kh() * w.kw())];
        for (int s = 0; s < n; s++) {
            int idx = 0;
            for (int c = 0; c < b; c++) {
                for (int d = 0; d < a; d++) {
                    for (int i = 0; i < w.kh(); i++) {
                        for (int j = 0; j < w.kw(); j++) {
                            double sum = 0;
                            for (int y = 0; y < oh; y++) {
                                for (int x = 0; x < ow; x++) {
                                    long r = w.sh() * y + i - w.ph();
                                    long q = w.sw() * x + j - w.pw();
                                    if (r >= 0 && r < h && q >= 0 && q < wi) {
                                        sum += other.getDouble(s, c, y, x) * windowed.getDouble(s, d, r, q);
                                    }
                                }
                            }
                            g[s][idx++] = sum;
                        }
                    }
                }
            }
        }
        return g;
    }

    @Test
    void normsAndDotsEqualThoseOfTheGradientsFormedByLoops() {
        Optional<PerSampleWindowGradient> opened = PerSampleWindowGradient.open();
        assumeTrue(opened.isPresent(), "oneDNN is not loaded");
        PerSampleWindowGradient route = opened.get();
        // GradCON's third decoder layer's shape (small batch), a stride-2 window with odd sizes, a stride-1 rectangle
        List<Object[]> cases = List.of(
                new Object[] {new long[] {3, 32, 14, 14}, new long[] {3, 32, 8, 8}, new PerSampleWindowGradient.Window(4, 4, 2, 2, 2, 2)},
                new Object[] {new long[] {2, 5, 7, 6}, new long[] {2, 4, 3, 3}, new PerSampleWindowGradient.Window(4, 4, 2, 2, 1, 1)},
                new Object[] {new long[] {4, 3, 5, 6}, new long[] {4, 2, 3, 5}, new PerSampleWindowGradient.Window(3, 2, 1, 1, 0, 0)});
        long seed = 1;
        for (Object[] c : cases) {
            INDArray windowed = rand(seed++, (long[]) c[0]);
            INDArray other = rand(seed++, (long[]) c[1]);
            PerSampleWindowGradient.Window w = (PerSampleWindowGradient.Window) c[2];
            double[][] g = byHand(windowed, other, w);
            int d = g[0].length;
            INDArray refs = rand(seed++, 2, d);
            PerSampleWindowGradient.Summary s = route.summarise(windowed, other, w, refs);
            PerSampleWindowGradient.Summary none = route.summarise(windowed, other, w, null);
            assertNull(none.dots());
            for (int n = 0; n < g.length; n++) {
                double norm = 0;
                double[] dots = new double[2];
                for (int i = 0; i < d; i++) {
                    norm += g[n][i] * g[n][i];
                    for (int k = 0; k < 2; k++) {
                        dots[k] += g[n][i] * refs.getDouble(k, i);
                    }
                }
                norm = Math.sqrt(norm);
                assertEquals(norm, s.norms().getDouble(n), 1e-5 * norm, w + " norm " + n);
                assertEquals(norm, none.norms().getDouble(n), 1e-5 * norm, w + " norm without references " + n);
                for (int k = 0; k < 2; k++) {
                    // a dot's rounding scales with the product of the norms, not with the dot itself
                    double scale = norm * refs.getRow(k).norm2Number().doubleValue();
                    assertEquals(dots[k], s.dots().getDouble(n, k), 1e-5 * scale, w + " dot " + k + " of " + n);
                }
            }
        }
    }

    @Test
    void mismatchedShapesAreRefused() {
        Optional<PerSampleWindowGradient> opened = PerSampleWindowGradient.open();
        assumeTrue(opened.isPresent(), "oneDNN is not loaded");
        PerSampleWindowGradient.Window w = new PerSampleWindowGradient.Window(4, 4, 2, 2, 1, 1);
        INDArray windowed = rand(1, 2, 5, 7, 6);
        assertThrows(IllegalArgumentException.class, () -> opened.get().summarise(windowed, rand(2, 2, 4, 5, 3), w, null));
        assertThrows(IllegalArgumentException.class, () -> opened.get().summarise(windowed, rand(2, 2, 4, 3, 3), w, rand(3, 2, 7)));
        assertThrows(IllegalArgumentException.class, () -> opened.get().summarise(windowed.castTo(DataType.DOUBLE), rand(2, 2, 4, 3, 3), w,
                null));
    }
}
