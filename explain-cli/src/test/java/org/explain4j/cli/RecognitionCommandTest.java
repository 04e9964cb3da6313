package org.explain4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recognition workflow end to end on a tiny synthetic sign set: generate, train, figure, deletion, folder run. */
class RecognitionCommandTest {

    @TempDir
    Path dir;

    @Test
    void generateTrainFigureDeletionAndFolderRun() throws IOException {
        Path data = dir.resolve("signs");
        CoreCommandTest.Result gen = CoreCommandTest.run("recognition", "generate-signs", "--out", data.toString(),
                "--train-per-class", "12", "--test-per-class", "3", "--challenged-per-class", "1");
        assertEquals(0, gen.status(), gen.err());
        Path model = dir.resolve("models/signs.fb");
        CoreCommandTest.Result train = CoreCommandTest.run("recognition", "train", "--data", "signs", "--data-dir", data.toString(),
                "--model", model.toString(), "--epochs", "2", "--batch", "32");
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("Accuracy per challenge type and level"), train.out());
        assertTrue(Files.isRegularFile(dir.resolve("models/signs.card.json")));
        JsonNode report = new ObjectMapper().readTree(dir.resolve("models/signs.report.json").toFile());
        assertEquals(60, report.get("challenges").size());
        assertEquals(42, report.get("testImages").asInt());

        Path figure = dir.resolve("fig");
        CoreCommandTest.Result fig = CoreCommandTest.run("recognition", "figure", "--data", "signs", "--data-dir", data.toString(),
                "--model", model.toString(), "--rows", "2", "--out", figure.toString());
        assertEquals(0, fig.status(), fig.err());
        assertEquals(Set.of("figure.png", "figure.json"), CoreCommandTest.list(figure));

        Path deletion = dir.resolve("del");
        CoreCommandTest.Result del = CoreCommandTest.run("recognition", "deletion", "--data", "signs", "--data-dir", data.toString(),
                "--model", model.toString(), "--images", "3", "--steps", "4", "--out", deletion.toString());
        assertEquals(0, del.status(), del.err());
        assertEquals(Set.of("deletion.png", "deletion.json", "deletion.md"), CoreCommandTest.list(deletion));

        Files.writeString(data.resolve("test/broken.png"), "not an image");
        Path explained = dir.resolve("explained");
        CoreCommandTest.Result run = CoreCommandTest.run("recognition", "explain", "--model", model.toString(),
                "--input", data.resolve("test").toString(), "--out", explained.toString(), "--batch", "8");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("explained 42 images"), run.out());
        assertTrue(run.err().contains("skipped 1 unreadable file") && run.err().contains("broken.png"), run.err());
        Path one = explained.resolve("02_06_00_00_100001");
        assertTrue(Files.isRegularFile(one.resolve("explanations.json")), CoreCommandTest.list(explained).toString());
        CoreCommandTest.Result again = CoreCommandTest.run("recognition", "explain", "--model", model.toString(),
                "--input", data.resolve("test").toString(), "--out", explained.toString());
        assertTrue(again.out().contains("explained 0 images") && again.out().contains("kept 42 existing results"), again.out());
    }

    @Test
    void badRecognitionCallsAreOneLineErrors() {
        CoreCommandTest.Result none = CoreCommandTest.run("recognition");
        assertEquals(2, none.status());
        CoreCommandTest.Result data = CoreCommandTest.run("recognition", "train", "--data", "cifar");
        assertEquals(2, data.status());
        assertTrue(data.err().contains("unknown data set 'cifar'"), data.err());
        CoreCommandTest.Result missing = CoreCommandTest.run("recognition", "train", "--data", "signs", "--data-dir",
                dir.resolve("nothing").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("generate-signs"), missing.err());
        assertEquals(1, missing.err().strip().split("\n").length, missing.err());
    }
}
