package org.explain4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo on the shipped model, and with --retrain on a tiny generated set. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void drawsThePapersSignsRowWithTheShippedModel() throws IOException {
        Path out = dir.resolve("demo");
        CoreCommandTest.Result r = CoreCommandTest.run("demo", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Set<String> files = CoreCommandTest.list(out);
        assertTrue(files.containsAll(Set.of("figure.png", "figure.json", "input-no_left-1.png", "input-stop-1.png", "model.fb", "model.card.json")), files.toString());
        BufferedImage fig = ImageIO.read(out.resolve("figure.png").toFile());
        assertTrue(fig.getWidth() > 7 * 128 && fig.getHeight() > 7 * 128, fig.getWidth() + "x" + fig.getHeight());
        JsonNode json = new ObjectMapper().readTree(out.resolve("figure.json").toFile());
        assertEquals(7, json.get("rows").size());
        JsonNode paperRow = json.get("rows").get(0);
        assertEquals("no_left", paperRow.get("p").asText());
        assertEquals("no_right", paperRow.get("q1").asText());
        assertEquals("stop", paperRow.get("q2").asText());
        assertEquals("Why no_left, rather than no_right?", paperRow.get("questions").get(1).get("question").asText());
        assertTrue(paperRow.get("probabilityOfP").asDouble() > 0.5, "the shipped model recognises the generated no_left sign");
    }

    @Test
    void retrainsWhenAsked() throws IOException {
        Path out = dir.resolve("retrained");
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream leaked = new java.io.ByteArrayOutputStream();
        CoreCommandTest.Result r;
        try {
            // SameDiff prints a line per op to System.out when it builds a gradient function.
            System.setOut(new java.io.PrintStream(leaked, true, java.nio.charset.StandardCharsets.UTF_8));
            r = CoreCommandTest.run("demo", "--retrain", "--train-per-class", "6", "--epochs", "1", "--out", out.toString());
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, r.status(), r.err());
        assertTrue(!leaked.toString(java.nio.charset.StandardCharsets.UTF_8).contains("Added differentiated op"), "SameDiff noise on stdout");
        assertTrue(r.out().contains("trained on"), r.out());
        assertTrue(CoreCommandTest.list(out).contains("figure.png"));
    }
}
