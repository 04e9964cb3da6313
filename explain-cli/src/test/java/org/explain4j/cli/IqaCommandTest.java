package org.explain4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IqaCommandTest {

    @TempDir
    Path dir;

    @Test
    void generateThenTrainPrintsHeldOutAgreement() throws java.io.IOException {
        Path data = dir.resolve("quality");
        CoreCommandTest.Result gen = CoreCommandTest.run("iqa", "generate", "--out", data.toString(), "--references", "3", "--size", "64x64");
        assertEquals(0, gen.status(), gen.err());
        assertTrue(gen.out().contains("120 distorted images"), gen.out());
        Path model = dir.resolve("iqa.fb");
        CoreCommandTest.Result train = CoreCommandTest.run("iqa", "train", "--data-dir", data.toString(), "--epochs", "1",
                "--width", "0.125", "--test-fraction", "0.34", "--model", model.toString());
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("SROCC") && train.out().contains("| distortion 08 (local_patch if synthetic) | 5 |"), train.out());
        assertTrue(Files.isRegularFile(model) && Files.isRegularFile(dir.resolve("iqa.card.json")));

        String first = data.resolve("images/I01_08_05.png").toString();
        CoreCommandTest.Result one = CoreCommandTest.run("iqa", "score", "--model", model.toString(), "--input", first);
        assertEquals(0, one.status(), one.err());
        assertTrue(one.out().matches("(?s).*score \\d\\.\\d{4} \\(weighted mean of 4 patches\\).*"), one.out());

        // Without --model and without models/iqa.fb here, the shipped WaDIQaM-NR answers.
        CoreCommandTest.Result shipped = CoreCommandTest.run("iqa", "score", "--input", first);
        assertEquals(0, shipped.status(), shipped.err());
        assertTrue(shipped.out().contains("weighted mean of 4 patches"), shipped.out());

        Path folder = dir.resolve("to-score");
        Files.createDirectories(folder);
        Files.copy(Path.of(first), folder.resolve("a.png"));
        Files.writeString(folder.resolve("broken.png"), "not a png");
        Path csv = dir.resolve("scores/scores.csv");
        CoreCommandTest.Result many = CoreCommandTest.run("iqa", "score", "--model", model.toString(), "--input", folder.toString(),
                "--out", csv.toString());
        assertEquals(0, many.status(), many.err());
        assertTrue(many.err().contains("skipped 1 unreadable file(s)") && many.err().contains("broken.png"), many.err());
        java.util.List<String> lines = Files.readAllLines(csv);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("a.png,"), lines.toString());
        // The CSV keeps six decimals and the single-file line four, so compare the numbers within the coarser rounding;
        // comparing the CSV's first four decimals as text failed whenever the fifth rounded the printed value up.
        java.util.regex.Matcher printed = java.util.regex.Pattern.compile("score (\\d\\.\\d{4}) ").matcher(one.out());
        assertTrue(printed.find(), one.out());
        assertEquals(Double.parseDouble(printed.group(1)), Double.parseDouble(lines.get(1).split(",")[1]), 0.5e-4 + 0.5e-6,
                lines + " vs " + one.out());

        CoreCommandTest.Result rated = CoreCommandTest.run("iqa", "score", "--model", model.toString(), "--data-dir", data.toString());
        assertEquals(0, rated.status(), rated.err());
        assertTrue(rated.out().contains("over 120 images"), rated.out());

        Path fr = dir.resolve("fr.fb");
        CoreCommandTest.Result trainFr = CoreCommandTest.run("iqa", "train", "--data-dir", data.toString(), "--epochs", "1",
                "--variant", "wa-fr", "--width", "0.125", "--test-fraction", "0.34", "--model", fr.toString());
        assertEquals(0, trainFr.status(), trainFr.err());
        CoreCommandTest.Result frScore = CoreCommandTest.run("iqa", "score", "--model", fr.toString(), "--input", first,
                "--reference", data.resolve("images/I01.png").toString());
        assertEquals(0, frScore.status(), frScore.err());
        CoreCommandTest.Result noReference = CoreCommandTest.run("iqa", "score", "--model", fr.toString(), "--input", first);
        assertEquals(2, noReference.status(), noReference.err());
        assertTrue(noReference.err().contains("--reference"), noReference.err());

        CoreCommandTest.Result frMaps = CoreCommandTest.run("iqa", "explain", "--model", fr.toString(), "--input", first,
                "--out", dir.resolve("fr-maps").toString());
        assertEquals(2, frMaps.status(), frMaps.err());
        assertTrue(frMaps.err().contains("no-reference") && !Files.exists(dir.resolve("fr-maps")), frMaps.err());

        Path evidenceJson = dir.resolve("evidence.json");
        CoreCommandTest.Result evidence = CoreCommandTest.run("iqa", "evidence", "--model", model.toString(), "--data-dir", data.toString(),
                "--stride", "8", "--contrast", "image", "--out", evidenceJson.toString());
        assertEquals(0, evidence.status(), evidence.err());
        assertTrue(evidence.out().contains("| all | 15 |") && Files.isRegularFile(evidenceJson), evidence.out());
        CoreCommandTest.Result perWindow = CoreCommandTest.run("iqa", "evidence", "--model", model.toString(), "--data-dir", data.toString(),
                "--stride", "8", "--out", evidenceJson.toString());
        assertEquals(0, perWindow.status(), perWindow.err());
        assertTrue(perWindow.out().contains("t_below") && perWindow.out().contains("| all | "), perWindow.out());

        CoreCommandTest.Result noRegions = CoreCommandTest.run("iqa", "evidence", "--model", model.toString(), "--data-dir", folder.toString());
        assertEquals(2, noRegions.status(), noRegions.err());
        assertTrue(noRegions.err().strip().startsWith("explain iqa: no regions.csv") && !noRegions.err().strip().contains("\n"), noRegions.err());

        CoreCommandTest.Result bench = CoreCommandTest.run("iqa", "bench", "--model", model.toString(), "--size", "64x48",
                "--warmup", "0", "--reps", "1");
        assertEquals(0, bench.status(), bench.err());
        assertTrue(bench.out().contains("| 64x48 | 4 | 45 |"), bench.out());

        Path out = dir.resolve("explained");
        String image = data.resolve("images/I01_08_05.png").toString();
        CoreCommandTest.Result explain = CoreCommandTest.run("iqa", "explain", "--model", model.toString(), "--input", image,
                "--rather", "1", "--rather", "0.25", "--stride", "8", "--out", out.toString());
        assertEquals(0, explain.status(), explain.err());
        assertEquals(java.util.Set.of("explanations.json", "why-score.raw.npy", "why-score.map.npy", "why-score.png",
                "why-score-rather-1.raw.npy", "why-score-rather-1.map.npy", "why-score-rather-1.png",
                "why-score-rather-0.25.raw.npy", "why-score-rather-0.25.map.npy", "why-score-rather-0.25.png",
                "why-score-rather-1.signed.npy", "why-score-rather-0.25.signed.npy"),
                new java.util.HashSet<>(java.util.Arrays.asList(out.toFile().list())), "the per-window contrast keeps its signed paste too");
        Path html = dir.resolve("explained-html");
        CoreCommandTest.Result withHtml = CoreCommandTest.run("iqa", "explain", "--model", model.toString(), "--input", image,
                "--rather", "0.25", "--stride", "8", "--html", "--out", html.toString());
        assertEquals(0, withHtml.status(), withHtml.err());
        String page = java.nio.file.Files.readString(html.resolve("report.html"));
        assertTrue(page.contains("\"image\":\"why-score-rather-0.25.png\"") && page.contains("Why this score, rather than 0.25?"), page.substring(0, 400));
        CoreCommandTest.Result imageMode = CoreCommandTest.run("iqa", "explain", "--model", model.toString(), "--input", image,
                "--rather", "1", "--stride", "8", "--contrast", "image", "--out", out.toString());
        assertEquals(0, imageMode.status(), imageMode.err());
        assertEquals(java.util.Set.of("explanations.json", "why-score.raw.npy", "why-score.map.npy", "why-score.png",
                "why-score-rather-1.raw.npy", "why-score-rather-1.map.npy", "why-score-rather-1.png"),
                new java.util.HashSet<>(java.util.Arrays.asList(out.toFile().list())), "a rerun replaces the previous answers whole");
        CoreCommandTest.Result defaults = CoreCommandTest.run("iqa", "figure", "--stride", "8", "--out", dir.resolve("default-fig").toString());
        assertEquals(0, defaults.status(), defaults.err());
        assertTrue(defaults.out().contains("block artefacts 4") && Files.isRegularFile(dir.resolve("default-fig/figure.png")), defaults.out());
        Path fig = dir.resolve("fig");
        CoreCommandTest.Result figure = CoreCommandTest.run("iqa", "figure", "--model", model.toString(), "--input", image,
                "--input", data.resolve("images/I02_01_03.png").toString(), "--stride", "8", "--out", fig.toString());
        assertEquals(0, figure.status(), figure.err());
        assertTrue(Files.isRegularFile(fig.resolve("figure.png")));
        CoreCommandTest.Result bad = CoreCommandTest.run("iqa", "explain", "--model", model.toString(), "--input", image,
                "--rather", "high", "--out", dir.resolve("bad").toString());
        assertEquals(2, bad.status(), bad.err());
        assertTrue(!Files.exists(dir.resolve("bad")), "no output for a bad target");
    }

    @Test
    void badCallsAreOneLineErrors() {
        for (String[] args : new String[][] {
            {"iqa"}, {"iqa", "score"}, {"iqa", "generate"}, {"iqa", "generate", "--out", dir.toString(), "--size", "big"},
            {"iqa", "train", "--data-dir", dir.resolve("none").toString()},
            {"iqa", "train", "--data-dir", dir.toString(), "--format", "live"},
            {"iqa", "train", "--data-dir", dir.toString(), "--variant", "best"},
            {"iqa", "score", "--model", dir.resolve("none.fb").toString(), "--input", dir.toString()},
            {"iqa", "score", "--input", dir.toString(), "--data-dir", dir.toString()},
            {"iqa", "explain", "--model", dir.resolve("none.fb").toString(), "--input", dir.toString()},
            {"iqa", "figure", "--model", dir.resolve("none.fb").toString()},
            {"iqa", "evidence", "--model", dir.resolve("none.fb").toString(), "--data-dir", dir.toString()},
            {"iqa", "evidence", "--model", dir.resolve("none.fb").toString()},
            {"iqa", "bench", "--model", dir.resolve("none.fb").toString()},
            {"iqa", "figure", "--contrast", "pixel"}, {"iqa", "figure", "--contrast", "image", "--paste", "relu"},
            {"iqa", "explain", "--paste", "abs"},
            {"iqa", "evidence", "--data-dir", dir.toString(), "--contrast", "image", "--paste", "signed"}}) {
            CoreCommandTest.Result r = CoreCommandTest.run(args);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
        }
    }
}
