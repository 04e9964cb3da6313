package org.explain4j.core.saliency.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ImResizeAndDensityTest {

    @Test
    void upsamplingFollowsMatlabsBicubicContributionsWithMirroredBorders() {
        // [1 2] to 4 samples: u = x/2 + 1/4 = 0.75, 1.25, ... For u = 0.75 the taps j = -1..2 have offsets 1.75, 0.75,
        // -0.25, -1.25 and Keys weights -0.0234375, 0.2265625, 0.8671875, -0.0703125; mirrored, j = -1 and 2 read
        // sample 2, j = 0 and 1 sample 1: 0.90625. For u = 1.25: (-0.0703125 + 0.8671875) * 1 + (0.2265625 -
        // 0.0234375) * 2 = 1.203125. The other two mirror these about 1.5.
        Grid out = ImResize.bicubic(new Grid(1, 2, new double[] {1, 2}), 1, 4);
        assertArrayEquals(new double[] {0.90625, 1.203125, 1.796875, 2.09375}, out.values(), 1e-12);
    }

    @Test
    void constantsStayConstantAndTheSameSizeIsTheIdentity() {
        Grid flat = new Grid(5, 7, filled(35, 0.3));
        for (int[] size : new int[][] {{2, 3}, {11, 13}, {5, 7}, {1, 1}}) {
            Grid r = ImResize.bicubic(flat, size[0], size[1]);
            for (double v : r.values()) {
                assertEquals(0.3, v, 1e-12);
            }
        }
        Grid g = new Grid(2, 2, new double[] {1, 2, 3, 4});
        assertArrayEquals(g.values(), ImResize.bicubic(g, 2, 2).values(), 1e-12);
    }

    @Test
    void shrinkingByTwoAveragesAPixelPairWithAntialiasing() {
        // Shrinking [a b a b ...] by 2 with the widened kernel (8 taps) removes the alternation: away from the mirrored
        // borders every symmetric pair of taps reads one 0 and one 1, so each output is the mean.
        double[] v = new double[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i % 2 == 0 ? 0 : 1;
        }
        Grid out = ImResize.bicubic(new Grid(1, 16, v), 1, 8);
        for (int x = 2; x < 6; x++) {
            assertEquals(0.5, out.values()[x], 1e-12);
        }
    }

    @Test
    void theBenchmarksBlurMatchesItsNumpyTranscription() {
        // scripts/saliency-density-check.py: antonioGaussian.m in numpy's FFT, one fixation at (32, 32), fc = 8.
        int size = 64;
        double[] f = new double[size * size];
        f[32 * size + 32] = 1;
        Grid d = FixationDensity.blur(new Grid(size, size, f), 8);
        assertEquals(0.9990449575752112, d.sum(), 1e-12, "the cut at |f| = n/2 rings a little mass out of the crop");
        assertEquals(0.06821032573547973, d.at(32, 32), 1e-14);
        assertEquals(0.05591495778332947, d.at(32, 31), 1e-14);
        assertEquals(0.024286043010827006, d.at(30, 33), 1e-14);
        assertEquals(d.at(32, 31), d.at(32, 33), 1e-14);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
