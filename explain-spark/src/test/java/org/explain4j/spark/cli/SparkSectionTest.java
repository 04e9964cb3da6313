package org.explain4j.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.explain4j.datasets.segy.SampleFormat;
import org.explain4j.datasets.segy.SegyWriter;
import org.explain4j.spark.report.ResultsTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A survey's inlines explained in local mode match 'seismic section --inline N' file for file (section.json but for
 * the command and the time), an all-zero inline is a skipped row, and a mistake is one line with exit status 2.
 */
class SparkSectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Path survey;

    @BeforeAll
    static void survey() throws IOException {
        survey = dir.resolve("survey.sgy");
        int[] crosslines = java.util.stream.IntStream.rangeClosed(1, 110).toArray();
        // folded layers cut by a fault at crossline 55; inline 102 is dead (all zeros)
        SegyWriter.write(survey, SegyWriter.Layout.standard(SampleFormat.IBM_FLOAT, ByteOrder.BIG_ENDIAN), new int[]{100, 101, 102, 103},
                crosslines, 104, (i, x) -> {
                    float[] t = new float[104];
                    for (int s = 0; s < t.length && i != 2; s++) {
                        t[s] = (float) Math.sin(0.35 * (s + (x > 55 ? 9 : 0)) + 0.02 * x * (i + 1));
                    }
                    return t;
                });
    }

    @Test
    void everyInlineAsTheSingleMachineSectionCommandWritesIt() throws IOException {
        Path spark = dir.resolve("spark");
        SparkExplainTest.Result r = SparkExplainTest.run("spark", "section", "--master", "local[2]", "--partitions", "2", "--segy",
                survey.toString(), "--rather", "salt_dome", "--out", spark.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("explained 3 of 4 inlines"), r.out());
        assertTrue(r.err().contains("inline 102 of survey.sgy: the section is all zeros"), r.err());
        for (int inline : new int[]{100, 101, 103}) {
            Path single = dir.resolve("single-" + inline);
            SparkExplainTest.Result s = SparkExplainTest.run("seismic", "section", "--segy", survey.toString(), "--inline",
                    Integer.toString(inline), "--rather", "salt_dome", "--out", single.toString());
            assertEquals(0, s.status(), s.err());
            Path mine = spark.resolve("inline-" + inline);
            List<String> names;
            try (Stream<Path> files = Files.list(single)) {
                names = files.map(p -> p.getFileName().toString()).sorted().toList();
            }
            try (Stream<Path> files = Files.list(mine)) {
                assertEquals(names, files.map(p -> p.getFileName().toString()).sorted().toList());
            }
            for (String name : names) {
                if (name.equals("section.json")) {
                    ObjectNode one = (ObjectNode) JSON.readTree(single.resolve(name).toFile());
                    ObjectNode other = (ObjectNode) JSON.readTree(mine.resolve(name).toFile());
                    for (ObjectNode n : List.of(one, other)) {
                        n.remove("command");
                        n.remove("seconds");
                    }
                    assertEquals(one, other, inline + "/" + name);
                } else {
                    assertArrayEquals(Files.readAllBytes(single.resolve(name)), Files.readAllBytes(mine.resolve(name)), inline + "/" + name);
                }
            }
        }
        assertFalse(Files.exists(spark.resolve("inline-102")));
        try (SparkSession session = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "localhost").getOrCreate()) {
            List<Row> rows = session.read().parquet(spark.resolve(ResultsTable.FILE).toString()).orderBy("inline").collectAsList();
            assertEquals(List.of(100, 101, 102, 103), rows.stream().map(row -> row.getInt(row.fieldIndex("inline"))).toList());
            assertEquals(ResultsTable.SKIPPED, rows.get(2).getString(rows.get(2).fieldIndex("status")));
            assertEquals(110, rows.get(0).getInt(rows.get(0).fieldIndex("traces")));
            assertTrue(rows.get(0).getInt(rows.get(0).fieldIndex("windows")) > 0);
        }
    }

    @Test
    void aSurveyNamedByURIIsReadThroughHadoopAlike() throws IOException {
        Path local = dir.resolve("by-path");
        Path uri = dir.resolve("by-uri");
        for (Path out : List.of(local, uri)) {
            String segy = out == local ? survey.toString() : survey.toUri().toString();
            SparkExplainTest.Result r = SparkExplainTest.run("spark", "section", "--master", "local[1]", "--segy", segy, "--inlines",
                    "101", "--out", out.toString());
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().startsWith("explained 1 of 1 inlines"), r.out());
        }
        for (String name : List.of("why-p.npy", "classes.npy", "section.png")) {
            assertArrayEquals(Files.readAllBytes(local.resolve("inline-101").resolve(name)), Files.readAllBytes(uri.resolve("inline-101").resolve(name)), name);
        }
    }

    @Test
    void mistakesAreOneLineWithExitStatusTwo() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.sgy"), "not a survey");
        Path out = dir.resolve("never");
        List<List<String>> cases = List.of(
                List.of("--segy", dir.resolve("missing.sgy").toString()),
                List.of("--segy", junk.toString()),
                List.of("--segy", survey.toString(), "--inlines", "200-300"),
                List.of("--segy", survey.toString(), "--inlines", "9-x"),
                List.of("--segy", survey.toString(), "--rather", "no_such_class"),
                List.of("--segy", survey.toString(), "--stride", "500"),
                List.of("--segy", dir.resolve("missing.sgy").toUri().toString()),
                List.of("--segy", "nosuchfs://host/survey.sgy"),
                List.of("--input", survey.toString()),
                List.of("--segy", survey.toString(), "--out", "/proc/explain4j-spark"),
                List.of("--segy", survey.toString(), "--partitions", "0"));
        for (List<String> extra : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("spark", "section", "--master", "local[1]"));
            if (!extra.contains("--out")) {
                args.addAll(List.of("--out", out.toString()));
            }
            args.addAll(extra);
            SparkExplainTest.Result r = SparkExplainTest.run(args.toArray(String[]::new));
            assertEquals(2, r.status(), extra + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), extra + ": " + r.err());
            assertFalse(Files.exists(out), extra + " wrote " + out);
        }
    }
}
