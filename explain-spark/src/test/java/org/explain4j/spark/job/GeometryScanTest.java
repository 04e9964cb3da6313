package org.explain4j.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.explain4j.core.io.InputException;
import org.explain4j.datasets.segy.SampleFormat;
import org.explain4j.datasets.segy.SegyFile;
import org.explain4j.datasets.segy.SegyLayout;
import org.explain4j.datasets.segy.SegyOptions;
import org.explain4j.datasets.segy.SegyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeometryScanTest {

    @TempDir
    Path dir;

    @Test
    void rangesThatCutAnInlineAnywhereJoinIntoTheSameInlines() throws IOException {
        Path file = dir.resolve("s.sgy");
        SegyWriter.write(file, SegyWriter.Layout.standard(SampleFormat.IEEE_FLOAT, ByteOrder.LITTLE_ENDIAN), new int[]{5, 7, 9},
                new int[]{1, 2, 3, 4}, 3, (i, x) -> new float[]{i, x, 0});
        SegyLayout layout;
        try (SegyFile f = SegyFile.open(file, SegyOptions.defaults())) {
            layout = f.layout();
        }
        List<GeometryScan.InlineRun> whole = GeometryScan.runsOf(file.toString(), layout, Map.of(), 0, 12);
        assertEquals(List.of(new GeometryScan.InlineRun(5, 0, 4, 1, 4), new GeometryScan.InlineRun(7, 4, 4, 1, 4),
                new GeometryScan.InlineRun(9, 8, 4, 1, 4)), whole);
        for (int cut = 1; cut < 12; cut++) {
            List<GeometryScan.InlineRun> parts = new ArrayList<>(GeometryScan.runsOf(file.toString(), layout, Map.of(), cut, 12 - cut));
            parts.addAll(GeometryScan.runsOf(file.toString(), layout, Map.of(), 0, cut));
            assertEquals(whole, GeometryScan.joined(parts), "cut at trace " + cut);
        }
        GeometryScan.checkRegular(whole, "s.sgy");
    }

    @Test
    void crosslineSortedOrIrregularSurveysAreRefused() {
        List<GeometryScan.InlineRun> crosslineSorted = List.of(new GeometryScan.InlineRun(1, 0, 1, 1, 1), new GeometryScan.InlineRun(2, 1, 1, 1, 1),
                new GeometryScan.InlineRun(1, 2, 1, 2, 2));
        assertThrows(InputException.class, () -> GeometryScan.checkRegular(crosslineSorted, "x"));
        List<GeometryScan.InlineRun> ragged = List.of(new GeometryScan.InlineRun(1, 0, 4, 1, 4), new GeometryScan.InlineRun(2, 4, 3, 1, 3));
        assertThrows(InputException.class, () -> GeometryScan.checkRegular(ragged, "x"));
    }
}
