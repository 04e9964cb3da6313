package org.explain4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recognition saliency}, {@code core --method implicit} and {@code core metrics} end to end on tiny data. */
class SaliencyCommandTest {

    @TempDir
    Path dir;

    @Test
    void theCompositeBenchmarkPrintsEveryTableAndDrawsTheFigure() throws IOException {
        Path data = Files.createDirectories(dir.resolve("mnist"));
        Files.write(data.resolve("train-images-idx3-ubyte"), NoveltyCommandTest.images(200));
        Files.write(data.resolve("train-labels-idx1-ubyte"), NoveltyCommandTest.labels(200));
        Files.write(data.resolve("t10k-images-idx3-ubyte"), NoveltyCommandTest.images(40));
        Files.write(data.resolve("t10k-labels-idx1-ubyte"), NoveltyCommandTest.labels(40));
        Path model = dir.resolve("m.fb");
        CoreCommandTest.Result train = CoreCommandTest.run("recognition", "train", "--data", "mnist", "--data-dir", data.toString(),
                "--epochs", "1", "--composites", "--model", model.toString());
        assertEquals(0, train.status(), train.err());
        Path out = dir.resolve("out");
        Path composites = dir.resolve("composites");
        CoreCommandTest.Result r = CoreCommandTest.run("recognition", "saliency", "--data", "mnist", "--data-dir", data.toString(),
                "--model", model.toString(), "--images", "6", "--out", out.toString(), "--write-composites", composites.toString());
        assertEquals(0, r.status(), r.err());
        for (String heading : new String[] {"### Composites (clean)", "### Under Gaussian noise", "### Per explained layer"}) {
            assertTrue(r.out().contains(heading), r.out());
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("saliency.json").toFile());
        assertEquals(9, json.get("clean").size(), "five implicit variants, Grad-CAM, input gradient, centre bias, spectral residual");
        assertEquals(5 * 9, json.get("noise").size());
        assertEquals(2 * 6, json.get("layers").size(), "implicit and Grad-CAM at each of the six layers of the MNIST net");
        assertEquals(2 * 9, json.get("byOutcome").size(), "every method on the recognised and the misrecognised composites");
        JsonNode centre = json.get("clean").get(7);
        assertEquals("centre bias", centre.get("method").asText());
        assertEquals(0, centre.get("mean").get(7).asDouble(), 1e-12, "no information gain over itself");
        for (String png : new String[] {"figure.png", "noise-nss.png", "noise-auc-judd.png"}) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }
        assertEquals(6, CoreCommandTest.list(composites.resolve("fixations")).size());
        // A written composite's density scored against its own ground truth by the metrics command.
        String name = CoreCommandTest.list(composites.resolve("fixations")).iterator().next();
        String density = composites.resolve("density").resolve(name).toString();
        CoreCommandTest.Result m = CoreCommandTest.run("core", "metrics", "--map", density, "--fixations",
                composites.resolve("fixations").resolve(name).toString(), "--density", density, "--others", composites.resolve("fixations").toString());
        assertEquals(0, m.status(), m.err());
        JsonNode metrics = new ObjectMapper().readTree(m.out()).get("metrics");
        assertEquals(1, metrics.get("CC").asDouble(), 1e-9, "the density against itself");
        assertEquals(1, metrics.get("SIM").asDouble(), 1e-9);
        assertEquals(0, metrics.get("KL").asDouble(), 1e-9);
        assertTrue(metrics.get("AUC-Judd").asDouble() > 0.9, metrics.toString());
        assertTrue(metrics.get("sAUC").isNumber(), metrics.toString());
    }

    @Test
    void implicitSaliencyThroughTheCoreContractAndTheFigureForAnyModel() throws IOException {
        Path model = TestModels.save(TestModels.build(3, 5), dir, "model");
        Path img = Files.write(dir.resolve("x.png"), HostileFiles.png(8, 8, 4));
        Path out = dir.resolve("core");
        CoreCommandTest.Result r = CoreCommandTest.run("core", "--model", model.toString(), "--input", img.toString(), "--method",
                "implicit", "--layer", "relu1," + TestModels.LAYER, "--conflicting", "top:3", "--combine", "variance", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("method implicit"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("explanations.json")));
        Path fig = dir.resolve("fig");
        CoreCommandTest.Result f = CoreCommandTest.run("recognition", "saliency", "--model", model.toString(), "--input", img.toString(),
                "--fixations", Files.write(dir.resolve("fix.png"), HostileFiles.png(16, 16, 1)).toString(), "--out", fig.toString());
        assertEquals(0, f.status(), f.err());
        assertTrue(f.out().contains("conflicting"), f.out());
        assertTrue(Files.size(fig.resolve("figure.png")) > 1000);
    }
}
