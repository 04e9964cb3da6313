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

        Path family = dir.resolve("family");
        CoreCommandTest.Result fam = CoreCommandTest.run("recognition", "family", "--data", "signs", "--data-dir", data.toString(),
                "--model", model.toString(), "--rows", "2", "--samples", "2", "--steps", "3", "--extra", "--question", "rather",
                "--out", family.toString());
        assertEquals(0, fam.status(), fam.err());
        JsonNode famJson = new ObjectMapper().readTree(family.resolve("figure.json").toFile());
        assertEquals(9, famJson.get("columns").size());
        JsonNode firstRow = famJson.get("rows").get(0).get("answers");
        assertEquals(8, firstRow.size());
        for (int c = 0; c < 7; c++) {
            assertEquals("why-rather", firstRow.get(c).get("kind").asText(), "--question rather: every method column");
        }
        assertEquals("why", firstRow.get(7).get("kind").asText());
        assertEquals("integrated-gradients", firstRow.get(6).get("method").asText());
        CoreCommandTest.Result badQuestion = CoreCommandTest.run("recognition", "family", "--data", "signs", "--data-dir",
                data.toString(), "--model", model.toString(), "--question", "how", "--out", dir.resolve("nofamily").toString());
        assertEquals(2, badQuestion.status());
        assertTrue(!Files.exists(dir.resolve("nofamily")));
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        CoreCommandTest.Result outIsFile = CoreCommandTest.run("recognition", "family", "--data", "signs", "--data-dir", data.toString(),
                "--model", model.toString(), "--out", aFile.toString());
        assertEquals(2, outIsFile.status());
        assertTrue(outIsFile.err().contains("exists and is not a folder"), outIsFile.err());

        Path evaluation = dir.resolve("eval");
        CoreCommandTest.Result ev = CoreCommandTest.run("recognition", "evaluate", "--data", "signs", "--data-dir", data.toString(),
                "--model", model.toString(), "--methods", "gradcam,guided-backprop,smoothgrad,random", "--samples", "2", "--images", "3",
                "--sanity-images", "2", "--pixels-per-step", "56", "--out", evaluation.toString());
        assertEquals(0, ev.status(), ev.err());
        assertEquals(Set.of("evaluation.md", "evaluation.json", "deletion.png", "insertion.png"), CoreCommandTest.list(evaluation));
        JsonNode evJson = new ObjectMapper().readTree(evaluation.resolve("evaluation.json").toFile());
        assertEquals(4, evJson.get("methods").size());
        JsonNode gradCam = evJson.get("methods").get(0);
        assertTrue(gradCam.get("deletion").asDouble() >= 0 && gradCam.get("deletion").asDouble() <= 1, gradCam.toString());
        assertEquals(15, gradCam.get("meanDeletionCurve").size(), "28x28 pixels, 56 per step: 14 steps and the start");
        assertTrue(gradCam.get("sanityPasses").isBoolean());
        CoreCommandTest.Result badMethod = CoreCommandTest.run("recognition", "evaluate", "--data", "signs", "--data-dir", data.toString(),
                "--model", model.toString(), "--methods", "gradcam,lime", "--out", dir.resolve("noeval").toString());
        assertEquals(2, badMethod.status());
        assertTrue(badMethod.err().contains("unknown method 'lime'"), badMethod.err());

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
    void figureForAnOnnxModelOnImageFilesWithLabelsAndReferences() throws IOException {
        Path onnx = Path.of("../explain-core/src/test/resources/onnx/tiny-vgg.onnx");
        Path labels = dir.resolve("labels.txt");
        Files.writeString(labels, String.join("\n", java.util.stream.IntStream.range(0, 10).mapToObj(i -> "label" + i).toList()));
        Path refs = Files.createDirectories(dir.resolve("refs"));
        java.util.Random rng = new java.util.Random(4);
        for (int i = 0; i < 6; i++) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(20, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 20; x++) {
                    img.setRGB(x, y, rng.nextInt(0xffffff));
                }
            }
            javax.imageio.ImageIO.write(img, "png", refs.resolve("ref" + i + ".png").toFile());
        }
        Files.writeString(refs.resolve("notes.png"), "not an image");
        Path out = dir.resolve("onnx-figure");
        CoreCommandTest.Result r = CoreCommandTest.run("recognition", "figure", "--model", onnx.toString(), "--labels", labels.toString(),
                "--input", refs.resolve("ref0.png").toString(), "--input", refs.resolve("ref1.png").toString(),
                "--reference", refs.toString(), "--rather", "label3", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("skipped") && r.err().contains("notes.png"), r.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("figure.json").toFile());
        assertEquals(2, json.get("rows").size());
        assertEquals("label3", json.get("rows").get(0).get("q1").asText());
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
