package org.explain4j.seismic.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.seismic.section.SectionExplanation;
import org.explain4j.seismic.section.SectionWindows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SectionFilesTest {

    @TempDir
    Path dir;

    @Test
    void mapsAreWrittenAsTracesBySamplesLikeTheSliceTheyExplain() throws Exception {
        SectionWindows w = new SectionWindows(7, 5, 3, 2); // 3 x 2 windows... columns 0,2,4 ; rows 0,2
        INDArray signed = Nd4j.arange(35).reshape(5, 7).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT); // [samples, traces]
        int[] predicted = {0, 1, 2, 3, 0, 1};
        INDArray probabilities = Nd4j.arange(24).reshape(6, 4).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        SectionExplanation a = new SectionExplanation(w, List.of("Why fault?"), List.of(signed.add(1)), List.of(signed), probabilities,
                predicted, 6, 1.5);
        Path out = dir.resolve("out");
        SectionReport r = SectionFiles.write(out, a, new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), List.of("why-fault"), c -> "c" + c,
                new SectionFiles.Context("cmd", "model", "gradcam", "relu3", "inline 1", 2.0));
        INDArray back = NpyFiles.read(out.resolve("why-fault.npy"));
        assertArrayEquals(new long[] {7, 5}, back.shape());
        assertEquals(signed.getFloat(3, 6), back.getFloat(6, 3), "trace 6, sample 3");
        assertArrayEquals(new long[] {7, 5}, NpyFiles.read(out.resolve("classes.npy")).shape());
        INDArray grid = NpyFiles.read(out.resolve("window-classes.npy"));
        assertArrayEquals(new long[] {3, 2}, grid.shape(), "[window columns, window rows]");
        assertEquals(3, grid.getInt(0, 1), "window row 1, column 0 is window 3");
        INDArray p = NpyFiles.read(out.resolve("probabilities.npy"));
        assertArrayEquals(new long[] {3, 2, 4}, p.shape());
        assertEquals(probabilities.getFloat(4, 2), p.getFloat(1, 1, 2), "window row 1, column 1 is window 4");
        assertEquals(1, r.windowsPerClass().get("c3"));
        assertTrue(Files.readString(out.resolve("section.json")).contains("\"windowClasses\" : \"window-classes.npy\""));
        assertTrue(Files.isRegularFile(out.resolve("section.png")) && Files.isRegularFile(out.resolve("why-fault.picture.npy")));
    }
}
