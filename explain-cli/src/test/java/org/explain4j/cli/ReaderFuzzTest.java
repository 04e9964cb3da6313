package org.explain4j.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.explain4j.core.imports.onnx.OnnxImporter;
import org.explain4j.core.io.ImageReading;
import org.explain4j.core.io.InputException;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelLoadException;
import org.explain4j.datasets.cifar.Cifar10Reader;
import org.explain4j.datasets.curetsr.CureTsrName;
import org.explain4j.datasets.iqa.Kadid10kReader;
import org.explain4j.datasets.iqa.Tid2013Reader;
import org.explain4j.datasets.idx.IdxReader;
import org.explain4j.iqa.evidence.DistortedRegion;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random byte flipping over every reader, seeded and bounded in time: each mangled file must be read or refused
 * with the reader's user error ({@link InputException}, {@link ModelLoadException}); any other exception would
 * reach the user as an internal error, and a native crash would kill this JVM and fail the build. Each reader gets
 * {@code -Dexplain4j.fuzz.seconds} seconds (default 2); a failure names the seed and iteration that reproduce it.
 */
class ReaderFuzzTest {

    private static final long SEED = Long.getLong("explain4j.fuzz.seed", 20261126L);
    private static final double SECONDS = Double.parseDouble(System.getProperty("explain4j.fuzz.seconds", "2"));

    @TempDir
    static Path dir;

    /** A reader of one file: the mangled bytes are written to {@code file} first. */
    @FunctionalInterface
    private interface Reader {
        void read(Path file) throws Exception;
    }

    private record Target(String name, String fileName, byte[] seed, Reader reader) {
    }

