package org.explain4j.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.explain4j.cli.ExplainCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark settings and contrasts may repeat; any other option given twice stops the run before Spark starts. */
class SparkRepeatedOptionTest {

    @Test
    void settingsAndContrastsRepeat() {
        CommandLine line = ExplainCli.parse(new SparkCommand(),
                new String[] {"--out", "o", "--conf", "a=1", "--conf", "b=2", "--rather", "3", "--rather", "4"});
        assertEquals(List.of("a=1", "b=2"), List.of(line.getOptionValues("conf")));
        assertEquals(List.of("3", "4"), List.of(line.getOptionValues("rather")));
    }

    @Test
    void aRepeatedMasterIsOneLineAndExitStatus2(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path o = dir.resolve("out");
        int status = new ExplainCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                List.of(new SparkCommand())).run("spark", "explain", "--master", "local[1]", "--master", "local[2]", "--model",
                dir.resolve("m.fb").toString(), "--input", dir.toString(), "--out", o.toString());
        assertEquals(ExplainCli.USAGE, status);
        assertEquals("explain spark: --master was given 2 times (local[1], local[2]); it takes one value\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(o));
    }
}
