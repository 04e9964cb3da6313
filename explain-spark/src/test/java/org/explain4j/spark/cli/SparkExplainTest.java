package org.explain4j.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.explain4j.cli.ExplainCli;
import org.explain4j.cli.HostileFiles;
import org.explain4j.cli.TestModels;
import org.explain4j.spark.report.ResultsTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A Spark run in local mode writes what the single-machine folder run writes, byte for byte, plus the results table;
 * a corrupt input is a row of the table, never a failed job; a mistake is one line and exit status 2.
 */
class SparkExplainTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Path model;
    private static Path in;

    record Result(int status, String out, String err) {
    }

    @BeforeAll
    static void setUp() throws IOException {
        // FLOAT, as trained models are: there a batch's size changes the rounding, so the test sees batches that differ.
        model = TestModels.save(TestModels.build(3, 5, DataType.FLOAT), dir, "model");
        in = dir.resolve("in");
        Files.createDirectories(in.resolve("sub"));
        for (int i = 0; i < 14; i++) {
            Files.write(in.resolve(String.format("img-%02d.png", i)), HostileFiles.png(24, 24, i));
        }
        for (int i = 0; i < 5; i++) {
            Files.write(in.resolve("sub").resolve("s-" + i + ".png"), HostileFiles.png(20, 28, 100 + i));
        }
        HostileFiles.npy(in, "arr.npy", HostileFiles.header("<f4", "False", "(3, 8, 8)"), HostileFiles.floats(192, 0.3f, ByteOrder.LITTLE_ENDIAN));
        // In the middle of the order, so a batch holds it: the run goes on, its batch one row short.
        Files.writeString(in.resolve("img-06b-corrupt.png"), "not an image");
        Files.writeString(in.resolve("notes.txt"), "no image, not listed");
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ExplainCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                List.of(new SparkCommand())).run(args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result single(Path out) {
        return run("recognition", "explain", "--model", model.toString(), "--input", in.toString(), "--out", out.toString(),
                "--batch", "4", "--not-fully");
    }

    private static Result spark(String input, String out, String... more) {
        List<String> args = new ArrayList<>(List.of("spark", "explain", "--master", "local[2]", "--partitions", "3", "--model",
                model.toString(), "--input", input, "--out", out, "--batch", "4", "--not-fully"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void writesTheSingleMachineFilesByteForByteAndATableWithTheCorruptInputInIt() throws IOException {
        Path a = dir.resolve("single");
        Path b = dir.resolve("spark");
        Result one = single(a);
        assertEquals(0, one.status(), one.err());
        Result many = spark(in.toString(), b.toString());
        assertEquals(0, many.status(), many.err());
        assertTrue(many.out().startsWith("explained 20 images"), many.out());
        assertTrue(many.err().contains("skipped 1 unreadable file(s)") && many.err().contains("img-06b-corrupt.png"), many.err());

        Map<String, byte[]> expected = files(a);
        Map<String, byte[]> got = files(b);
        got.keySet().removeIf(k -> k.startsWith(ResultsTable.FILE + "/"));
        assertEquals(expected.keySet(), got.keySet());
        assertEquals(20 * 10, expected.size(), "20 inputs, 3 questions x 3 files + explanations.json each");
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, got.get(name), name + " differs from the single-machine run"));

        try (SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "localhost").getOrCreate()) {
            List<Row> rows = spark.read().parquet(b.resolve(ResultsTable.FILE).toString()).orderBy("input").collectAsList();
            assertEquals(21, rows.size(), "one row per input, the corrupt one included");
            Row bad = rows.stream().filter(r -> r.getString(r.fieldIndex("input")).endsWith("img-06b-corrupt.png")).findFirst().orElseThrow();
            assertEquals(ResultsTable.SKIPPED, bad.getString(bad.fieldIndex("status")));
            assertTrue(bad.getString(bad.fieldIndex("error")).contains("img-06b-corrupt.png"), bad.toString());
            for (Row r : rows) {
                if (r == bad) {
                    continue;
                }
                JsonNode report = JSON.readTree(b.resolve(r.getString(r.fieldIndex("report_file"))).toFile());
                assertEquals(report.get("input").asText(), r.getString(r.fieldIndex("input")));
                assertEquals(report.get("prediction").get("classIndex").asInt(), r.getInt(r.fieldIndex("predicted_class")));
                List<Row> answers = r.getList(r.fieldIndex("answers"));
                assertEquals(3, answers.size());
                for (int k = 0; k < 3; k++) {
                    JsonNode answer = report.get("explanations").get(k);
                    Row row = answers.get(k);
                    assertEquals(answer.get("slug").asText(), row.getString(row.fieldIndex("slug")));
                    assertEquals(answer.get("rawMax").asDouble(), row.getDouble(row.fieldIndex("raw_max")));
                    assertTrue(Files.isRegularFile(b.resolve(row.getString(row.fieldIndex("raw_file")))), row.toString());
                }
            }
        }
    }

    @Test
    void throughHadoopFileSystemsTheMapsAreTheSameAndNoChecksumFilesAppear() throws IOException {
        Path a = dir.resolve("single-uri");
        Path c = dir.resolve("spark-uri");
        assertEquals(0, single(a).status());
        Result r = spark(in.toUri().toString(), c.toUri().toString());
        assertEquals(0, r.status(), r.err());
        Map<String, byte[]> expected = files(a);
        Map<String, byte[]> got = files(c);
        got.keySet().removeIf(k -> k.startsWith(ResultsTable.FILE + "/"));
        assertEquals(expected.keySet(), got.keySet(), "the same folders, and no .crc beside the files");
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            if (e.getKey().endsWith(".json")) {
                // the one difference: the input is named by its URI
                ObjectNode one = (ObjectNode) JSON.readTree(e.getValue());
                ObjectNode other = (ObjectNode) JSON.readTree(got.get(e.getKey()));
                assertTrue(other.get("input").asText().startsWith("file:"), other.get("input").asText());
                one.remove("input");
                other.remove("input");
                assertEquals(one, other, e.getKey());
            } else {
                assertArrayEquals(e.getValue(), got.get(e.getKey()), e.getKey());
            }
        }
    }

    @Test
    void aGlobPicksItsFilesAndFoldersStartBelowTheWildcard() {
        Path d = dir.resolve("spark-glob");
        Result r = spark(in.toString() + "/sub/s-[0-2].png", d.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("explained 3 images"), r.out());
        for (int i = 0; i < 3; i++) {
            assertTrue(Files.isRegularFile(d.resolve("s-" + i).resolve("explanations.json")), "s-" + i);
        }
        assertFalse(Files.exists(d.resolve("s-3")));
    }

    @Test
    void mistakesAreOneLineWithExitStatusTwoAndWriteNothing() throws IOException {
        Path out = dir.resolve("never");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        List<List<String>> cases = List.of(
                List.of("--master", "nonsense://x"),
                List.of("--conf", "spark.executor.memory"),
                List.of("--rather", "9"),
                List.of("--method", "no-such-method"),
                List.of("--batch", "0"),
                List.of("--partitions", "0"),
                List.of("--out", "/proc/explain4j-spark"),
                List.of("--input", empty.toString()),
                List.of("--input", in.resolve("img-01.png").toString()),
                List.of("--model", dir.resolve("missing.fb").toString()),
                List.of("--model", in.resolve("img-06b-corrupt.png").toString()));
        for (List<String> extra : cases) {
            List<String> args = new ArrayList<>(List.of("spark", "explain", "--master", "local[1]", "--model", model.toString(),
                    "--input", in.toString(), "--out", out.toString()));
            int at = args.indexOf(extra.get(0));
            if (at >= 0) {
                args.set(at + 1, extra.get(1));
            } else {
                args.addAll(extra);
            }
            Result r = run(args.toArray(String[]::new));
            assertEquals(2, r.status(), extra + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), extra + ": " + r.err());
            assertTrue(r.err().startsWith("explain spark: "), r.err());
            assertFalse(Files.exists(out), extra + " wrote " + out);
        }
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
