package org.explain4j.core.novelty.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.explain4j.core.metrics.Detection;
import org.explain4j.core.novelty.features.GradientFeatures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The scores and the statistics they read, on hand-made numbers. */
class NoveltyScoreTest {

    /** Two sites, three samples. */
    private static SampleStatistics three() {
        return new SampleStatistics(List.of("a", "b"), new double[] {0.1, 0.2, 0.4},
                new double[][] {{1, 2, 3}, {3, 2, 1}}, new double[][] {{0.5, 0.0, -0.5}, {0.9, 0.2, 0.1}},
                new double[][] {{1, 0.5, 0}, {0, 0.5, -1}});
    }

    @Test
    void statisticsOfABatchAreNormsAndCosinesToTheReference() {
        INDArray a = Nd4j.createFromArray(new double[][] {{3, 4}, {0, 0}, {-1, 0}});
        INDArray b = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 2, 0}, {1, 1, 0}});
        GradientFeatures.Batch batch = new GradientFeatures.Batch(Map.of("a", a, "b", b), Nd4j.createFromArray(1.0, 2.0, 3.0), null);
        SampleStatistics s = SampleStatistics.of(batch, List.of("a", "b"),
                List.of(Nd4j.createFromArray(1.0, 0.0), Nd4j.createFromArray(0.0, 3.0, 0.0)),
                List.of(Nd4j.createFromArray(0.0, -2.0), Nd4j.createFromArray(1.0, 0.0, 0.0)));
        assertArrayEquals(new double[] {5, 0, 1}, s.norm()[0], 1e-12);
        assertArrayEquals(new double[] {1, 2, Math.sqrt(2)}, s.norm()[1], 1e-12);
        assertArrayEquals(new double[] {0.6, 0, -1}, s.cosine()[0], 1e-12, "a zero gradient has cosine 0");
        assertArrayEquals(new double[] {0, 1, Math.sqrt(0.5)}, s.cosine()[1], 1e-12);
        assertArrayEquals(new double[] {-0.8, 0, 0}, s.cosineToMean()[0], 1e-12);
        assertArrayEquals(new double[] {1, 0, Math.sqrt(0.5)}, s.cosineToMean()[1], 1e-12);
        assertArrayEquals(new double[] {1, 2, 3}, s.loss(), 1e-12);
    }

    @Test
    void closedFormScores() {
        SampleStatistics s = three();
        assertArrayEquals(new double[] {0.1, 0.2, 0.4}, new NoveltyScore.Reconstruction().of(s), 1e-12);
        assertArrayEquals(new double[] {2, 2, 2}, new NoveltyScore.GradientNorm().of(s), 1e-12);
        assertArrayEquals(new double[] {-0.7, -0.1, 0.2}, new NoveltyScore.GradientCosine().of(s), 1e-12);
        assertArrayEquals(new double[] {-0.5, -0.5, 0.5}, new NoveltyScore.InlierCosine().of(s), 1e-12);
        // GradCON, negated: MSE - 0.12 x mean cosine
        assertArrayEquals(new double[] {0.1 - 0.12 * 0.7, 0.2 - 0.12 * 0.1, 0.4 + 0.12 * 0.2}, new NoveltyScore.GradCon(0.12).of(s), 1e-12);
    }

    @Test
    void mahalanobisIsZeroAtTheMeanAndGrowsByTheInverseCovariance() {
        // one site: columns are log loss, log norm, cosine; inliers spread along each axis independently
        double e = Math.E;
        SampleStatistics inliers = new SampleStatistics(List.of("a"), new double[] {1, 1, e, 1 / e, 1, 1, 1},
                new double[][] {{1, 1, 1, 1, e * e, 1 / (e * e), 1}}, new double[][] {{0, 0, 0, 0, 0, 0, 0.7}},
                new double[][] {{0.2, -0.2, 0, 0, 0, 0, 0}});
        NoveltyScore.Mahalanobis m = NoveltyScore.Mahalanobis.fit(inliers);
        // means: log loss 0, log norm 0, cosine 0.1, cosine to the mean 0; variances (n-1 = 6): 2/6, 8/6,
        // (6 x 0.01 + 0.36)/6 = 0.07, 0.08/6; every covariance is 0 (no two columns move on the same sample, except
        // the cosine's -0.1 offsets, which sum to zero against the others)
        assertArrayEquals(new double[] {0, 0, 0.1, 0}, m.mean(), 1e-12);
        SampleStatistics probe = new SampleStatistics(List.of("a"), new double[] {1, e},
                new double[][] {{1, 1}}, new double[][] {{0.1, 0.1}}, new double[][] {{0, 0}});
        double[] d = m.of(probe);
        assertEquals(0, d[0], 1e-6);
        // the covariance is diagonal except the cosine's covariance with the others, which is 0 here too
        assertEquals(Math.sqrt(1 / (2.0 / 6)), d[1], 1e-5);
        assertThrows(IllegalArgumentException.class, () -> NoveltyScore.Mahalanobis.fit(probe.rows(new int[] {0})));
    }

    @Test
    void learnedHeadSeparatesSeparableStatisticsAndIsDeterministic() {
        int n = 40;
        double[] loss = new double[n];
        double[][] norm = new double[1][n];
        double[][] cos = new double[1][n];
        boolean[] novel = new boolean[n];
        for (int i = 0; i < n; i++) {
            novel[i] = i % 2 == 1;
            loss[i] = 0.01 * (1 + i % 5);
            norm[0][i] = novel[i] ? 3 + 0.1 * i : 1 + 0.01 * i;
            cos[0][i] = 0.3;
        }
        SampleStatistics s = new SampleStatistics(List.of("a"), loss, norm, cos, cos);
        NoveltyScore.LearnedHead h = NoveltyScore.LearnedHead.fit(s, novel, 300);
        assertEquals(1.0, Detection.of(h.of(s), novel).auroc(), 1e-12);
        assertArrayEquals(h.weights(), NoveltyScore.LearnedHead.fit(s, novel, 300).weights(), 0);
        assertThrows(IllegalArgumentException.class, () -> NoveltyScore.LearnedHead.fit(s, new boolean[3], 10));
    }

    @Test
    void rowsAndAppendKeepEverySiteAligned() {
        SampleStatistics s = three();
        SampleStatistics picked = s.rows(new int[] {2, 0});
        assertArrayEquals(new double[] {0.4, 0.1}, picked.loss(), 0);
        assertArrayEquals(new double[] {1, 3}, picked.norm()[1], 0);
        SampleStatistics joined = SampleStatistics.empty(List.of("a", "b")).append(picked).append(s);
        assertEquals(5, joined.size());
        assertArrayEquals(new double[] {-0.5, 0.5, 0.5, 0.0, -0.5}, joined.cosine()[0], 0);
        assertArrayEquals(new double[] {-1, 0, 0, 0.5, -1}, joined.cosineToMean()[1], 0);
        assertThrows(IllegalArgumentException.class, () -> s.append(SampleStatistics.empty(List.of("a"))));
    }
}
