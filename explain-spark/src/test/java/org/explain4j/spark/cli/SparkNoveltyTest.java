package org.explain4j.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.explain4j.cli.HostileFiles;
import org.explain4j.recognition.nets.GradConAutoencoder;
import org.explain4j.recognition.novelty.detector.NoveltyDetector;
import org.explain4j.spark.report.ResultsTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A data set scored in local mode gets, input for input, the very numbers 'recognition novelty-score' writes. */
class SparkNoveltyTest {

    @TempDir
    static Path dir;
    private static Path detector;
    private static Path in;

    @BeforeAll
    static void setUp() throws IOException {
        // an untrained detector: what is compared is how it is applied, not what it learnt
        SameDiff ae = GradConAutoencoder.build(1, 5, DataType.FLOAT);
        Nd4j.getRandom().setSeed(11);
        List<INDArray> reference = new ArrayList<>();
        List<INDArray> inlierMean = new ArrayList<>();
        for (String site : GradConAutoencoder.DECODER_WEIGHTS) {
            long n = ae.getVariable(site).getArr().length();
            reference.add(Nd4j.randn(DataType.FLOAT, n));
            inlierMean.add(Nd4j.randn(DataType.FLOAT, n));
        }
        int k = 1 + 3 * GradConAutoencoder.DECODER_WEIGHTS.size();
        double[] mean = new double[k];
        double[][] inverse = new double[k][k];
        for (int i = 0; i < k; i++) {
            mean[i] = 0.1 * i;
            inverse[i][i] = 1 + i;
        }
        detector = dir.resolve("detector");
        new NoveltyDetector(ae, new NoveltyDetector.Settings("test", 3, 1, 0.12, GradConAutoencoder.DECODER_WEIGHTS, mean, inverse),
                reference, inlierMean).save(detector);
        in = Files.createDirectories(dir.resolve("in"));
        for (int i = 0; i < 11; i++) {
            Files.write(in.resolve(String.format("d%02d.png", i)), HostileFiles.png(28, 28, i));
        }
        HostileFiles.npy(in, "arr.npy", HostileFiles.header("<f4", "False", "(1, 28, 28)"), HostileFiles.floats(784, 0.4f, ByteOrder.LITTLE_ENDIAN));
        Files.writeString(in.resolve("d05b.png"), "not an image");
    }

    @Test
    void everyInputGetsTheSingleMachineNumbersAndTheCorruptOneARow() throws IOException {
        Path single = dir.resolve("single");
        SparkExplainTest.Result one = SparkExplainTest.run("recognition", "novelty-score", "--detector", detector.toString(), "--input",
                in.toString(), "--out", single.toString(), "--batch", "3");
        assertEquals(0, one.status(), one.err());
        Path spark = dir.resolve("spark");
        SparkExplainTest.Result many = SparkExplainTest.run("spark", "novelty", "--master", "local[2]", "--partitions", "3", "--detector",
                detector.toString(), "--input", in.toString(), "--out", spark.toString(), "--batch", "3");
        assertEquals(0, many.status(), many.err());
        assertTrue(many.out().startsWith("scored 12 of 13 inputs"), many.out());
        assertTrue(many.err().contains("d05b.png"), many.err());

        Map<String, JsonNode> expected = new HashMap<>();
        for (JsonNode row : new ObjectMapper().readTree(single.resolve("novelty-scores.json").toFile())) {
            expected.put(row.get("input").asText(), row);
        }
        try (SparkSession session = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "localhost").getOrCreate()) {
            List<Row> rows = session.read().parquet(spark.resolve(ResultsTable.FILE).toString()).collectAsList();
            assertEquals(13, rows.size());
            assertEquals(expected.keySet(), new java.util.HashSet<>(rows.stream().map(r -> r.getString(0)).toList()));
            for (Row r : rows) {
                JsonNode e = expected.get(r.getString(0));
                if (r.getString(r.fieldIndex("status")).equals(ResultsTable.SKIPPED)) {
                    assertEquals(e.get("error").asText(), r.getString(r.fieldIndex("error")));
                    continue;
                }
                assertEquals(e.get("loss").asDouble(), r.getDouble(r.fieldIndex("loss")), r.getString(0));
                Map<String, Double> scores = r.getJavaMap(r.fieldIndex("scores"));
                assertEquals(6, scores.size());
                e.get("scores").fields().forEachRemaining(s -> assertEquals(s.getValue().asDouble(), scores.get(s.getKey()), s.getKey()));
                for (String[] column : new String[][]{{"norm", "norm"}, {"cosine", "cosine"}, {"cosine_to_mean", "cosineToMean"}}) {
                    List<Double> got = r.getList(r.fieldIndex(column[0]));
                    double[] want = new double[e.get(column[1]).size()];
                    for (int i = 0; i < want.length; i++) {
                        want[i] = e.get(column[1]).get(i).asDouble();
                    }
                    assertArrayEquals(want, got.stream().mapToDouble(Double::doubleValue).toArray(), column[0]);
                }
            }
        }
    }

    @Test
    void aFolderThatIsNoDetectorIsOneLine() {
        SparkExplainTest.Result r = SparkExplainTest.run("spark", "novelty", "--master", "local[1]", "--detector", in.toString(), "--input",
                in.toString(), "--out", dir.resolve("never").toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(dir.resolve("never")));
    }
}
