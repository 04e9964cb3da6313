package org.explain4j.seismic.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.explain4j.seismic.section.SectionExplanation;
import org.explain4j.seismic.section.SectionWindows;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SectionEvidenceTest {

    /** A 4-trace x 5-sample section whose only map is given ([samples, traces]). */
    private static SectionExplanation answer(float[][] picture) {
        INDArray p = Nd4j.createFromArray(picture);
        return new SectionExplanation(new SectionWindows(4, 5, 2, 2), List.of("Why?"), List.of(p), List.of(p),
                Nd4j.zeros(6, 4), new int[6], 6, 0);
    }

    @Test
    void theRatioIsTheMassShareInsideOverTheAreaShare() {
        // mask: trace 1, every sample (5 of 20 pixels: area share 1/4)
        boolean[][] mask = new boolean[4][5];
        java.util.Arrays.fill(mask[1], true);
        float[][] map = new float[5][4];
        for (int z = 0; z < 5; z++) {
            map[z][1] = 3; // 15 inside
            map[z][3] = 1; // 5 outside
        }
        SectionEvidence.Case c = SectionEvidence.measure("s", answer(map), 0, mask);
        assertEquals(0.25, c.areaShare(), 1e-9);
        assertEquals(0.75, c.massInside(), 1e-9);
        assertEquals(3.0, c.ratio(), 1e-9);
    }

    @Test
    void anEmptyMapScoresZeroAndAnEvenOneScoresOne() {
        boolean[][] mask = new boolean[4][5];
        mask[0][0] = true;
        assertEquals(0, SectionEvidence.measure("s", answer(new float[5][4]), 0, mask).ratio(), 0);
        float[][] even = new float[5][4];
        for (float[] row : even) {
            java.util.Arrays.fill(row, 2);
        }
        assertEquals(1, SectionEvidence.measure("s", answer(even), 0, mask).ratio(), 1e-6);
    }

    @Test
    void theSummaryCountsSectionsAtTwiceOrMore() {
        List<SectionEvidence.Case> cases = List.of(new SectionEvidence.Case("a", 3, 6, 0.5, 0.1), new SectionEvidence.Case("b", 3, 6, 0.1, 0.1),
                new SectionEvidence.Case("c", 0, 6, 0, 0.1));
        SectionEvidence.Summary s = SectionEvidence.Summary.of(cases);
        assertEquals(3, s.sections());
        assertEquals(2, s.meanRatio(), 1e-9);
        assertEquals(1, s.medianRatio(), 1e-9);
        assertEquals(1 / 3.0, s.atLeastTwice(), 1e-9);
        assertEquals(1, s.unanswered());
    }
}
