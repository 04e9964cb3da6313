package org.explain4j.core.saliency.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's metrics on 2x2 maps whose values are worked out by hand below (and were re-checked with numpy's
 * corrcoef, std(ddof=1) and log2), then the random AUCs on maps whose answer the draws cannot change.
 */
class SaliencyMetricsTest {

    /** Saliency (0.9 0.1 / 0.5 0.3), fixations on the diagonal: at 0.9 and 0.3. */
    private static final Grid MAP = Grid.of(new double[][] {{0.9, 0.1}, {0.5, 0.3}});
    private static final Grid FIX = Grid.of(new double[][] {{1, 0}, {0, 1}});
    private static final Grid DENSITY = Grid.of(new double[][] {{0.2, 0.1}, {0.3, 0.6}});

    @Test
    void aucJuddSweepsTheMapValuesAtTheFixations() {
        // Normalised map (1, 0, 0.5, 0.25); thresholds 1, 0.25. At 1: tp 1/2, fp (1 - 1) / 2 = 0. At 0.25: three
        // pixels at or above, tp 1, fp (3 - 2) / 2 = 1/2. Area under (0,0) (0,1/2) (1/2,1) (1,1) = 3/8 + 1/2.
        assertEquals(0.875, SaliencyMetrics.aucJudd(MAP, FIX, new Random(1)), 1e-6);
        assertTrue(Double.isNaN(SaliencyMetrics.aucJudd(MAP, Grid.of(new double[][] {{0, 0}, {0, 0}}), new Random(1))));
    }

    @Test
    void nssIsTheMeanZScoreAtTheFixations() {
        // Mean 0.45, deviations (0.45, -0.35, 0.05, -0.15), sum of squares 0.35, std sqrt(0.35 / 3).
        double std = Math.sqrt(0.35 / 3);
        assertEquals((0.45 / std - 0.15 / std) / 2, SaliencyMetrics.nss(MAP, FIX), 1e-12);
        assertEquals(0.4391550328268399, SaliencyMetrics.nss(MAP, FIX), 1e-12);
    }

    @Test
    void ccIsPearsonsCorrelationWithTheDensity() {
        // Map deviations (0.45, -0.35, 0.05, -0.15); density mean 0.3, deviations (-0.1, -0.2, 0, 0.3):
        // sum of products -0.045 + 0.07 + 0 - 0.045 = -0.02; sums of squares 0.35 and 0.14.
        assertEquals(-0.02 / Math.sqrt(0.35 * 0.14), SaliencyMetrics.cc(MAP, DENSITY), 1e-12);
    }

    @Test
    void similarityIntersectsTheTwoNormalisedDistributions() {
        // Map -> (1, 0, 0.5, 0.25) / 1.75; density -> (0.2, 0, 0.4, 1) / 1.6; minima 0.2/1.6, 0, 0.25, 0.25/1.75.
        double expected = 0.2 / 1.6 + 0 + Math.min(0.5 / 1.75, 0.4 / 1.6) + Math.min(0.25 / 1.75, 1 / 1.6);
        assertEquals(expected, SaliencyMetrics.similarity(MAP, DENSITY), 1e-12);
        assertEquals(0.5178571428571428, expected, 1e-12);
    }

