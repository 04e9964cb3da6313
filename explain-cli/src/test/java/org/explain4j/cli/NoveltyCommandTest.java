package org.explain4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recognition novelty} end to end on tiny data: two inlier classes, two epochs with the gradient constraint,
 * then the signs conditions.
 */
class NoveltyCommandTest {

    @TempDir
    Path dir;

    @Test
    void classLabelsDoNotRepeatAnIndexThatIsTheName() {
        assertEquals("3", NoveltyAction.classLabel(3, "3"));
        assertEquals("0 (T-shirt/top)", NoveltyAction.classLabel(0, "T-shirt/top"));
    }

    @Test
    void oneClassProtocolOnATinyIdxSet() throws IOException {
        Path data = Files.createDirectories(dir.resolve("mnist"));
        Files.write(data.resolve("train-images-idx3-ubyte"), images(300));
        Files.write(data.resolve("train-labels-idx1-ubyte"), labels(300));
        Files.write(data.resolve("t10k-images-idx3-ubyte"), images(60));
        Files.write(data.resolve("t10k-labels-idx1-ubyte"), labels(60));
        Path out = dir.resolve("out");
        CoreCommandTest.Result r = CoreCommandTest.run("recognition", "novelty", "--data", "mnist", "--data-dir", data.toString(),
                "--classes", "1,3", "--epochs", "2", "--constraint", "--out", out.toString(), "--save-detectors",
                dir.resolve("detectors").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("| **mean** |"), r.out());
        JsonNode json = new ObjectMapper().readTree(out.resolve("novelty.json").toFile());
        assertEquals(2, json.get("classes").size());
        assertTrue(json.get("constrained").asBoolean());
        // with the constraint on, the second epoch's loss includes 0.03 x (-cos) once the reference exists
        JsonNode second = json.get("classes").get(0).get("epochs").get(1);
        assertTrue(second.get("trainLoss").asDouble() != second.get("trainMse").asDouble(), second.toString());
        assertEquals(3, json.get("classes").get(1).get("inlier").asInt());
        // 6 test images of class 3 (labels cycle 0..9) and as many outliers
        assertEquals(12, json.get("classes").get(1).get("testImages").asInt());
        for (String s : List.of("reconstruction", "gradient-cosine", "gradcon", "inlier-cosine", "gradient-norm", "mahalanobis")) {
            double a = json.get("mean").get(s).get("auroc").asDouble();
            assertTrue(a >= 0 && a <= 1, s + " " + a);
        }
        assertTrue(Files.size(out.resolve("roc-1.png")) > 1000);
        String md = Files.readString(out.resolve("novelty.md"));
        assertTrue(md.contains("\n| 3 | "), md);
        assertTrue(md.strip().endsWith("."), md);

        // the saved detector scores other images later, every score of the experiment for each
        Path digits = Files.createDirectories(dir.resolve("digits"));
        for (int i = 0; i < 5; i++) {
            Files.write(digits.resolve("d" + i + ".png"), HostileFiles.png(28, 28, i));
        }
        Files.writeString(digits.resolve("d2b.png"), "not an image");
        Path scored = dir.resolve("scored");
        CoreCommandTest.Result s = CoreCommandTest.run("recognition", "novelty-score", "--detector",
                dir.resolve("detectors").resolve("inlier-3").toString(), "--input", digits.toString(), "--out", scored.toString(), "--batch", "2");
        assertEquals(0, s.status(), s.err());
        assertTrue(s.out().startsWith("scored 5 of 6 inputs with the detector of inlier class 3 (mnist)"), s.out());
        JsonNode rows = new ObjectMapper().readTree(scored.resolve(NoveltyScoreAction.FILE).toFile());
        assertEquals(6, rows.size());
        for (JsonNode row : rows) {
            if (row.get("input").asText().endsWith("d2b.png")) {
                assertTrue(row.get("error").asText().contains("d2b.png"), row.toString());
                continue;
            }
            assertEquals(List.of("reconstruction", "gradient-cosine", "gradcon", "inlier-cosine", "gradient-norm", "mahalanobis"),
                    toList(row.get("scores").fieldNames()));
            row.get("scores").forEach(v -> assertTrue(Double.isFinite(v.asDouble()), row.toString()));
            assertEquals(4, row.get("cosine").size(), "one per decoder weight");
        }
        CoreCommandTest.Result bad = CoreCommandTest.run("recognition", "novelty-score", "--detector", digits.toString(), "--input",
                digits.toString(), "--out", dir.resolve("never").toString());
        assertEquals(2, bad.status(), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertFalse(Files.exists(dir.resolve("never")));
    }

    @Test
    void novelConditionsOnTinySigns() throws IOException {
        Path data = dir.resolve("signs");
        CoreCommandTest.Result gen = CoreCommandTest.run("recognition", "generate-signs", "--out", data.toString(),
                "--train-per-class", "6", "--test-per-class", "2", "--challenged-per-class", "1");
        assertEquals(0, gen.status(), gen.err());
        Path out = dir.resolve("cond");
        CoreCommandTest.Result r = CoreCommandTest.run("recognition", "novelty", "--data", "signs", "--data-dir", data.toString(),
                "--epochs", "1", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("conditions.json").toFile());
        assertEquals(60, json.get("cells").size(), "12 challenge types x 5 levels");
        assertEquals(8, json.get("meanAuroc").size(), "reconstruction, max-softmax and six gradient scores");
        assertTrue(r.out().contains("| **average** |"), r.out());
        assertTrue(Files.size(out.resolve("roc-all-challenges.png")) > 1000);
    }

    /** Image i: a bright square whose place depends on its class (i mod 10), over faint noise. */
    static byte[] images(int n) {
        byte[] b = HostileFiles.idx(0x803, new int[] {n, 28, 28}, 28 * 28 * n);
        java.util.Random r = new java.util.Random(n);
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            for (int p = 0; p < 784; p++) {
                int y = p / 28;
                int x = p % 28;
                boolean on = y >= 2 + 2 * c && y < 10 + 2 * c && x >= 4 + c && x < 14 + c;
                b[16 + i * 784 + p] = (byte) (on ? 230 : r.nextInt(30));
            }
        }
        return b;
    }

    static byte[] labels(int n) {
        byte[] b = new byte[8 + n];
        b[2] = 8;
        b[3] = 1;
        b[4] = (byte) (n >>> 24);
        b[5] = (byte) (n >>> 16);
        b[6] = (byte) (n >>> 8);
        b[7] = (byte) n;
        for (int i = 0; i < n; i++) {
            b[8 + i] = (byte) (i % 10);
        }
        return b;
    }

    private static List<String> toList(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