    @TestFactory
    List<DynamicTest> everyReaderSurvivesMangledFiles() throws IOException {
        Path model = TestModels.save(TestModels.build(3, 5), dir, "model");
        byte[] card = Files.readAllBytes(ExplainableModel.cardPathFor(model));
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("npy", "x.npy", Files.readAllBytes(HostileFiles.npy(dir, "seed.npy",
                HostileFiles.header("<f4", "False", "(3, 8, 8)"), HostileFiles.floats(192, 0.5f, ByteOrder.LITTLE_ENDIAN))), NpyFiles::read));
        for (String format : List.of("png", "jpg", "bmp", "gif")) {
            targets.add(new Target(format, "x." + format, HostileFiles.encode(HostileFiles.noise(40, 30, 9), format),
                    f -> ImageReading.read(f, PixelLimit.DEFAULT)));
        }
        targets.add(new Target("onnx", "x.onnx", HostileFiles.resource("tiny.onnx"), OnnxImporter::load));
        try (java.io.InputStream keras = ReaderFuzzTest.class.getResourceAsStream("/keras/small-cnn.h5")) {
            targets.add(new Target("keras h5", "x.h5", keras.readAllBytes(), f -> org.explain4j.core.imports.ModelFiles.open(f, null, null)));
        }
        targets.add(new Target("dl4j zip", "x.zip", dl4jZip(), f -> org.explain4j.core.imports.ModelFiles.open(f, null, null)));
        Path detector = HostileFiles.noveltyDetector(dir.resolve("novelty-detector"));
        targets.add(new Target("novelty detector.json", "novelty-detector/detector.json", Files.readAllBytes(detector.resolve("detector.json")),
                f -> org.explain4j.recognition.novelty.detector.NoveltyDetector.load(f.getParent())));
        targets.add(new Target("samediff", "x.fb", Files.readAllBytes(model), f -> {
            Files.write(ExplainableModel.cardPathFor(f), card);
            ExplainableModel.load(f, null);
        }));
        Path goodModel = Files.copy(model, dir.resolve("card-target.fb"));
        targets.add(new Target("card", "card-target.card.json", card, f -> ExplainableModel.load(goodModel, null)));
        targets.add(new Target("idx images", "images-idx3-ubyte", HostileFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {3, 4, 4}, 48),
                IdxReader::readImages));
        targets.add(new Target("idx labels", "labels-idx1-ubyte", HostileFiles.idx(IdxReader.LABELS_MAGIC, new int[] {3}, 3), IdxReader::readLabels));
        targets.add(new Target("cifar", "data_batch_1.bin", new byte[2 * 3073], f -> Cifar10Reader.read(List.of(f), Cifar10Reader.CLASS_NAMES)));
        Path kadid = Files.createDirectories(dir.resolve("kadid/images"));
        Files.write(kadid.resolve("I01_01_01.png"), HostileFiles.png(8, 8, 1));
        Files.write(kadid.resolve("I01.png"), HostileFiles.png(8, 8, 2));
        targets.add(new Target("kadid csv", "kadid/dmos.csv", "dist_img,ref_img,dmos,var\nI01_01_01.png,I01.png,4.5,0.1\n"
                .getBytes(StandardCharsets.UTF_8), f -> Kadid10kReader.read(f.getParent())));
        Path tid = Files.createDirectories(dir.resolve("tid"));
        Files.createDirectories(tid.resolve("distorted_images"));
        Files.createDirectories(tid.resolve("reference_images"));
        Files.write(tid.resolve("distorted_images/i01_01_1.bmp"), HostileFiles.encode(HostileFiles.noise(8, 8, 3), "bmp"));
        Files.write(tid.resolve("reference_images/I01.BMP"), HostileFiles.encode(HostileFiles.noise(8, 8, 4), "bmp"));
        targets.add(new Target("tid2013 txt", "tid/mos_with_names.txt", "5.1 i01_01_1.bmp\n".getBytes(StandardCharsets.UTF_8),
                f -> Tid2013Reader.read(f.getParent())));
        targets.add(new Target("regions csv", "regions.csv", "dist_img,x,y,side\na.png,1,2,8\n".getBytes(StandardCharsets.UTF_8),
                DistortedRegion::read));
        targets.add(new Target("cure-tsr names", "names.txt", "01_05_03_02_0017.png".getBytes(StandardCharsets.US_ASCII),
                f -> CureTsrName.parse(Files.readString(f, StandardCharsets.ISO_8859_1))));
        targets.add(new Target("segy", "x.sgy", HostileInputTest.segy(dir), f -> {
            try (org.explain4j.datasets.segy.SegyFile s = org.explain4j.datasets.segy.SegyFile.open(f,
                    org.explain4j.datasets.segy.SegyOptions.defaults())) {
                s.inline(s.geometry().inlines()[0]);
                s.depth(s.samples() - 1);
            }
        }));
        targets.add(new Target("mat", "x.mat", HostileFiles.resource("patch.mat"), org.explain4j.datasets.landmass.MatFile::readMatrix));
        targets.add(new Target("mat compressed", "y.mat", HostileFiles.resource("patch-compressed.mat"),
                org.explain4j.datasets.landmass.MatFile::readMatrix));
        Path salicon = Files.createDirectories(dir.resolve("salicon/images"));
        Files.write(salicon.resolve("COCO_1.png"), HostileFiles.png(8, 6, 5));
        targets.add(new Target("salicon fixation json", "salicon/fixations_train2014.json", ("{\"images\": [{\"id\": 7, \"file_name\": "
                + "\"COCO_1.jpg\"}], \"annotations\": [{\"image_id\": 7, \"fixations\": [[1, 1], [6, 8]]}]}").getBytes(StandardCharsets.UTF_8),
                f -> org.explain4j.datasets.saliency.SaliencyFolder.list(f.getParent(), PixelLimit.DEFAULT).entries()
                        .forEach(e -> e.load(PixelLimit.DEFAULT))));
        targets.add(new Target("fixation map png", "fixations.png", HostileFiles.png(16, 12, 6),
                f -> org.explain4j.datasets.saliency.FixationImages.binary(f, PixelLimit.DEFAULT)));
        return targets.stream().map(t -> DynamicTest.dynamicTest(t.name(), () -> fuzz(t))).toList();
    }

    /** A small DL4J network as ModelSerializer writes it. */
    private static byte[] dl4jZip() throws IOException {
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3).nOut(4)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT)
                        .nOut(3).activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(8, 8, 3)).build();
        var net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(conf);
        net.init();
        Path zip = dir.resolve("seed-dl4j.zip");
        org.deeplearning4j.util.ModelSerializer.writeModel(net, zip.toFile(), false);
        return Files.readAllBytes(zip);
    }

    private static void fuzz(Target t) throws IOException {
        Random r = new Random(SEED ^ t.name().hashCode());
        Path file = dir.resolve(t.fileName());
        Files.createDirectories(file.getParent());
        Files.write(file, t.seed());
        run(t, file, -1); // the untouched seed must be readable, or the fuzzing proves nothing
        long end = System.nanoTime() + (long) (SECONDS * 1e9);
        for (int i = 0; System.nanoTime() < end; i++) {
            Files.write(file, HostileFiles.flip(t.seed(), r));
            try {
                run(t, file, i);
            } catch (InputException | ModelLoadException refused) {
                // the reader said no, in words: that is the contract
            }
        }
    }

    private static void run(Target t, Path file, int iteration) {
        try {
            t.reader().read(file);
        } catch (InputException | ModelLoadException e) {
            if (iteration < 0) {
                fail(t.name() + ": the unmangled seed file is refused: " + e.getMessage(), e);
            }
            throw e;
        } catch (Throwable e) {
            fail(t.name() + ", seed " + SEED + ", iteration " + iteration + ": " + e + " would be an internal error", e);
        }
    }
}
