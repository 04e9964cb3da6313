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

/** A small run of the demo: every file it promises, and a model that 'explain core' takes. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesFigureDescriptionInputsAndAModelForCore() throws IOException {
        Path out = dir.resolve("demo");
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream leaked = new java.io.ByteArrayOutputStream();
        CoreCommandTest.Result r;
        try {
            // SameDiff prints a line per op to System.out when it builds a gradient function.
            System.setOut(new java.io.PrintStream(leaked, true, java.nio.charset.StandardCharsets.UTF_8));
            r = CoreCommandTest.run("demo", "--train", "120", "--test", "24", "--epochs", "1", "--out", out.toString());
        } finally {
            System.setOut(stdout);
        }
        assertTrue(!leaked.toString(java.nio.charset.StandardCharsets.UTF_8).contains("Added differentiated op"), "SameDiff noise on stdout");
        assertEquals(0, r.status(), r.err());
        Set<String> files = CoreCommandTest.list(out);
        assertTrue(files.containsAll(Set.of("figure.png", "figure.json", "model.fb", "model.card.json", "input-square.png")), files.toString());
        BufferedImage fig = ImageIO.read(out.resolve("figure.png").toFile());
        assertTrue(fig.getWidth() > 7 * 128 && fig.getHeight() > 6 * 128, fig.getWidth() + "x" + fig.getHeight());
        JsonNode json = new ObjectMapper().readTree(out.resolve("figure.json").toFile());
        assertEquals(6, json.get("rows").size());
        assertEquals(4, json.get("rows").get(0).get("questions").size());
        assertTrue(r.out().contains("held-out accuracy"), r.out());

        Path coreOut = dir.resolve("core");
        CoreCommandTest.Result core = CoreCommandTest.run("core", "--model", out.resolve("model.fb").toString(),
                "--input", out.resolve("input-square.png").toString(), "--why", "square", "--rather", "diamond",
                "--out", coreOut.toString());
        assertEquals(0, core.status(), core.err());
        assertTrue(CoreCommandTest.list(coreOut).contains("why-1-rather-4.png"), CoreCommandTest.list(coreOut).toString());
    }
}
