package org.explain4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.explain4j.core.model.ExplainableModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code explain core} against the CLI contract of ARCHITECTURE.md. */
class CoreCommandTest {

    @TempDir
    static Path dir;
    private static ExplainableModel classifier;
    private static Path classifierFile;
    private static Path regressorFile;
    private static Path npy;
    private static INDArray x;

    @BeforeAll
    static void models() throws IOException {
        classifier = TestModels.build(3, 5);
        classifierFile = TestModels.save(classifier, dir, "classifier");
        regressorFile = TestModels.save(TestModels.build(4, 1), dir, "regressor");
        x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(8), 1, 3, 8, 8).castTo(DataType.DOUBLE);
        npy = dir.resolve("x.npy");
        Files.write(npy, Nd4j.toNpyByteArray(x.reshape(3, 8, 8).dup()));
    }

    @Test
    void writesExactlyTheContractFilesAndTheirMapsMatchFiniteDifferences() throws IOException {
        Path out = dir.resolve("out-classifier");
        Result r = run("core", "--model", classifierFile.toString(), "--input", npy.toString(), "--layer", TestModels.LAYER,
                "--why", "1", "--rather", "2", "--rather", "class4", "--not-fully", "--out", out.toString());
        assertEquals(0, r.status, r.err);
        Set<String> expected = new TreeSet<>(List.of("explanations.json"));
        for (String slug : List.of("why-1", "why-1-rather-2", "why-1-rather-4", "why-not-fully-1")) {
            expected.addAll(List.of(slug + ".raw.npy", slug + ".map.npy", slug + ".png"));
        }
        assertEquals(expected, list(out));

        INDArray acts = classifier.forward(x, List.of(TestModels.LAYER)).get(TestModels.LAYER);
        SameDiff head = classifier.headAbove(TestModels.LAYER).orElseThrow();
        Map<String, java.util.function.ToDoubleFunction<double[]>> losses = Map.of(
                "why-1", z -> z[1],
                "why-1-rather-2", z -> -logSoftmax(z)[2],
                "why-1-rather-4", z -> -logSoftmax(z)[4],
                "why-not-fully-1", z -> -logSoftmax(z)[1]);
        for (Map.Entry<String, java.util.function.ToDoubleFunction<double[]>> e : losses.entrySet()) {
            INDArray expectedRaw = rawMapByFiniteDifferences(head, acts, e.getValue());
            INDArray raw = Nd4j.createFromNpyFile(out.resolve(e.getKey() + ".raw.npy").toFile());
            assertEquals(List.of(4L, 4L), List.of(raw.size(0), raw.size(1)));
            double tol = 1e-6 * Math.max(1, expectedRaw.amaxNumber().doubleValue());
            assertTrue(raw.castTo(DataType.DOUBLE).sub(expectedRaw).amaxNumber().doubleValue() < tol, e.getKey());
            INDArray map = Nd4j.createFromNpyFile(out.resolve(e.getKey() + ".map.npy").toFile());
            assertEquals(List.of(8L, 8L), List.of(map.size(0), map.size(1)));
            assertTrue(map.minNumber().doubleValue() >= 0 && map.maxNumber().doubleValue() <= 1);
            BufferedImage png = ImageIO.read(out.resolve(e.getKey() + ".png").toFile());
            assertEquals(8, png.getWidth());
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("explanations.json").toFile());
        assertEquals(TestModels.LAYER, json.get("layer").asText());
        assertEquals(4, json.get("explanations").size());
        assertEquals("why-1-rather-4", json.get("explanations").get(2).get("slug").asText());
        assertEquals("Why class1, rather than class4?", json.get("explanations").get(2).get("question").asText());
        assertEquals("why-1-rather-4.png", json.get("explanations").get(2).get("files").get("overlay").asText());
        assertEquals(5, json.get("prediction").get("top").size());
    }

    @Test
    void regressorContrastsScaleGradCamByTwiceTheScoreGap() throws IOException {
        Path out = dir.resolve("out-regressor");
        Result r = run("core", "--model", regressorFile.toString(), "--input", npy.toString(),
                "--rather", "1.0", "--rather", "0.25", "--out", out.toString());
        assertEquals(0, r.status, r.err);
        assertEquals(new TreeSet<>(List.of("explanations.json", "why-score.raw.npy", "why-score.map.npy", "why-score.png",
                "why-score-rather-1.0.raw.npy", "why-score-rather-1.0.map.npy", "why-score-rather-1.0.png",
                "why-score-rather-0.25.raw.npy", "why-score-rather-0.25.map.npy", "why-score-rather-0.25.png")), list(out));
        double s = new ObjectMapper().readTree(out.resolve("explanations.json").toFile()).get("prediction").get("score").asDouble();
        INDArray why = Nd4j.createFromNpyFile(out.resolve("why-score.raw.npy").toFile());
        for (double t : new double[] {1.0, 0.25}) {
            // dL/dA = 2 (s - t) ds/dA, and Grad-CAM is linear in the gradient.
            INDArray contrast = Nd4j.createFromNpyFile(out.resolve("why-score-rather-" + t + ".raw.npy").toFile());
            INDArray expected = why.mul(2 * (s - t));
            assertTrue(contrast.sub(expected).amaxNumber().doubleValue() < 1e-9 * Math.max(1, expected.amaxNumber().doubleValue()),
                    "target " + t);
        }
    }

    @Test
    void acceptsImagesAndDefaultsToThePredictedClass() throws IOException {
        Path png = dir.resolve("photo.png");
        BufferedImage img = new BufferedImage(20, 12, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 4, 0xff8040);
        ImageIO.write(img, "png", png.toFile());
        Path out = dir.resolve("out-image");
        Result r = run("core", "--model", classifierFile.toString(), "--input", png.toString(), "--out", out.toString());
        assertEquals(0, r.status, r.err);
        int predicted = new ObjectMapper().readTree(out.resolve("explanations.json").toFile()).get("prediction").get("classIndex").asInt();
        assertTrue(list(out).contains("why-" + predicted + ".png"), list(out).toString());
        assertTrue(r.out.contains("predicted class" + predicted), r.out);
    }

    @Test
    void everyBadInputGivesOneLineStatusTwoAndNoFiles() throws IOException {
        Path garbage = dir.resolve("garbage.png");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5});
        Path wrongShape = dir.resolve("wrong-shape.npy");
        Files.write(wrongShape, Nd4j.toNpyByteArray(Nd4j.zeros(DataType.DOUBLE, 3, 9, 8)));
        Path wrongChannels = dir.resolve("wrong-channels.npy");
        Files.write(wrongChannels, Nd4j.toNpyByteArray(Nd4j.zeros(DataType.DOUBLE, 1, 1, 8, 8)));
        Path nan = dir.resolve("nan.npy");
        Files.write(nan, Nd4j.toNpyByteArray(Nd4j.valueArrayOf(new long[] {3, 8, 8}, Double.NaN, DataType.DOUBLE)));
        Path notAModel = dir.resolve("not-a-model.fb");
        Files.writeString(notAModel, "hello");
        String m = classifierFile.toString();
        String in = npy.toString();
        List<Case> cases = List.of(
                new Case("model file not found", "--model", dir.resolve("missing.fb").toString(), "--input", in),
                new Case("input file not found", "--model", m, "--input", dir.resolve("missing.png").toString()),
                new Case("cannot read", "--model", m, "--input", garbage.toString()),
                new Case("has shape [3, 9, 8]", "--model", m, "--input", wrongShape.toString()),
                new Case("has shape [1, 1, 8, 8]", "--model", m, "--input", wrongChannels.toString()),
                new Case("unknown layer 'conv9'; layers that can be explained: ", "--model", m, "--input", in, "--layer", "conv9"),
                new Case("unknown input variable 'pixels'", "--model", m, "--input", in, "--input-var", "pixels"),
                new Case("unknown output variable 'logits'", "--model", m, "--input", in, "--output-var", "logits"),
                new Case("class index out of range; the model has 5 classes (0..4)", "--model", m, "--input", in, "--why", "5"),
                new Case("--rather -1: class index out of range", "--model", m, "--input", in, "--rather", "-1"),
                new Case("looks like a target score, but the model is a classifier", "--model", m, "--input", in, "--rather", "0.25"),
                new Case("no such class", "--model", m, "--input", in, "--rather", "zebra"),
                new Case("the model is a regressor", "--model", regressorFile.toString(), "--input", in, "--why", "1"),
                new Case("the model is a regressor", "--model", regressorFile.toString(), "--input", in, "--not-fully"),
                new Case("the model is a regressor, so contrasts are target scores", "--model", regressorFile.toString(),
                        "--input", in, "--rather", "high"),
                new Case("cannot read", "--model", notAModel.toString(), "--input", in),
                new Case("missing required option --input", "--model", m),
                new Case("unknown option --colour", "--model", m, "--input", in, "--colour", "red"),
                new Case("unknown colormap 'rainbow'", "--model", m, "--input", in, "--colormap", "rainbow"),
                new Case("contains NaN or infinite values", "--model", m, "--input", nan.toString(), "--method", "vanilla"),
                new Case("--samples must be at least 1", "--model", m, "--input", in, "--method", "smoothgrad", "--samples", "0"),
                new Case("--noise must be a finite number", "--model", m, "--input", in, "--method", "smoothgrad", "--noise", "NaN"),
                new Case("--baseline must be a finite number", "--model", m, "--input", in, "--method", "integrated-gradients",
                        "--baseline", "NaN"),
                new Case("--ig-rule: unknown integration rule 'simpson'", "--model", m, "--input", in, "--method",
                        "integrated-gradients", "--ig-rule", "simpson"),
                new Case("only smoothgrad, smoothgrad-sq, vargrad and integrated-gradients wrap", "--model", m, "--input", in,
                        "--method", "vanilla:gradcam"));
        for (Case c : cases) {
            Path out = dir.resolve("bad-" + Math.abs(c.expected.hashCode()) + "-" + c.args.length);
            List<String> args = new ArrayList<>(List.of("core"));
            args.addAll(List.of(c.args));
            args.addAll(List.of("--out", out.toString()));
            Result r = run(args.toArray(String[]::new));
            assertEquals(2, r.status, c.expected + ": " + r.err);
            String[] lines = r.err.strip().split("\n");
            assertEquals(1, lines.length, "one line on stderr: " + r.err);
            assertTrue(lines[0].startsWith("explain core: ") && lines[0].contains(c.expected), lines[0] + " should say " + c.expected);
            assertTrue(!Files.exists(out) || list(out).isEmpty(), "no output for " + c.expected + ": " + (Files.exists(out) ? list(out) : ""));
        }
    }

    @Test
    void explainsAnOnnxModelUnderItsOnnxLayerNamesWithALabelsFile() throws IOException {
        Path onnx = Path.of("../explain-core/src/test/resources/onnx/tiny-vgg.onnx");
        Path labels = dir.resolve("labels.txt");
        Files.writeString(labels, String.join("\n", List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
                "eight", "nine")) + "\n");
        Path input = dir.resolve("x16.npy");
        Files.write(input, Nd4j.toNpyByteArray(Nd4j.rand(DataType.FLOAT, 3, 16, 16)));
        Path out = dir.resolve("out-onnx");
        Result r = run("core", "--model", onnx.toString(), "--input", input.toString(), "--labels", labels.toString(),
                "--layer", "/features/features.6/Relu_output_0", "--rather", "three", "--out", out.toString());
        assertEquals(0, r.status, r.err);
        JsonNode json = new ObjectMapper().readTree(out.resolve("explanations.json").toFile());
        assertEquals("three", json.get("explanations").get(1).get("question").asText().replaceAll(".*rather than (\\w+)\\?", "$1"));
        assertTrue(list(out).contains("why-" + json.get("prediction").get("classIndex").asInt() + "-rather-3.raw.npy"), list(out).toString());
        Result wrongLabels = run("core", "--model", onnx.toString(), "--input", input.toString(), "--labels", npy.toString(),
                "--out", dir.resolve("out-onnx-bad").toString());
        assertEquals(2, wrongLabels.status, wrongLabels.err);
    }

    @Test
    void everyMethodWritesTheContractFilesAtItsOwnResolution() throws IOException {
        for (String method : org.explain4j.core.attribution.MethodSpec.METHODS) {
            Path out = dir.resolve("out-method-" + method.replace('+', 'p'));
            Result r = run("core", "--model", classifierFile.toString(), "--input", npy.toString(), "--method", method,
                    "--samples", "3", "--steps", "8", "--rather", "2", "--out", out.toString());
            assertEquals(0, r.status, method + ": " + r.err);
            JsonNode json = new ObjectMapper().readTree(out.resolve("explanations.json").toFile());
            assertEquals(method, json.get("method").asText());
            int p = json.get("prediction").get("classIndex").asInt();
            INDArray raw = Nd4j.createFromNpyFile(out.resolve("why-" + p + "-rather-2.raw.npy").toFile());
            INDArray view = Nd4j.createFromNpyFile(out.resolve("why-" + p + "-rather-2.map.npy").toFile());
            // Implicit saliency lives on a layer's grid too (its pseudo maps are Grad-CAM maps).
            boolean cam = method.contains("gradcam") && !method.equals("guided-gradcam") || method.equals("implicit");
            assertEquals(cam ? List.of(4L, 4L) : List.of(3L, 8L, 8L), java.util.Arrays.stream(raw.shape()).boxed().toList(), method);
            assertEquals(List.of(8L, 8L), java.util.Arrays.stream(view.shape()).boxed().toList(), method);
            assertTrue(view.minNumber().doubleValue() >= 0 && view.maxNumber().doubleValue() <= 1, method);
            if (method.equals("integrated-gradients")) {
                assertTrue(json.get("explanations").get(0).get("details").has("completenessError"), json.toString());
            }
        }
        // A gradient method on a regressor: "Why s, rather than 0.25?" is -2 (s - 0.25)... times ds/dx, so for
        // vanilla gradients the contrast map is the "Why s?" map times 2 (s - t) exactly.
        Path out = dir.resolve("out-regressor-vanilla");
        Result r = run("core", "--model", regressorFile.toString(), "--input", npy.toString(), "--method", "vanilla",
                "--rather", "0.25", "--out", out.toString());
        assertEquals(0, r.status, r.err);
        double score = new ObjectMapper().readTree(out.resolve("explanations.json").toFile()).get("prediction").get("score").asDouble();
        INDArray why = Nd4j.createFromNpyFile(out.resolve("why-score.raw.npy").toFile());
        INDArray rather = Nd4j.createFromNpyFile(out.resolve("why-score-rather-0.25.raw.npy").toFile());
        assertTrue(rather.sub(why.mul(2 * (score - 0.25))).amaxNumber().doubleValue() < 1e-9 * Math.max(1, why.amaxNumber().doubleValue()));
        Result bad = run("core", "--model", classifierFile.toString(), "--input", npy.toString(), "--method", "lime",
                "--out", dir.resolve("out-lime").toString());
        assertEquals(2, bad.status);
        assertTrue(bad.err.strip().startsWith("explain core: unknown method 'lime'; methods: gradcam, gradcam++"), bad.err);
        assertTrue(!Files.exists(dir.resolve("out-lime")));
    }

    @Test
    void anOnnxModelsOutputCanBeChosen() throws IOException {
        Path onnx = Path.of("../explain-core/src/test/resources/onnx/tiny-vgg.onnx");
        Path input = dir.resolve("x16-out.npy");
        Files.write(input, Nd4j.toNpyByteArray(Nd4j.rand(DataType.FLOAT, 3, 16, 16)));
        Result unknown = run("core", "--model", onnx.toString(), "--input", input.toString(), "--output-var", "nothing",
                "--out", dir.resolve("out-onnx-var").toString());
        assertEquals(2, unknown.status);
        assertTrue(unknown.err.contains("unknown output variable 'nothing'; the ONNX graph's outputs:"), unknown.err);
    }

    @Test
    void helpAndUnknownCommands() {
        Result help = run("--help");
        assertEquals(0, help.status);
        assertTrue(help.out.contains("core") && help.out.contains("demo"), help.out);
        Result coreHelp = run("core", "--help");
        assertEquals(0, coreHelp.status);
        assertTrue(coreHelp.out.contains("--rather"), coreHelp.out);
        Result unknown = run("frobnicate");
        assertEquals(2, unknown.status);
        assertTrue(unknown.err.contains("unknown command 'frobnicate'"), unknown.err);
    }

    private record Case(String expected, String... args) {
    }

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ExplainCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Set<String> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** Grad-CAM's raw map with dL/dA from central differences in double precision through the head. */
    private static INDArray rawMapByFiniteDifferences(SameDiff head, INDArray acts, java.util.function.ToDoubleFunction<double[]> loss) {
        INDArray a = acts.dup();
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, a.shape());
        double h = 1e-6;
        for (long i = 0; i < a.length(); i++) {
            double v = a.getDouble(i);
            a.putScalar(i, v + h);
            double plus = loss.applyAsDouble(head.output(Map.of(TestModels.LAYER, a), TestModels.OUTPUT).get(TestModels.OUTPUT).toDoubleVector());
            a.putScalar(i, v - h);
            double minus = loss.applyAsDouble(head.output(Map.of(TestModels.LAYER, a), TestModels.OUTPUT).get(TestModels.OUTPUT).toDoubleVector());
            a.putScalar(i, v);
            grad.putScalar(i, (plus - minus) / (2 * h));
        }
        INDArray alpha = grad.mean(2, 3).reshape(a.size(1));
        INDArray raw = Nd4j.zeros(DataType.DOUBLE, a.size(2), a.size(3));
        for (int c = 0; c < a.size(1); c++) {
            raw.addi(a.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(c))
                    .mul(alpha.getDouble(c)));
        }
        return raw;
    }

    private static double[] logSoftmax(double[] z) {
        double max = java.util.Arrays.stream(z).max().orElseThrow();
        double logSum = max + Math.log(java.util.Arrays.stream(z).map(v -> Math.exp(v - max)).sum());
        return java.util.Arrays.stream(z).map(v -> v - logSum).toArray();
    }
}
