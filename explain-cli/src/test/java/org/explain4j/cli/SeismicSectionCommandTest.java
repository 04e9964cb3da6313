package org.explain4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.datasets.seismic.SeismicKind;
import org.explain4j.datasets.seismic.SyntheticSeismic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code explain seismic section|figure|evidence|bench} and folder runs of {@code seismic explain}, with the shipped classifier. */
class SeismicSectionCommandTest {

    @TempDir
    static Path dir;
    private static Path survey;

    @BeforeAll
    static void survey() throws Exception {
        survey = dir.resolve("survey.sgy");
        SyntheticSeismic.writeSurvey(survey, 2, 160, 110, SeismicKind.FAULT, 3);
    }

    @Test
    void anInlineIsExplainedWindowByWindowIntoAViewAndArrays() throws Exception {
        Path out = dir.resolve("section");
        CoreCommandTest.Result r = CoreCommandTest.run("seismic", "section", "--segy", survey.toString(), "--inline", "101", "--why", "fault",
                "--rather", "salt_dome", "--stride", "20", "--html", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("inline 101 of survey.sgy: 160 traces x 110 samples, 10 windows") && r.out().contains("Why fault, rather than salt_dome?"),
                r.out());
        INDArray map = NpyFiles.read(out.resolve("why-fault-rather-salt_dome.npy"));
        assertArrayEquals(new long[] {160, 110}, map.shape(), "[traces, samples], as seismic slice writes the inline");
        assertArrayEquals(new long[] {160, 110}, NpyFiles.read(out.resolve("classes.npy")).shape());
        String json = Files.readString(out.resolve("section.json"));
        assertTrue(json.contains("\"stride\" : 20") && json.contains("\"section\" : \"inline 101 of survey.sgy\""), json);
        assertTrue(Files.size(out.resolve("section.png")) > 1000);
        String page = Files.readString(out.resolve("report.html"));
        assertTrue(page.contains("\"image\":\"section.png\"") && page.contains("Why fault, rather than salt_dome?"), page.substring(0, 400));
    }

    @Test
    void npySectionsAndFoldersOfThemAreExplainedAndABadFileIsSkipped() throws Exception {
        Path sections = Files.createDirectories(dir.resolve("sections"));
        NpyFiles.write(sections.resolve("a.npy"), Nd4j.createFromArray(SyntheticSeismic.section(120, 100, SeismicKind.SALT_DOME, 5).amplitude()));
        NpyFiles.write(sections.resolve("small.npy"), Nd4j.rand(50, 100));
        Files.writeString(sections.resolve("broken.npy"), "not numpy");
        Path out = dir.resolve("folder");
        CoreCommandTest.Result r = CoreCommandTest.run("seismic", "section", "--input", sections.toString(), "--stride", "30", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("explained 1 of 3 sections"), r.out());
        assertTrue(r.err().contains("skipped 2 file(s)") && r.err().contains("50 traces x 100 samples"), r.err());
        assertTrue(Files.isRegularFile(out.resolve("a/section.png")), "each section in its own folder");
        assertFalse(Files.exists(out.resolve("small")));
        CoreCommandTest.Result one = CoreCommandTest.run("seismic", "section", "--input", sections.resolve("a.npy").toString(), "--stride", "30",
                "--out", dir.resolve("one").toString());
        assertEquals(0, one.status(), one.err());
        assertTrue(one.out().contains("Why each window's class, rather than its runner-up?"), one.out());
    }

    @Test
    void theFigureHasARowPerClass() {
        Path out = dir.resolve("figure");
        CoreCommandTest.Result r = CoreCommandTest.run("seismic", "figure", "--patches-per-class", "3", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(4, r.out().lines().filter(l -> l.startsWith("P = ")).count(), r.out());
        assertTrue(Files.isRegularFile(out.resolve("figure.png")) && Files.isRegularFile(out.resolve("figure.json")));
    }

    @Test
    void benchAndEvidencePrintTheirTables() {
        CoreCommandTest.Result b = CoreCommandTest.run("seismic", "bench", "--traces", "120", "--samples", "100", "--stride", "20", "--repeats", "1");
        assertEquals(0, b.status(), b.err());
        assertTrue(b.out().contains("| 120 x 100 | 20 | 6 | 32 |"), b.out());
        CoreCommandTest.Result e = CoreCommandTest.run("seismic", "evidence", "--sections", "1", "--traces", "150", "--samples", "100", "--stride", "25");
        assertEquals(0, e.status(), e.err());
        assertTrue(e.out().contains("| Why fault, rather than salt dome? | fault band") && e.out().contains("| Why salt dome, rather than fault? | salt body"),
                e.out());
    }

    @Test
    void aFolderOfPatchesIsExplainedPatchByPatch() throws Exception {
        Path data = dir.resolve("patches");
        CoreCommandTest.run("seismic", "generate", "--out", data.toString(), "--patches-per-class", "1", "--survey", "1x2x8", "--seed", "9");
        Files.delete(data.resolve("survey-fault-mask.npy"));
        Files.writeString(data.resolve("fault/broken.mat"), "MATLAB 5.0 MAT-file, but cut");
        Path out = dir.resolve("patch-folder");
        CoreCommandTest.Result r = CoreCommandTest.run("seismic", "explain", "--input", data.toString(), "--rather", "salt_dome", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("explained 4 images"), r.out());
        assertTrue(r.err().contains("skipped 1 unreadable file(s)") && r.err().contains("broken.mat"), r.err());
        assertTrue(Files.isRegularFile(out.resolve("fault/fault_00000/explanations.json")), "OUT/<class>/<patch>/");
    }

    @Test
    void badSectionCallsAreOneLineAndWriteNothing() {
        Path out = dir.resolve("never");
        for (String[] args : new String[][] {
            {"seismic", "section", "--out", out.toString()},
            {"seismic", "section", "--segy", survey.toString(), "--input", "x.npy", "--out", out.toString()},
            {"seismic", "section", "--segy", survey.toString(), "--out", out.toString()},
            {"seismic", "section", "--segy", survey.toString(), "--inline", "7", "--out", out.toString()},
            {"seismic", "section", "--segy", survey.toString(), "--inline", "100", "--why", "volcano", "--out", out.toString()},
            {"seismic", "section", "--segy", survey.toString(), "--inline", "100", "--stride", "0", "--out", out.toString()},
            {"seismic", "section", "--segy", survey.toString(), "--inline", "100", "--stride", "100", "--out", out.toString()},
            {"seismic", "section", "--segy", survey.toString(), "--inline", "100", "--method", "magic", "--out", out.toString()},
            {"seismic", "section", "--input", dir.resolve("none.npy").toString(), "--out", out.toString()},
            {"seismic", "figure", "--rather", "fault", "--rather", "horizon", "--rather", "chaotic", "--out", out.toString()},
            {"seismic", "bench", "--traces", "50"},
            {"seismic", "evidence", "--samples", "20"}}) {
            CoreCommandTest.Result r = CoreCommandTest.run(args);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(out), String.join(" ", args));
        }
    }
}
