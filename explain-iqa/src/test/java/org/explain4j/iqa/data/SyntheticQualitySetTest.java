package org.explain4j.iqa.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.explain4j.datasets.iqa.Kadid10kReader;
import org.explain4j.datasets.iqa.QualitySample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticQualitySetTest {

    @TempDir
    Path dir;

    @Test
    void writesAKadidLayoutWhoseScoresFallWithTheLevel() throws IOException {
        int written = SyntheticQualitySet.write(dir, 2, 64, 48, 3, (d, t) -> { });
        assertEquals(80, written);
        List<QualitySample> samples = Kadid10kReader.read(dir);
        assertEquals(80, samples.size());
        assertTrue(samples.stream().allMatch(s -> s.mos() >= 1 && s.mos() <= 5));
        for (int ref = 1; ref <= 2; ref++) {
            for (int d = 1; d <= 8; d++) {
                int r = ref;
                int t = d;
                double l1 = samples.stream().filter(s -> s.referenceId() == r && s.distortion() == t && s.level() == 1).findFirst().orElseThrow().mos();
                double l5 = samples.stream().filter(s -> s.referenceId() == r && s.distortion() == t && s.level() == 5).findFirst().orElseThrow().mos();
                assertTrue(l5 < l1, "reference " + ref + ", distortion " + d + ": level 5 scores " + l5 + ", level 1 " + l1);
            }
        }
        List<String> regions = Files.readAllLines(dir.resolve("regions.csv"));
        assertEquals(1 + 2 * 5, regions.size(), "one line per local-patch image");
        assertTrue(regions.get(1).startsWith("I01_08_01.png,"), regions.get(1));
    }
}
