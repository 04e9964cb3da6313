package org.explain4j.cli;

import static org.explain4j.cli.HostileFiles.floats;
import static org.explain4j.cli.HostileFiles.header;
import static org.explain4j.cli.HostileFiles.npy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import onnx.Onnx;
import org.explain4j.core.model.ExplainableModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract for every file a user can hand us: a corrupt, lying or hostile file, card or destination is exit
 * status 2 with one line on stderr, nothing on stdout, no output written, and no JVM crash (no
 * {@code hs_err_pid*.log}). The dangerous .npy files also go through a real {@code bin/explain} process in a folder
 * run, where one bad file must not stop the others.
 */
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD_NPY = header("<f4", "False", "(3, 8, 8)");

    @TempDir
    static Path dir;
    private static Path model;
    private static Path files;

    @BeforeAll
    static void setUp() throws IOException {
        model = TestModels.save(TestModels.build(3, 5), dir, "model");
        files = Files.createDirectories(dir.resolve("files"));
    }

    @AfterAll
    static void noCrashLogs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("."))) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).toList(),
                    "a native crash left its log in the working directory");
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(HostileInputTest.class.getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} bytes past the 200-byte superblock inverted at seeded places: lengths and offsets that lie. */
    private static byte[] flipped(byte[] data, int count, long seed) {
        byte[] d = data.clone();
        java.util.Random rng = new java.util.Random(seed);
        for (int i = 0; i < count; i++) {
            int at = 200 + rng.nextInt(d.length - 200);
            d[at] = (byte) ~d[at];
        }
        return d;
    }

    private static Path zipOf(Path zip, String entry, String text) throws IOException {
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry(entry));
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return zip;
    }

    /** A valid ModelSerializer zip of a dense network (its truncation is the hostile file). */
    private static Path dl4jZip(Path zip) throws IOException {
        var net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(12).nOut(4).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nIn(4).nOut(3).build())
                .build());
        net.init();
        org.deeplearning4j.util.ModelSerializer.writeModel(net, zip.toFile(), false);
        return zip;
    }

    private static Path unsupportedDl4jZip(Path zip) throws IOException {
        var net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().list()
                .layer(new org.deeplearning4j.nn.conf.layers.Convolution1DLayer.Builder(3).nIn(3).nOut(4).build())
                .layer(new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder().nIn(4).nOut(3).build())
                .build());
        net.init();
        org.deeplearning4j.util.ModelSerializer.writeModel(net, zip.toFile(), false);
        return zip;
    }

    /** One case: the command line, and what the single stderr line must mention. */
    private record Case(String name, String mention, String... args) {
    }

    @TestFactory
    Stream<DynamicTest> everyHostileInputIsOneLineAndExitTwo() throws IOException {
        List<Case> cases = new ArrayList<>();
        // .npy files whose header lies or whose content is no input
        core(cases, "complex dtype", "complex", npy(files, "complex.npy", header("<c8", "False", "(3, 8, 8)"), new byte[8 * 192]));
        core(cases, "object dtype", "objects", npy(files, "object.npy", header("|O", "False", "(3, 8, 8)"), new byte[8 * 192]));
        core(cases, "string dtype", "strings", npy(files, "string.npy", header("<U4", "False", "(3, 8, 8)"), new byte[16 * 192]));
        core(cases, "long double", "16 bytes", npy(files, "f16.npy", header("<f16", "False", "(3, 8, 8)"), new byte[16 * 192]));
        core(cases, "shape larger than the data", "truncated", npy(files, "lying.npy", header("<f4", "False", "(3, 800, 800)"),
                floats(192, 0.5f, ByteOrder.LITTLE_ENDIAN)));
        core(cases, "truncated data", "truncated", npy(files, "cut.npy", GOOD_NPY, floats(100, 0.5f, ByteOrder.LITTLE_ENDIAN)));
        core(cases, "data past the shape", "holds", npy(files, "long.npy", GOOD_NPY, floats(300, 0.5f, ByteOrder.LITTLE_ENDIAN)));
        core(cases, "negative dimension", "negative", npy(files, "negative.npy", header("<f4", "False", "(-3, 8, 8)"), new byte[0]));
        core(cases, "overflowing shape", "large", npy(files, "overflow.npy", header("<f4", "False", "(4294967296, 4294967296, 8)"), new byte[0]));
        core(cases, "header cut off", "truncated", Files.write(files.resolve("header.npy"),
                HostileFiles.cut(Files.readAllBytes(npy(files, "tmp.npy", GOOD_NPY, new byte[768])), 0.05)));
        core(cases, "not a .npy", "magic", Files.writeString(files.resolve("text.npy"), "x,y\n1,2\n"));
        core(cases, "NaN values", "NaN", npy(files, "nan.npy", GOOD_NPY, floats(192, Float.NaN, ByteOrder.LITTLE_ENDIAN)));
        core(cases, "infinite values", "infinite", npy(files, "inf.npy", GOOD_NPY, floats(192, Float.POSITIVE_INFINITY, ByteOrder.LITTLE_ENDIAN)));
        core(cases, "another shape", "shape", npy(files, "shape.npy", header("<f4", "False", "(3, 9, 9)"), floats(243, 0.5f, ByteOrder.LITTLE_ENDIAN)));
        // images
        core(cases, "truncated PNG", "decode", Files.write(files.resolve("cut.png"), HostileFiles.cut(HostileFiles.png(64, 48, 1), 0.5)));
        core(cases, "truncated JPEG", "truncated", Files.write(files.resolve("cut.jpg"), HostileFiles.cut(HostileFiles.jpeg(64, 48, 2), 0.6)));
        core(cases, "text named .png", "as an image", Files.writeString(files.resolve("text.png"), "not an image"));
        core(cases, "empty file", "as an image", Files.write(files.resolve("empty.png"), new byte[0]));
        core(cases, "10-gigapixel PNG header", "--max-pixels", Files.write(files.resolve("huge.png"), HostileFiles.pngHeaderOnly(100_000, 100_000)));
        cases.add(new Case("image above --max-pixels", "--max-pixels", "core", "--model", model.toString(), "--input",
                Files.write(files.resolve("ok.png"), HostileFiles.png(64, 48, 3)).toString(), "--max-pixels", "1000", "--out", out("maxpx")));
        // model files and cards
        Path ok = npy(files, "ok.npy", GOOD_NPY, floats(192, 0.5f, ByteOrder.LITTLE_ENDIAN));
        cases.add(modelCase("random bytes as a model", "SameDiff", Files.write(dir.resolve("random.fb"), HostileFiles.png(8, 8, 4)), ok));
        cases.add(modelCase("truncated model", "SameDiff", Files.write(dir.resolve("cut.fb"), HostileFiles.cut(Files.readAllBytes(model), 0.5)), ok));
        cases.add(modelCase("card input shape", "inputShape", card("shape", c -> c.putPOJO("inputShape", new long[] {3, 9, 9})), ok));
        cases.add(modelCase("card channel count", "inputShape", card("channels", c -> c.putPOJO("inputShape", new long[] {1, 8, 8})), ok));
        cases.add(modelCase("card zero std", "std", card("std0", c -> c.putPOJO("preprocessing", JSON.createObjectNode()
                .put("scale", 1).putPOJO("mean", new double[] {0, 0, 0}).putPOJO("std", new double[] {1, 0, 1}))), ok));
        cases.add(modelCase("card empty mean", "mean", card("mean0", c -> c.putPOJO("preprocessing", JSON.createObjectNode()
                .put("scale", 1).putPOJO("mean", new double[0]).putPOJO("std", new double[0]))), ok));
        cases.add(modelCase("card output kind", "score", card("kind", c -> c.put("outputKind", "score")), ok));
        cases.add(modelCase("card labels", "labels", card("labels", c -> c.putPOJO("labels", List.of("a", "b"))), ok));
        cases.add(modelCase("card unknown layer", "default layer", card("layer", c -> c.put("defaultLayer", "nowhere")), ok));
        cases.add(modelCase("card flat default layer", "default layer", card("flat", c -> c.put("defaultLayer", "flat")), ok));
        cases.add(modelCase("card not JSON", "card", card("json", null), ok));
        cases.add(modelCase("ONNX initializer dims", "corrupt", corruptOnnx(), ok));
        cases.add(modelCase("random bytes as ONNX", "ONNX", Files.write(dir.resolve("random.onnx"), HostileFiles.png(8, 8, 5)), ok));
        // DL4J and Keras model files
        cases.add(modelCase("random bytes as a DL4J zip", "not a zip", Files.write(dir.resolve("random.zip"), HostileFiles.png(8, 8, 6)), ok));
        cases.add(modelCase("zip without configuration.json", "configuration.json", zipOf(dir.resolve("other.zip"), "readme.txt", "hello"), ok));
        cases.add(modelCase("DL4J configuration of neither kind", "neither", zipOf(dir.resolve("neither.zip"), "configuration.json", "{}"), ok));
        cases.add(modelCase("DL4J configuration not JSON", "DL4J", zipOf(dir.resolve("nojson.zip"), "configuration.json", "{confs: ["), ok));
        Path dl4j = dl4jZip(dir.resolve("dense.zip"));
        cases.add(modelCase("truncated DL4J zip", "DL4J", Files.write(dir.resolve("cut.zip"), HostileFiles.cut(Files.readAllBytes(dl4j), 0.6)), ok));
        cases.add(modelCase("DL4J network with an unsupported layer", "Convolution1DLayer", unsupportedDl4jZip(dir.resolve("conv1d.zip")), ok));
        cases.add(modelCase("text named .h5", "HDF5", Files.writeString(dir.resolve("notes.h5"), "not a Keras file"), ok));
        // (a copy of explain-core's Keras fixture, written by scripts/make-keras-fixtures.py)
        byte[] keras = Files.readAllBytes(resource("/keras/small-cnn.h5"));
        cases.add(modelCase("truncated Keras file", "damaged or truncated", Files.write(dir.resolve("cut.h5"), HostileFiles.cut(keras, 0.4)), ok));
        cases.add(modelCase("Keras file with lying lengths", "Keras", Files.write(dir.resolve("flipped.h5"), flipped(keras, 40, 3)), ok));
        cases.add(modelCase("HDF5 file that is no Keras model", "model_config", resource("/keras/not-a-model.h5"), ok));
        // destinations
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        cases.add(new Case("--out is a file", "not a folder", "core", "--model", model.toString(), "--input", ok.toString(), "--out", aFile.toString()));
        cases.add(new Case("--out below a file", "not a folder", "core", "--model", model.toString(), "--input", ok.toString(),
                "--out", aFile.resolve("sub").toString()));
        if (Files.isDirectory(Path.of("/proc/self"))) {
            cases.add(new Case("--out in /proc", "cannot be written", "core", "--model", model.toString(), "--input", ok.toString(),
                    "--out", "/proc/explain4j-test"));
            cases.add(new Case("train --model in /proc, before any data", "--model", "recognition", "train", "--data", "mnist",
                    "--data-dir", dir.resolve("no-data").toString(), "--model", "/proc/explain4j.fb"));
            cases.add(new Case("iqa train --model in /proc, before any data", "--model", "iqa", "train", "--data-dir",
                    dir.resolve("no-data").toString(), "--model", "/proc/explain4j.fb"));
        }
        cases.add(new Case("iqa score --out is a folder", "folder", "iqa", "score", "--input", ok.toString(), "--out", dir.toString()));
        // rated data sets, IDX and CURE-TSR folders
        cases.add(new Case("KADID score NaN", "line 2", "iqa", "score", "--data-dir", kadid("NaN").toString()));
        cases.add(new Case("KADID score Infinity", "line 2", "iqa", "score", "--data-dir", kadid("Infinity").toString()));
        cases.add(new Case("TID2013 score NaN", "line 1", "iqa", "score", "--format", "tid2013", "--data-dir", tid("nan").toString()));
        cases.add(new Case("truncated IDX", "truncated", "recognition", "train", "--data", "mnist", "--data-dir", idx(true).toString(),
                "--model", dir.resolve("m1.fb").toString()));
        cases.add(new Case("IDX of another magic", "magic", "recognition", "train", "--data", "mnist", "--data-dir", idx(false).toString(),
                "--model", dir.resolve("m2.fb").toString()));
        cases.add(new Case("novelty on a truncated IDX", "truncated", "recognition", "novelty", "--data", "mnist", "--data-dir",
                idx(true).toString(), "--out", dir.resolve("nov1").toString()));
        cases.add(new Case("novelty on an unknown data set", "cifar", "recognition", "novelty", "--data", "cifar", "--out",
                dir.resolve("nov2").toString()));
        cases.add(new Case("novelty without a data folder", "data folder not found", "recognition", "novelty", "--data", "mnist",
                "--data-dir", dir.resolve("no-data").toString(), "--out", dir.resolve("nov3").toString()));
        cases.add(new Case("novelty with a class out of range", "--classes", "recognition", "novelty", "--data", "mnist",
                "--classes", "3-12", "--data-dir", idx(false).toString(), "--out", dir.resolve("nov4").toString()));
        cases.add(new Case("novelty with a class that is no number", "--classes", "recognition", "novelty", "--data", "mnist",
                "--classes", "seven", "--out", dir.resolve("nov5").toString()));
        cases.add(new Case("novelty with zero epochs", "--epochs", "recognition", "novelty", "--data", "mnist", "--epochs", "0",
                "--out", dir.resolve("nov6").toString()));
        cases.add(new Case("novelty on signs without challenged images", "test-challenges", "recognition", "novelty", "--data", "signs",
                "--data-dir", cleanSigns().toString(), "--out", dir.resolve("nov7").toString()));
        cases.add(new Case("novelty with a NaN GradCON weight", "finite", "recognition", "novelty", "--data", "mnist",
                "--gradcon-weight", "NaN", "--out", dir.resolve("nov9").toString()));
        cases.add(new Case("novelty --out in /proc", "cannot be written", "recognition", "novelty", "--data", "mnist",
                "--out", "/proc/explain4j"));
        cases.add(new Case("bench --novelty on no images", "--images", "bench", "--novelty", "--images", "0"));
        // Implicit saliency and the saliency metrics
        Path okPng = Files.write(files.resolve("ok-saliency.png"), HostileFiles.png(8, 8, 3));
        for (String[] bad : new String[][] {{"--conflicting", "top:x", "conflicting labels"}, {"--combine", "median", "combination"},
                {"--pseudo", "lrp", "pseudo maps"}, {"--layer", "relu2,nope", "unknown layer 'nope'"},
                {"--conflicting", "2,9", "conflicting label 9 is not a class"}}) {
            cases.add(new Case("implicit with " + bad[0] + " " + bad[1], bad[2], "core", "--model", model.toString(), "--input",
                    okPng.toString(), "--method", "implicit", bad[0], bad[1], "--out", out("implicit-" + bad[1].replace(':', '-').replace(',', '-'))));
        }
        Path fix = Files.write(files.resolve("fix.png"), HostileFiles.png(8, 8, 1));
        Path blank = files.resolve("blank-fix.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", blank.toFile());
        Path smallDensity = files.resolve("small-density.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", smallDensity.toFile());
        Path goodMap = npy(files, "map.npy", header("<f4", "False", "(8, 8)"), floats(64, 0.5f, ByteOrder.LITTLE_ENDIAN));
        cases.add(new Case("metrics on an empty fixation map", "no fixations", "core", "metrics", "--map", goodMap.toString(),
                "--fixations", blank.toString()));
        cases.add(new Case("metrics on a NaN map", "NaN", "core", "metrics", "--map", npy(files, "nan-map.npy",
                header("<f4", "False", "(8, 8)"), floats(64, Float.NaN, ByteOrder.LITTLE_ENDIAN)).toString(), "--fixations", fix.toString()));
        cases.add(new Case("metrics on a 3-D map", "[H, W] plane", "core", "metrics", "--map", npy(files, "cube-map.npy",
                header("<f4", "False", "(3, 8, 8)"), floats(192, 0.5f, ByteOrder.LITTLE_ENDIAN)).toString(), "--fixations", fix.toString()));
        cases.add(new Case("metrics with a density of another size", "but the fixation map", "core", "metrics", "--map", goodMap.toString(),
                "--fixations", fix.toString(), "--density", smallDensity.toString()));
        cases.add(new Case("metrics with no other fixation maps", "no fixation maps", "core", "metrics", "--map", goodMap.toString(),
                "--fixations", fix.toString(), "--others", Files.createDirectories(files.resolve("no-others")).toString()));
        cases.add(new Case("metrics on a missing map", "not found", "core", "metrics", "--map", files.resolve("none.npy").toString(),
                "--fixations", fix.toString()));
        cases.add(new Case("metrics on a truncated map", "truncated", "core", "metrics", "--map", npy(files, "cut-map.npy",
                header("<f4", "False", "(8, 8)"), floats(10, 0.5f, ByteOrder.LITTLE_ENDIAN)).toString(), "--fixations", fix.toString()));
        Path cutPng = Files.write(files.resolve("cut-saliency.png"), HostileFiles.cut(HostileFiles.png(64, 48, 1), 0.5));
        cases.add(new Case("metrics on a truncated fixation map", "decode", "core", "metrics", "--map", goodMap.toString(),
                "--fixations", cutPng.toString()));
        cases.add(new Case("metrics on a truncated map image", "decode", "core", "metrics", "--map", cutPng.toString(),
                "--fixations", fix.toString()));
        cases.add(new Case("metrics on text named .npy", "not a .npy", "core", "metrics", "--map",
                Files.writeString(files.resolve("text-map.npy"), "not an array").toString(), "--fixations", fix.toString()));
        cases.add(new Case("metrics with a NaN seed", "--seed", "core", "metrics", "--map", goodMap.toString(), "--fixations",
                fix.toString(), "--seed", "NaN"));
        cases.add(new Case("saliency figure on a truncated image", "decode", "recognition", "saliency", "--model", model.toString(),
                "--input", cutPng.toString(), "--out", out("sal5")));
        cases.add(new Case("saliency figure with a truncated fixation map", "decode", "recognition", "saliency", "--model",
                model.toString(), "--input", okPng.toString(), "--fixations", cutPng.toString(), "--out", out("sal6")));
        cases.add(new Case("saliency with a NaN image count", "--images", "recognition", "saliency", "--data", "mnist", "--images", "NaN",
                "--out", out("sal7")));
        if (Files.isDirectory(Path.of("/proc/self"))) {
            cases.add(new Case("saliency --out in /proc", "cannot be written", "recognition", "saliency", "--model", model.toString(),
                    "--input", okPng.toString(), "--out", "/proc/explain4j"));
            cases.add(new Case("saliency --write-composites in /proc", "cannot be written", "recognition", "saliency", "--data", "mnist",
                    "--model", model.toString(), "--write-composites", "/proc/explain4j", "--out", out("sal8")));
        }
        cases.add(new Case("saliency on one composite", "--images", "recognition", "saliency", "--data", "mnist", "--images", "1",
                "--out", out("sal1")));
        cases.add(new Case("saliency with neither data nor input", "give either", "recognition", "saliency", "--out", out("sal2")));
        cases.add(new Case("saliency figure with too few fixation maps", "one --fixations map per", "recognition", "saliency", "--model",
                model.toString(), "--input", okPng.toString(), "--input", okPng.toString(), "--fixations", fix.toString(), "--out", out("sal3")));
        cases.add(new Case("saliency figure with an empty fixation map", "no fixations", "recognition", "saliency", "--model",
                model.toString(), "--input", okPng.toString(), "--fixations", blank.toString(), "--out", out("sal4")));
        cases.add(new Case("novelty on signs with a corrupt classifier", "garbage.fb", "recognition", "novelty", "--data", "signs",
                "--data-dir", cleanSigns().toString(), "--model", Files.write(dir.resolve("garbage.fb"), new byte[] {1, 2, 3, 4, 5}).toString(),
                "--out", dir.resolve("nov8").toString()));
        cases.add(new Case("CURE-TSR folder without CURE-TSR names", "no", "recognition", "train", "--data", "signs", "--data-dir",
                badSigns().toString(), "--model", dir.resolve("m3.fb").toString()));
        // SEG-Y
        byte[] segy = segy();
        cases.add(segyCase("truncated SEG-Y", "truncated", HostileFiles.cut(segy, 0.9)));
        byte[] format = segy.clone();
        format[3225] = 4;
        cases.add(segyCase("SEG-Y format code 4", "format code", format));
        byte[] zero = segy.clone();
        zero[3220] = 0;
        zero[3221] = 0;
        cases.add(segyCase("SEG-Y without samples", "samples", zero));
        cases.add(segyCase("text named .sgy", "shorter than", "not a survey".getBytes(StandardCharsets.US_ASCII)));
        cases.add(segyCase("SEG-Y grid at other bytes", "byte 189", segyAt(9, 21)));
        // LANDMASS .mat patches through seismic explain
        Path goodMat = files.resolve("good.mat");
        org.explain4j.datasets.landmass.MatWriter.write(goodMat, "img", new float[99][99]);
        cases.add(matCase("truncated .mat", "truncated", HostileFiles.cut(Files.readAllBytes(goodMat), 0.7)));
        cases.add(matCase("text named .mat", "MATLAB", "not a matrix".getBytes(StandardCharsets.US_ASCII)));
        float[][] nan = new float[99][99];
        nan[5][7] = Float.NaN;
        Path nanMat = files.resolve("nan-source.mat");
        org.explain4j.datasets.landmass.MatWriter.write(nanMat, "img", nan);
        cases.add(matCase(".mat holding NaN", "NaN", Files.readAllBytes(nanMat)));
        // Sections ([traces, samples] .npy) through seismic section
        String section = header("<f4", "False", "(120, 100)");
        sectionCase(cases, "truncated section", "truncated", npy(files, "cut-section.npy", section, floats(5000, 0.5f, ByteOrder.LITTLE_ENDIAN)));
        sectionCase(cases, "section header larger than its data", "truncated", npy(files, "lying-section.npy",
                header("<f4", "False", "(1200, 1000)"), floats(12000, 0.5f, ByteOrder.LITTLE_ENDIAN)));
        sectionCase(cases, "NaN section", "NaN", npy(files, "nan-section.npy", section, floats(12000, Float.NaN, ByteOrder.LITTLE_ENDIAN)));
        sectionCase(cases, "silent section", "all zeros", npy(files, "zero-section.npy", section, new byte[4 * 12000]));
        sectionCase(cases, "3-D section", "2-D", npy(files, "cube-section.npy", header("<f4", "False", "(3, 120, 100)"),
                floats(36000, 0.5f, ByteOrder.LITTLE_ENDIAN)));
        sectionCase(cases, "section narrower than a window", "windows are 99x99", npy(files, "thin-section.npy",
                header("<f4", "False", "(50, 100)"), floats(5000, 0.5f, ByteOrder.LITTLE_ENDIAN)));
        cases.add(new Case("seismic figure --data without patches", "no LANDMASS patches", "seismic", "figure", "--data",
                Files.createDirectories(files.resolve("empty-landmass")).toString(), "--out", out("empty-landmass")));
        if (Files.isDirectory(Path.of("/proc/self"))) {
            Path good = npy(files, "good-section.npy", section, floats(12000, 0.5f, ByteOrder.LITTLE_ENDIAN));
            cases.add(new Case("seismic section --out in /proc", "cannot be written", "seismic", "section", "--input", good.toString(),
                    "--out", "/proc/explain4j"));
            cases.add(new Case("seismic figure --out in /proc", "cannot be written", "seismic", "figure", "--out", "/proc/explain4j"));
            cases.add(new Case("seismic slice --out in /proc", "cannot be written", "seismic", "slice", "--segy",
                    Files.write(files.resolve("ok.sgy"), segy()).toString(), "--inline", "1", "--out", "/proc/explain4j.npy"));
            cases.add(new Case("seismic train --model in /proc, before any data", "--model", "seismic", "train", "--data",
                    dir.resolve("no-data").toString(), "--model", "/proc/explain4j.fb"));
            cases.add(new Case("seismic generate --out in /proc", "cannot be written", "seismic", "generate", "--out", "/proc/explain4j"));
        }
        noveltyCases(cases);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    /** A saved novelty detector (untrained: what is refused is its files) and the ways a user can hand a bad one over. */
    private static void noveltyCases(List<Case> cases) throws IOException {
        Path good = HostileFiles.noveltyDetector(dir.resolve("detector"));
        Path images = Files.createDirectories(files.resolve("novelty-images"));
        Files.write(images.resolve("a.png"), HostileFiles.png(28, 28, 1));
        java.util.function.BiFunction<String, java.util.function.Consumer<Path>, Path> broken = (name, damage) -> {
            try {
                Path d = Files.createDirectories(dir.resolve("detector-" + name));
                try (Stream<Path> list = Files.list(good)) {
                    for (Path f : list.toList()) {
                        Files.copy(f, d.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                damage.accept(d);
                return d;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        java.util.function.BiConsumer<Path, byte[]> write = (f, bytes) -> {
            try {
                Files.write(f, bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        Path[] detectors = {
            broken.apply("cut-json", d -> write.accept(d.resolve("detector.json"), "{\"data\": \"te".getBytes(StandardCharsets.UTF_8))),
            broken.apply("lying-json", d -> write.accept(d.resolve("detector.json"), ("{\"data\":\"x\",\"inlier\":1,\"channels\":1,"
                    + "\"gradconWeight\":0.1,\"sites\":[\"w\"],\"mahalanobisMean\":[],\"mahalanobisInverseCovariance\":[]}").getBytes(StandardCharsets.UTF_8))),
            broken.apply("random-model", d -> write.accept(d.resolve("autoencoder.fb"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8})),
            broken.apply("cut-npy", d -> write.accept(d.resolve("reference-2.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M'})),
            broken.apply("missing-npy", d -> write.accept(d.resolve("inlier-mean-0.npy"), new byte[0])),
            broken.apply("nan-reference", d -> write.accept(d.resolve("reference-0.npy"), nanLike(good.resolve("reference-0.npy")))),
            broken.apply("no-model", d -> {
                try {
                    Files.delete(d.resolve("autoencoder.fb"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })};
        String[] mentions = {"detector", "sites", "detector", "reference-2.npy", "inlier-mean-0.npy", "NaN", "no novelty detector"};
        for (int i = 0; i < detectors.length; i++) {
            cases.add(new Case("novelty-score with a " + detectors[i].getFileName(), mentions[i], "recognition", "novelty-score", "--detector",
                    detectors[i].toString(), "--input", images.toString(), "--out", out("novelty-" + i)));
        }
        cases.add(new Case("novelty-score --input a file", "not a folder", "recognition", "novelty-score", "--detector", good.toString(),
                "--input", images.resolve("a.png").toString(), "--out", out("novelty-file")));
        if (Files.isDirectory(Path.of("/proc/self"))) {
            cases.add(new Case("novelty-score --out in /proc", "cannot be written", "recognition", "novelty-score", "--detector",
                    good.toString(), "--input", images.toString(), "--out", "/proc/explain4j"));
            cases.add(new Case("novelty --save-detectors in /proc, before any training", "--save-detectors", "recognition", "novelty",
                    "--data", "mnist", "--data-dir", dir.resolve("no-data").toString(), "--save-detectors", "/proc/explain4j"));
        }
        cases.add(new Case("novelty --save-detectors with signs", "--save-detectors", "recognition", "novelty", "--data", "signs",
                "--data-dir", dir.resolve("no-data").toString(), "--save-detectors", out("signs-detectors")));
    }

    /** A copy of a float .npy with every value NaN (its header kept). */
    private static byte[] nanLike(Path npy) {
        try {
            byte[] b = Files.readAllBytes(npy);
            int data = 10 + ((b[8] & 0xff) | (b[9] & 0xff) << 8);
            java.nio.ByteBuffer.wrap(b, data, b.length - data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                    .put(floatsOf(Float.NaN, (b.length - data) / 4));
            return b;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static float[] floatsOf(float v, int n) {
        float[] f = new float[n];
        java.util.Arrays.fill(f, v);
        return f;
    }

    private static void check(Case c) throws IOException {
        Path out = outOf(c.args());
        boolean existed = out != null && Files.exists(out);
        CoreCommandTest.Result r = CoreCommandTest.run(c.args());
        assertEquals(2, r.status(), c.name() + ": " + r.err());
        assertEquals(1, r.err().strip().lines().count(), c.name() + ": one line expected, got: " + r.err());
        assertTrue(r.err().contains(c.mention()), c.name() + ": '" + c.mention() + "' expected in: " + r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        assertEquals("", r.out(), c.name() + ": nothing on stdout");
        if (out != null && !existed && out.toString().endsWith(".npy")) {
            assertFalse(Files.exists(out), c.name() + ": output written to " + out);
        }
        if (out != null && !existed && !out.startsWith("/proc")) {
            assertFalse(Files.exists(out) && Files.isDirectory(out) && CoreCommandTest.list(out).size() > 0, c.name() + ": output written to " + out);
        }
    }

    private static Path outOf(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--out")) {
                return Path.of(args[i + 1]);
            }
        }
        return null;
    }

    private static String out(String name) {
        return dir.resolve("out-" + name).toString();
    }

    private static void core(List<Case> cases, String name, String mention, Path input) {
        cases.add(new Case(name, mention, "core", "--model", model.toString(), "--input", input.toString(), "--out", out(name.replace(' ', '-'))));
    }

    private static Case modelCase(String name, String mention, Path modelFile, Path input) {
        return new Case(name, mention, "core", "--model", modelFile.toString(), "--input", input.toString(), "--out", out(name.replace(' ', '-')));
    }

    /** A copy of the model with its card changed by {@code edit}; a null edit writes a card that is not JSON. */
    private static Path card(String name, Consumer<ObjectNode> edit) throws IOException {
        Path copy = Files.copy(model, dir.resolve("card-" + name + ".fb"));
        Path card = ExplainableModel.cardPathFor(copy);
        if (edit == null) {
            Files.writeString(card, "{\"inputShape\": [3, 8");
            return copy;
        }
        ObjectNode node = (ObjectNode) JSON.readTree(ExplainableModel.cardPathFor(model).toFile());
        edit.accept(node);
        JSON.writeValue(card.toFile(), node);
        return copy;
    }

    /** The tiny ONNX fixture with its first initializer's dims no longer matching its data. */
    private static Path corruptOnnx() throws IOException {
        Onnx.ModelProto m = Onnx.ModelProto.parseFrom(HostileFiles.resource("tiny.onnx"));
        Onnx.GraphProto.Builder g = m.getGraph().toBuilder();
        Onnx.TensorProto.Builder t = g.getInitializer(0).toBuilder().clearDims().addDims(999).addDims(999);
        g.setInitializer(0, t);
        return Files.write(dir.resolve("corrupt.onnx"), m.toBuilder().setGraph(g).build().toByteArray());
    }

    /** A small valid survey (IEEE float, big-endian, 2 x 3 traces of 6 samples), written into {@code where}. */
    static byte[] segy(Path where) throws IOException {
        return segyAt(where, 189, 193);
    }

    private static byte[] segy() throws IOException {
        return segyAt(dir, 189, 193);
    }

    private static byte[] segyAt(int inlineByte, int crosslineByte) throws IOException {
        return segyAt(dir, inlineByte, crosslineByte);
    }

    private static byte[] segyAt(Path where, int inlineByte, int crosslineByte) throws IOException {
        Path f = Files.createTempFile(where, "survey", ".sgy");
        org.explain4j.datasets.segy.SegyWriter.write(f, org.explain4j.datasets.segy.SegyWriter.Layout.standard(
                org.explain4j.datasets.segy.SampleFormat.IEEE_FLOAT, ByteOrder.BIG_ENDIAN).withBytes(inlineByte, crosslineByte),
                new int[] {1, 2}, new int[] {1, 2, 3}, 6, (i, x) -> new float[] {i, x, 1, 2, 3, 4});
        return Files.readAllBytes(f);
    }

    private static Case segyCase(String name, String mention, byte[] bytes) throws IOException {
        Path file = Files.write(files.resolve(name.replace(' ', '-') + ".sgy"), bytes);
        return new Case(name, mention, "seismic", "slice", "--segy", file.toString(), "--inline", "1", "--out", out(name.replace(' ', '-')) + ".npy");
    }

    private static void sectionCase(List<Case> cases, String name, String mention, Path input) {
        cases.add(new Case(name, mention, "seismic", "section", "--input", input.toString(), "--out", out(name.replace(' ', '-'))));
    }

    private static Case matCase(String name, String mention, byte[] bytes) throws IOException {
        Path file = Files.write(files.resolve(name.replace(' ', '-') + ".mat"), bytes);
        return new Case(name, mention, "seismic", "explain", "--input", file.toString(), "--out", out(name.replace(' ', '-')));
    }

    private static Path kadid(String score) throws IOException {
        Path d = Files.createDirectories(dir.resolve("kadid-" + score + "/images"));
        Files.writeString(d.resolveSibling("dmos.csv"), "dist_img,ref_img,dmos,var\nI01_01_01.png,I01.png," + score + ",0.1\n");
        return d.getParent();
    }

    private static Path tid(String score) throws IOException {
        Path d = Files.createDirectories(dir.resolve("tid-" + score));
        Files.writeString(d.resolve("mos_with_names.txt"), score + " i01_01_1.bmp\n");
        return d;
    }

    private static Path idx(boolean truncated) throws IOException {
        Path d = Files.createDirectories(dir.resolve("idx-" + truncated));
        int magic = truncated ? 0x803 : 0x1234;
        Files.write(d.resolve("train-images-idx3-ubyte"), HostileFiles.cut(HostileFiles.idx(magic, new int[] {1000, 28, 28}, 28 * 28 * 1000), 0.3));
        Files.write(d.resolve("train-labels-idx1-ubyte"), HostileFiles.idx(0x801, new int[] {1000}, 1000));
        Files.write(d.resolve("t10k-images-idx3-ubyte"), HostileFiles.idx(magic, new int[] {10, 28, 28}, 28 * 28 * (truncated ? 5 : 10)));
        Files.write(d.resolve("t10k-labels-idx1-ubyte"), HostileFiles.idx(0x801, new int[] {10}, 10));
        return d;
    }

    /** Readable signs in train/ and test/, and no test-challenges/. */
    private static Path cleanSigns() throws IOException {
        Path d = dir.resolve("clean-signs");
        for (String split : new String[] {"train", "test"}) {
            Path s = Files.createDirectories(d.resolve(split));
            Files.write(s.resolve("01_01_00_00_0001.png"), HostileFiles.png(28, 28, 3));
            Files.write(s.resolve("01_02_00_00_0002.png"), HostileFiles.png(28, 28, 4));
        }
        return d;
    }

    private static Path badSigns() throws IOException {
        Path d = Files.createDirectories(dir.resolve("signs/train"));
        Files.write(d.resolve("stop.png"), HostileFiles.png(16, 16, 6));
        Files.write(d.resolve("01_15_00_00_0001.png"), HostileFiles.png(16, 16, 7)); // sign type 15 does not exist
        Files.createDirectories(dir.resolve("signs/test"));
        return d.getParent();
    }

    /**
     * The files that crashed the JVM in native code, in one folder with a good input and a big-endian and a
     * Fortran-ordered one that are fine, explained by a real {@code bin/explain} process: exit 0, the three good
     * ones explained, each bad one skipped with its reason, no crash log, and stdout only the summary.
     */
    @Test
    void aFolderRunSurvivesEveryHostileFileInAFreshJvm() throws Exception {
        Path in = Files.createDirectories(dir.resolve("folder-in"));
        npy(in, "good.npy", GOOD_NPY, floats(192, 0.5f, ByteOrder.LITTLE_ENDIAN));
        npy(in, "big-endian.npy", header(">f4", "False", "(3, 8, 8)"), floats(192, 0.5f, ByteOrder.BIG_ENDIAN));
        npy(in, "fortran.npy", "{'descr':'<f4','fortran_order':True,'shape':(1,3,8,8)}", floats(192, 0.5f, ByteOrder.LITTLE_ENDIAN));
        npy(in, "complex.npy", header("<c8", "False", "(3, 8, 8)"), new byte[8 * 192]);
        npy(in, "object.npy", header("|O", "False", "(3, 8, 8)"), new byte[8 * 192]);
        npy(in, "string.npy", header("|S8", "False", "(3, 8, 8)"), new byte[8 * 192]);
        npy(in, "lying.npy", header("<f4", "False", "(3, 800, 800)"), floats(192, 0.5f, ByteOrder.LITTLE_ENDIAN));
        npy(in, "truncated.npy", GOOD_NPY, floats(17, 0.5f, ByteOrder.LITTLE_ENDIAN));
        Path out = dir.resolve("folder-out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "recognition", "explain", "--model", model.toString(),
                "--input", in.toString(), "--out", out.toString()).directory(dir.toFile()).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        String o = new String(stdout, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), o + stderr);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList());
        }
        assertTrue(o.startsWith("explained 3 images"), o);
        assertEquals(1, o.strip().lines().count(), "stdout holds the summary only: " + o);
        assertTrue(stderr.contains("skipped 5 unreadable file(s)"), stderr);
        for (String bad : List.of("complex", "object", "string", "lying", "truncated")) {
            assertTrue(stderr.contains(bad + ".npy"), bad + " in: " + stderr);
            assertFalse(Files.exists(out.resolve(bad)), bad);
        }
        for (String good : List.of("good", "big-endian", "fortran")) {
            assertTrue(Files.isRegularFile(out.resolve(good).resolve("explanations.json")), good);
        }
    }
}
