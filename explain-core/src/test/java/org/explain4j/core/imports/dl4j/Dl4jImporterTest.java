package org.explain4j.core.imports.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.LeNet;
import org.deeplearning4j.zoo.model.SimpleCNN;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.imports.ModelFiles;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.ModelLoadException;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.question.ClassQuestion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The converted graph against DL4J itself: its {@code output()} (and, for the layers' backward, the input gradient
 * {@code calculateGradients} computes for the cross-entropy to a class, in inference mode) within 1e-4 relative.
 */
class Dl4jImporterTest {

    @TempDir
    Path dir;

    @Test
    void leNetFromTheZooGivesDl4jsOutputAndInputGradient() {
        MultiLayerNetwork net = (MultiLayerNetwork) LeNet.builder().numClasses(10).seed(42L).build().init();
        ExplainableModel model = Dl4jImporter.convert(net, null, "lenet");
        assertArrayEquals(new long[] {1, 28, 28}, model.inputShape(), "read from the zoo's convolutionalFlat preprocessor");
        assertEquals(OutputKind.LOGITS, model.outputKind());
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(3), 3, 1, 28, 28).castTo(DataType.FLOAT);
        INDArray expected = net.output(x.reshape(3, 784));
        assertClose(expected, softmax(model, x), "LeNet output");
        assertInputGradientMatches(net, model, x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)).dup(), true);
        assertTrue(model.explainableLayers().contains("cnn2"), "DL4J's own layer names: " + model.explainableLayers());
    }

    /**
     * Grad-CAM reads the gradient at a layer; DL4J's own at LeNet's cnn2 is the input gradient of the network above it
     * (maxpool2, ffn1, output with the same parameters), fed cnn2's activation as DL4J computes it.
     */
    @Test
    void leNetsGradientAtAHiddenLayerEqualsDl4jsOwn() {
        MultiLayerNetwork net = (MultiLayerNetwork) LeNet.builder().numClasses(10).seed(42L).build().init();
        ExplainableModel model = Dl4jImporter.convert(net, null, "lenet");
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(9), 1, 1, 28, 28).castTo(DataType.FLOAT);
        INDArray cnn2 = net.feedForward(x.reshape(1, 784), false).get(3);
        org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder above = new NeuralNetConfiguration.Builder().list();
        for (int i = 3; i < 6; i++) {
            above.layer(net.getLayerWiseConfigurations().getConf(i).getLayer().clone());
        }
        MultiLayerNetwork head = new MultiLayerNetwork(above.setInputType(InputType.convolutional(cnn2.size(2), cnn2.size(3), cnn2.size(1))).build());
        head.init();
        for (int i = 3; i < 6; i++) {
            for (var e : net.getLayer(i).paramTable().entrySet()) {
                head.getLayer(i - 3).setParam(e.getKey(), e.getValue());
            }
        }
        int p = net.output(x.reshape(1, 784)).argMax(1).getInt(0);
        INDArray label = Nd4j.zeros(DataType.FLOAT, 1, 10);
        label.putScalar(0, p, 1.0);
        INDArray expected = head.calculateGradients(cnn2, label, null, null).getSecond();
        INDArray ours = new GradientEngine(model).compute(x, List.of(new ClassQuestion.WhyNotFullyP(p)), List.of("cnn2")).gradient("cnn2");
        assertClose(expected, ours, "gradient of the cross-entropy to " + p + " at cnn2");
        assertClose(cnn2, model.forward(x, List.of("cnn2")).get("cnn2"), "cnn2's activation");
    }

    @Test
    void everyLayerKindGivesDl4jsOutputAndInputGradient() {
        MultiLayerNetwork net = Dl4jNets.everyLayerKind(5);
        ExplainableModel model = Dl4jImporter.convert(net, ModelCard.empty().withInputShape(new long[] {3, 17, 19}), "every-layer");
        INDArray x = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(4), 2, 3, 17, 19).castTo(DataType.FLOAT);
        assertClose(net.output(x), softmax(model, x), "every layer kind");
    }

    /**
     * The gradient through every layer kind against central differences of DL4J's own output, in double. DL4J's
     * calculateGradients is no oracle here: its batch-norm backward assumes batch statistics even in inference mode.
     */
    @Test
    void everyLayerKindsInputGradientEqualsCentralDifferencesOfDl4jsOutput() {
        MultiLayerNetwork net = Dl4jNets.everyLayerKind(5, DataType.DOUBLE);
        ExplainableModel model = Dl4jImporter.convert(net, ModelCard.empty().withInputShape(new long[] {3, 17, 19}), "every-layer");
        INDArray x = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(4), 1, 3, 17, 19).castTo(DataType.DOUBLE);
        int p = net.output(x).argMax(1).getInt(0);
        INDArray ours = new GradientEngine(model).compute(x.castTo(DataType.FLOAT), List.of(new ClassQuestion.WhyNotFullyP(p)),
                List.of(model.inputVariable())).gradient(model.inputVariable());
        INDArray expected = crossEntropyGradient(net, x, p);
        assertClose(expected, ours, "input gradient of cross-entropy to " + p + " against central differences");
    }

    @Test
    void averagePoolsCountingTheirPaddingGiveDl4jsOutputAndItsGradient() {
        // libnd4j reads the divisor from the pooling config's 'extra', not its 'divisor', and its backward ignores it:
        // both settings, against DL4J's own output and central differences of it (in double).
        for (boolean include : new boolean[] {true, false}) {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                    .weightInit(WeightInit.XAVIER).list()
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).name("conv").build())
                    .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(1, 1).padding(1, 1)
                            .avgPoolIncludePadInDivisor(include).convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Truncate)
                            .name("avg").build())
                    .layer(new OutputLayer.Builder(org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nOut(3)
                            .activation(Activation.SOFTMAX).name("out").build())
                    .setInputType(InputType.convolutional(7, 7, 2)).build());
            net.init();
            ExplainableModel model = Dl4jImporter.convert(net, ModelCard.empty().withInputShape(new long[] {2, 7, 7}), "avg");
            INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(8), 1, 2, 7, 7).castTo(DataType.DOUBLE).addi(1).dup('c');
            assertClose(net.output(x), softmax(model, x.dup()), "output, padding counted: " + include);
            int p = net.output(x).argMax(1).getInt(0);
            INDArray ours = new GradientEngine(model).compute(x.dup(), List.of(new ClassQuestion.WhyNotFullyP(p)),
                    List.of(model.inputVariable())).gradient(model.inputVariable());
            INDArray expected = crossEntropyGradient(net, x, p);
            assertClose(expected, ours, "input gradient, padding counted: " + include);
        }
    }

    @Test
    void inputSizeIsTheSmallestThatReachesTheFlatteningLayerAsBuilt() {
        // Built for 17 x 19: after 'pad' (+3 rows, +1 column) the truncating 3x3 / 2 average pool gives 10 x 10, and so
        // do 16 x 18 (19 + 2 - 3 = 18 -> 10) but not 15 x 17 (9): DL4J stores no input size, so 16 x 18 is what fits.
        ExplainableModel model = Dl4jImporter.convert(Dl4jNets.everyLayerKind(5), null, "every-layer");
        assertArrayEquals(new long[] {3, 16, 18}, model.inputShape());
    }

    @Test
    void computationGraphWithMergeElementWiseAndScaleVertices() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(9).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("image")
                .addLayer("stem", new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build(), "image")
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(8).convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build(), "stem")
                .addLayer("a_bn", new BatchNormalization.Builder().build(), "a")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a_bn", "stem")
                .addVertex("prod", new ElementWiseVertex(ElementWiseVertex.Op.Product), "sum", "stem")
                .addVertex("avg", new ElementWiseVertex(ElementWiseVertex.Op.Average), "sum", "prod", "stem")
                .addVertex("max", new ElementWiseVertex(ElementWiseVertex.Op.Max), "avg", "stem")
                .addVertex("scaled", new ScaleVertex(0.5), "max")
                .addVertex("merged", new MergeVertex(), "scaled", "sum")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "merged")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(5).activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(12, 12, 3))
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Dl4jNets.perturbBatchNorms(net.getLayers(), 9);
        ModelCard card = ModelCard.empty().withInputShape(new long[] {3, 12, 12});
        ExplainableModel model = Dl4jImporter.convert(net, card, "graph");
        INDArray x = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(6), 2, 3, 12, 12).castTo(DataType.FLOAT);
        assertClose(net.outputSingle(x), softmax(model, x), "ComputationGraph with vertices");
        assertEquals("image", model.inputVariable());
        assertTrue(model.explainableLayers().contains("merged"), model.explainableLayers().toString());
    }

    @Test
    void fullyConvolutionalNetworkNeedsItsInputShapeAndThenMatches() {
        MultiLayerNetwork net = (MultiLayerNetwork) SimpleCNN.builder().numClasses(6).seed(7L).build().init();
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Dl4jImporter.convert(net, null, "simplecnn"));
        assertTrue(e.getMessage().contains("inputShape"), e.getMessage());
        Dl4jNets.perturbBatchNorms(net.getLayers(), 7);
        ExplainableModel model = Dl4jImporter.convert(net, ModelCard.empty().withInputShape(new long[] {3, 48, 48}), "simplecnn");
        // SimpleCNN ends in a softmax activation layer, not an output layer: its input is the logits.
        assertEquals(OutputKind.LOGITS, model.outputKind());
        assertEquals("layer31", model.outputVariable(), "the global pooling before the softmax layer, named as DL4J names unnamed layers");
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(8), 2, 3, 48, 48).castTo(DataType.FLOAT);
        assertClose(net.output(x), softmax(model, x), "SimpleCNN");
    }

    @Test
    void savedZipOpensThroughModelFilesWithTheCardBesideIt() throws IOException {
        MultiLayerNetwork net = Dl4jNets.everyLayerKind(11);
        Path zip = dir.resolve("net.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        ExplainableModel model = ModelFiles.open(zip, null, null);
        INDArray x = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(12), 1, 3, 17, 19).castTo(DataType.FLOAT);
        assertClose(net.output(x), softmax(model, x), "reloaded zip");
        assertEquals("net", model.card().name());
    }

    @Test
    void unsupportedLayerIsOneErrorNamingItsTypeAndLayer() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new Convolution1DLayer.Builder(3).nIn(2).nOut(4).name("temporal").build())
                .layer(new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder().nIn(4).nOut(3).build())
                .build());
        net.init();
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> Dl4jImporter.convert(net, ModelCard.empty().withInputShape(new long[] {2, 1, 10}), "rnn"));
        assertTrue(e.getMessage().contains("temporal") && e.getMessage().contains("Convolution1DLayer"), e.getMessage());
    }

    @Test
    void filesThatAreNotModelZipsAreOneLineErrors() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip");
        assertTrue(assertThrows(ModelLoadException.class, () -> Dl4jImporter.load(text, null)).getMessage().contains("not a zip"));
        Path empty = dir.resolve("empty.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(empty))) {
            out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            out.write("hello".getBytes());
            out.closeEntry();
        }
        assertTrue(assertThrows(ModelLoadException.class, () -> Dl4jImporter.load(empty, null)).getMessage().contains("configuration.json"));
    }

    /** Our input gradient of cross-entropy to the predicted class against DL4J's calculateGradients (inference mode). */
    private static void assertInputGradientMatches(MultiLayerNetwork net, ExplainableModel model, INDArray x1, boolean flat) {
        INDArray logits = model.forward(x1, List.of(model.outputVariable())).get(model.outputVariable());
        int p = logits.argMax(1).getInt(0);
        INDArray label = Nd4j.zeros(DataType.FLOAT, 1, logits.size(1));
        label.putScalar(0, p, 1.0);
        INDArray expected = net.calculateGradients(flat ? x1.reshape(1, x1.length()) : x1, label, null, null).getSecond();
        INDArray ours = new GradientEngine(model).compute(x1, List.of(new ClassQuestion.WhyNotFullyP(p)), List.of(model.inputVariable()))
                .gradient(model.inputVariable());
        assertClose(expected.reshape(ours.shape()), ours, "input gradient of cross-entropy to " + p);
    }

    private static INDArray softmax(ExplainableModel model, INDArray x) {
        INDArray logits = model.forward(x, List.of(model.outputVariable())).get(model.outputVariable());
        return Transforms.softmax(logits.castTo(DataType.DOUBLE), true);
    }

    /** Every element within 1e-4 of the expected array's largest magnitude. */
    /** Central differences (h = 1e-5) of -log p(class) under DL4J's own output, at every element of {@code x} [1, ...]. */
    private static INDArray crossEntropyGradient(MultiLayerNetwork net, INDArray x, int p) {
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, x.shape());
        double h = 1e-5;
        for (long i = 0; i < x.length(); i++) {
            double v = x.getDouble(i);
            x.putScalar(i, v + h);
            double up = -Math.log(net.output(x).getDouble(0, p));
            x.putScalar(i, v - h);
            double down = -Math.log(net.output(x).getDouble(0, p));
            x.putScalar(i, v);
            expected.putScalar(i, (up - down) / (2 * h));
        }
        return expected;
    }

    static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = Math.max(e.amaxNumber().doubleValue(), 1e-12);
        double diff = e.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-4 * scale, what + ": largest difference " + diff + " against largest value " + scale);
    }
}
