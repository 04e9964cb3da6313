package org.explain4j.core.saliency.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.explain4j.core.saliency.metrics.Grid;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    @Test
    void theCentreBiasPeaksAtTheCentreAndFallsAsAGaussian() {
        Grid g = CenterBias.standard().map(9, 9);
        assertEquals(1, g.at(4, 4), 1e-12);
        // One standard deviation (a quarter of 9 pixels) from the centre along x: exp(-1/2).
        assertEquals(Math.exp(-0.5 * Math.pow(2 / 2.25, 2)), g.at(4, 6), 1e-12);
        assertEquals(g.at(0, 0), g.at(8, 8), 1e-12);
    }

    @Test
    void theSpectralResidualFindsAnOddPatchOnARegularBackground() {
        // A faintly textured background (seeded noise) and one bright square: the square stands out.
        java.util.Random r = new java.util.Random(4);
        int n = 32;
        double[] v = new double[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                v[y * n + x] = 0.3 + 0.05 * r.nextDouble();
                if (y >= 8 && y < 12 && x >= 20 && x < 24) {
                    v[y * n + x] = 1;
                }
            }
        }
        Grid map = SpectralResidual.map(new Grid(n, n, v));
        assertEquals(n, map.height());
        assertEquals(1, map.max(), 1e-12);
        assertEquals(0, map.min(), 1e-12);
        double inside = 0;
        double outside = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                boolean in = y >= 6 && y < 14 && x >= 18 && x < 26;
                if (in) {
                    inside += map.at(y, x) / 64;
                } else {
                    outside += map.at(y, x) / (n * n - 64);
                }
            }
        }
        assertTrue(inside > 2 * outside, "patch " + inside + " vs background " + outside);
    }
}
