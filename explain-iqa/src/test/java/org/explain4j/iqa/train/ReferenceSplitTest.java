package org.explain4j.iqa.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.explain4j.datasets.iqa.QualitySample;
import org.junit.jupiter.api.Test;

class ReferenceSplitTest {

    @Test
    void noReferenceIsOnBothSides() {
        List<QualitySample> all = new ArrayList<>();
        for (int ref = 1; ref <= 10; ref++) {
            for (int d = 1; d <= 3; d++) {
                all.add(new QualitySample(Path.of("d" + ref + "_" + d), Path.of("r" + ref), d, ref, d, 1));
            }
        }
        ReferenceSplit s = ReferenceSplit.of(all, 0.2, 3);
        assertEquals(2, s.testReferences().size());
        Set<Integer> trainRefs = s.train().stream().map(QualitySample::referenceId).collect(Collectors.toSet());
        assertTrue(trainRefs.stream().noneMatch(s.testReferences()::contains));
        assertEquals(24, s.train().size());
        assertEquals(6, s.test().size());
        assertEquals(s.testReferences(), ReferenceSplit.of(all, 0.2, 3).testReferences(), "the seed fixes the split");
    }
}
