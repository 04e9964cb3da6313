package org.explain4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** AUROC, AUPR and FPR at 95% TPR against values worked out by hand, ties included. */
class DetectionTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void perfectAndReversedSeparation() {
        Detection d = Detection.of(new double[] {0.9, 0.8, 0.2, 0.1}, new boolean[] {T, T, F, F});
        assertEquals(1.0, d.auroc(), 1e-12);
        assertEquals(1.0, d.aupr(), 1e-12);
        assertEquals(0.0, d.fprAt95Tpr(), 1e-12);
        Detection r = Detection.of(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {T, T, F, F});
        assertEquals(0.0, r.auroc(), 1e-12);
        assertEquals(1.0, r.fprAt95Tpr(), 1e-12);
    }

    @Test
    void handWorkedExampleWithoutTies() {
        // descending: 0.9 P, 0.8 N, 0.7 P, 0.6 N, 0.5 N, 0.4 P  (3 positives, 3 negatives)
        // pairs won by the positive: 0.9 beats 3, 0.7 beats 2, 0.4 beats 0 -> 5 of 9
        // precision at each recall step: 1/1, 2/3, 3/6 -> AP = (1 + 2/3 + 1/2) / 3 = 13/18
        // TPR reaches 1 >= 0.95 only at 0.4, where FPR = 3/3
        Detection d = Detection.of(new double[] {0.4, 0.9, 0.5, 0.7, 0.8, 0.6}, new boolean[] {T, T, F, T, F, F});
        assertEquals(5.0 / 9, d.auroc(), 1e-12);
        assertEquals(13.0 / 18, d.aupr(), 1e-12);
        assertEquals(1.0, d.fprAt95Tpr(), 1e-12);
        assertEquals(7, d.roc().size());
    }

    @Test
    void tiesCountHalf() {
        // every score equal: a single diagonal step, AUROC 1/2, AP = the positive share
        Detection flat = Detection.of(new double[] {1, 1, 1, 1, 1}, new boolean[] {T, F, F, T, F});
        assertEquals(0.5, flat.auroc(), 1e-12);
        assertEquals(0.4, flat.aupr(), 1e-12);
        assertEquals(2, flat.roc().size());
        // positives 0.9 and 0.5, negatives 0.5 and 0.1: pairs 1 + 1 + 0.5 (tie) + 1 = 3.5 of 4
        // thresholds: 0.9 -> (0, 1/2), P=1; 0.5 -> (1/2, 1), P=2/3; AP = 1/2 * 1 + 1/2 * 2/3 = 5/6
        Detection d = Detection.of(new double[] {0.9, 0.5, 0.5, 0.1}, new boolean[] {T, T, F, F});
        assertEquals(3.5 / 4, d.auroc(), 1e-12);
        assertEquals(5.0 / 6, d.aupr(), 1e-12);
        assertEquals(0.5, d.fprAt95Tpr(), 1e-12);
    }

    @Test
    void fprAt95TprOnTwentyPositives() {
        // 20 positives scored 100..81, 10 negatives: 9 of them above the 19th positive
        double[] s = new double[30];
        boolean[] p = new boolean[30];
        for (int i = 0; i < 20; i++) {
            s[i] = 100 - i;
            p[i] = true;
        }
        for (int j = 0; j < 10; j++) {
            s[20 + j] = j < 9 ? 82.5 : 0;
        }
        // TPR 19/20 = 0.95 is reached at score 82, after the nine negatives at 82.5: FPR 9/10
        assertEquals(0.9, Detection.of(s, p).fprAt95Tpr(), 1e-12);
    }

    @Test
    void aurocEqualsTheMannWhitneyCountOnRandomScores() {
        Random r = new Random(3);
        double[] s = new double[300];
        boolean[] p = new boolean[300];
        for (int i = 0; i < s.length; i++) {
            p[i] = r.nextBoolean();
            s[i] = Math.round((r.nextGaussian() + (p[i] ? 0.7 : 0)) * 4) / 4.0; // coarse: many ties
        }
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (p[i] && !p[j]) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        assertEquals(wins / pairs, Detection.of(s, p).auroc(), 1e-12);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Detection.of(new double[] {1, 2}, new boolean[] {T, T}));
        assertThrows(IllegalArgumentException.class, () -> Detection.of(new double[] {1}, new boolean[] {T, F}));
        assertThrows(IllegalArgumentException.class, () -> Detection.of(new double[] {Double.NaN, 1}, new boolean[] {T, F}));
    }
}
