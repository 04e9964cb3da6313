package org.explain4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.datasets.segy.SampleFormat;
import org.explain4j.datasets.segy.SegyWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code explain seismic info|slice} on surveys the test writes. */
class SeismicCommandTest {

    @TempDir
    static Path dir;
    private static Path survey;
    private static Path oldStyle;

    @BeforeAll
    static void surveys() throws IOException {
        survey = dir.resolve("survey.sgy");
        SegyWriter.write(survey, SegyWriter.Layout.standard(SampleFormat.IBM_FLOAT, ByteOrder.BIG_ENDIAN), new int[] {100, 101, 102},
                new int[] {7, 8}, 5, (i, x) -> new float[] {i, x, i * 10 + x, -1, 0.5f});
        oldStyle = dir.resolve("old.sgy");
        SegyWriter.write(oldStyle, SegyWriter.Layout.standard(SampleFormat.IEEE_FLOAT, ByteOrder.LITTLE_ENDIAN).withBytes(9, 21).withEbcdic(false),
                new int[] {1, 2}, new int[] {1, 2, 3}, 4, (i, x) -> new float[] {i, x, 0, 1});
    }

    @Test
    void infoPrintsTheHeadersAndTheGrid() {
        CoreCommandTest.Result r = CoreCommandTest.run("seismic", "info", "--segy", survey.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("format                 1 (ibm float)") && r.out().contains("inlines                3 (100 to 102, byte 189)")
                && r.out().contains("C 1 written by explain4j"), r.out());
        CoreCommandTest.Result old = CoreCommandTest.run("seismic", "info", "--segy", oldStyle.toString(), "--iline-byte", "9", "--xline-byte", "21");
        assertTrue(old.status() == 0 && old.out().contains("little-endian") && old.out().contains("ASCII"), old.out() + old.err());
    }

    @Test
    void slicesAreWrittenAsFloat32Npy() {
        Path inline = dir.resolve("il.npy");
        assertEquals(0, CoreCommandTest.run("seismic", "slice", "--segy", survey.toString(), "--inline", "101", "--out", inline.toString()).status());
        INDArray il = NpyFiles.read(inline);
        assertArrayEquals(new long[] {2, 5}, il.shape(), "[crosslines, samples]");
        assertArrayEquals(new float[] {1, 1, 11, -1, 0.5f}, il.getRow(1).toFloatVector());
        Path depth = dir.resolve("d.npy");
        assertEquals(0, CoreCommandTest.run("seismic", "slice", "--segy", survey.toString(), "--depth", "2", "--out", depth.toString()).status());
        INDArray d = NpyFiles.read(depth);
        assertArrayEquals(new long[] {3, 2}, d.shape(), "[inlines, crosslines]");
        assertEquals(21f, d.getFloat(2, 1));
        Path xl = dir.resolve("xl.npy");
        assertEquals(0, CoreCommandTest.run("seismic", "slice", "--segy", oldStyle.toString(), "--iline-byte", "9", "--xline-byte", "21",
                "--crossline", "3", "--out", xl.toString()).status());
        assertArrayEquals(new long[] {2, 4}, NpyFiles.read(xl).shape());
    }

    @Test
    void generateWritesLandmassPatchesAndASurveyThatTheOtherActionsRead() throws Exception {
        Path out = dir.resolve("generated");
        CoreCommandTest.Result r = CoreCommandTest.run("seismic", "generate", "--out", out.toString(), "--patches-per-class", "3",
                "--survey", "2x30x40", "--seed", "5");
        assertEquals(0, r.status(), r.err());
        assertEquals(12, org.explain4j.datasets.landmass.LandmassReader.read(out).data().size());
        CoreCommandTest.Result info = CoreCommandTest.run("seismic", "info", "--segy", out.resolve("survey.sgy").toString());
        assertTrue(info.out().contains("inlines                2 (100 to 101, byte 189)"), info.out());
        assertArrayEquals(new long[] {30, 40}, NpyFiles.read(out.resolve("survey-fault-mask.npy")).shape());
        assertEquals(2, CoreCommandTest.run("seismic", "generate", "--out", out.toString(), "--survey", "2x30").status());
    }

    @Test
    void explainAnswersContrastsAboutAPatchWithTheShippedClassifier() throws Exception {
        Path data = dir.resolve("patches");
        CoreCommandTest.run("seismic", "generate", "--out", data.toString(), "--patches-per-class", "1", "--survey", "1x2x8", "--seed", "77");
        Path out = dir.resolve("explained");
        CoreCommandTest.Result r = CoreCommandTest.run("seismic", "explain", "--input", data.resolve("fault/fault_00000.mat").toString(),
                "--why", "fault", "--rather", "salt_dome", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Why fault, rather than salt_dome?"), r.out());
        assertTrue(java.nio.file.Files.isRegularFile(out.resolve("why-2-rather-3.raw.npy")), r.out());
        Path wrongSize = dir.resolve("small.mat");
        org.explain4j.datasets.landmass.MatWriter.write(wrongSize, "img", new float[][] {{0.1f, 0.2f}, {0.3f, 0.4f}});
        CoreCommandTest.Result bad = CoreCommandTest.run("seismic", "explain", "--input", wrongSize.toString(), "--out", dir.resolve("no").toString());
        assertEquals(2, bad.status(), bad.err());
        assertTrue(bad.err().contains("2x2") && !java.nio.file.Files.exists(dir.resolve("no")), bad.err());
    }

    @Test
    void badCallsAreOneLineAndWriteNothing() {
        Path out = dir.resolve("never.npy");
        for (String[] args : new String[][] {
            {"seismic"}, {"seismic", "cut"}, {"seismic", "info"}, {"seismic", "info", "--segy", dir.resolve("none.sgy").toString()},
            {"seismic", "slice", "--segy", survey.toString(), "--out", out.toString()},
            {"seismic", "slice", "--segy", survey.toString(), "--inline", "101", "--depth", "1", "--out", out.toString()},
            {"seismic", "slice", "--segy", survey.toString(), "--inline", "99", "--out", out.toString()},
            {"seismic", "slice", "--segy", survey.toString(), "--depth", "5", "--out", out.toString()},
            {"seismic", "slice", "--segy", survey.toString(), "--inline", "101"},
            {"seismic", "slice", "--segy", survey.toString(), "--inline", "101", "--out", dir.toString()},
            {"seismic", "slice", "--segy", oldStyle.toString(), "--inline", "1", "--out", out.toString()},
            {"seismic", "info", "--segy", survey.toString(), "--endian", "middle"},
            {"seismic", "info", "--segy", survey.toString(), "--iline-byte", "239"},
            {"seismic", "info", "--segy", survey.toString(), "--iline-byte", "9", "--xline-byte", "9"}}) {
            CoreCommandTest.Result r = CoreCommandTest.run(args);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(java.nio.file.Files.exists(out), String.join(" ", args));
        }
    }
}