    @Test
    void klDividesEachMapByItsSumWithoutMinMax() {
        // p = (0.9, 0.1, 0.5, 0.3) / 1.8, q = (0.2, 0.1, 0.3, 0.6) / 1.2.
        double[] p = {0.5, 0.1 / 1.8, 0.5 / 1.8, 0.3 / 1.8};
        double[] q = {0.2 / 1.2, 0.1 / 1.2, 0.3 / 1.2, 0.6 / 1.2};
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            expected += q[i] * Math.log(SaliencyMetrics.EPS + q[i] / (p[i] + SaliencyMetrics.EPS));
        }
        assertEquals(expected, SaliencyMetrics.kl(MAP, DENSITY), 1e-12);
        assertEquals(0.373652726317259, expected, 1e-12);
        assertEquals(0, SaliencyMetrics.kl(DENSITY, DENSITY), 1e-12, "a map against itself");
    }

    @Test
    void infoGainComparesLogProbabilitiesAtTheFixationsWithTheBaseline() {
        // Map distribution (1, 0, 0.5, 0.25) / 1.75; baseline (1 2 / 3 4) -> (0, 1/3, 2/3, 1) / 2. Fixations at
        // pixels 0 and 3: log2(eps + 1/1.75) - log2(eps + 0) and log2(0.25/1.75) - log2(0.5), averaged.
        Grid baseline = Grid.of(new double[][] {{1, 2}, {3, 4}});
        double eps = SaliencyMetrics.EPS;
        double expected = (log2(eps + 1 / 1.75) - log2(eps) + log2(eps + 0.25 / 1.75) - log2(eps + 0.5)) / 2;
        assertEquals(expected, SaliencyMetrics.infoGain(MAP, FIX, baseline), 1e-9);
        assertEquals(0, SaliencyMetrics.infoGain(baseline, FIX, baseline), 1e-12, "no gain over itself");
    }

    @Test
    void borjisSweepIsTheTrapezoidOverTenthSteps() {
        // Thresholds 1.0 .. 0 by 0.1: tp 1/2 down to 0.6 then 1; fp 0 above 0.6, 1/2 to 0.3, then 1. Area 1/4 + 1/2,
        // which is the share of (positive, negative) pairs ordered correctly: 3 of 4.
        assertEquals(0.75, SaliencyMetrics.sweptAuc(new double[] {1.0, 0.5}, new double[] {0.2, 0.6}), 1e-12);
    }

    @Test
    void borjiAndShuffledAucWhereTheDrawsCannotMatter() {
        // A 10x10 map that is 1 on the 10 fixated pixels and 0 elsewhere.
        double[] s = new double[100];
        double[] f = new double[100];
        double[] others = new double[100];
        for (int i = 0; i < 100; i++) {
            boolean fixated = i % 10 == 0;
            s[i] = fixated ? 1 : 0;
            f[i] = fixated ? 1 : 0;
            others[i] = fixated ? 0 : 1;
        }
        Grid map = new Grid(10, 10, s);
        Grid fix = new Grid(10, 10, f);
        // Negatives on other images' fixations that are all unfixated here: a perfect separation.
        assertEquals(1.0, SaliencyMetrics.aucShuffled(map, fix, new Grid(10, 10, others), new Random(3)), 1e-12);
        // Negatives on the same fixations: no separation at all.
        assertEquals(0.5, SaliencyMetrics.aucShuffled(map, fix, fix, new Random(3)), 1e-12);
        // Uniform negatives hit a fixated pixel one time in ten (scoring 1/2 there): expectation 1 - 0.1 / 2.
        assertEquals(0.95, SaliencyMetrics.aucBorji(map, fix, new Random(3)), 0.02);
        assertEquals(SaliencyMetrics.aucBorji(map, fix, new Random(3)), SaliencyMetrics.aucBorji(map, fix, new Random(3)), 0,
                "seeded: the same draws");
        assertThrows(IllegalArgumentException.class, () -> SaliencyMetrics.aucShuffled(map, fix, FIX, new Random(3)));
    }

    @Test
    void mapsOfAnotherSizeAreResizedToTheFixationMap() {
        // A 4x4 map that is the 2x2 map's pixels doubled: bicubic shrinking back restores its ranking at the fixations.
        Grid big = ImResize.bicubic(MAP, 4, 4);
        assertEquals(4, big.height());
        assertEquals(SaliencyMetrics.nss(ImResize.bicubic(big, 2, 2), FIX), SaliencyMetrics.nss(big, FIX), 1e-12);
        SaliencyScores scores = SaliencyScores.of(big, new GroundTruth(FIX, DENSITY), null, Grid.of(new double[][] {{1, 2}, {3, 4}}), 7);
        assertTrue(Double.isNaN(scores.aucShuffled()), "no other images: no shuffled AUC");
        assertEquals(8, scores.values().length);
        assertThrows(IllegalArgumentException.class, () -> GroundTruth.fromFixations(Grid.of(new double[][] {{0, 0}, {0, 0}})));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
