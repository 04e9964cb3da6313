package org.explain4j.core.imports.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.explain4j.core.imports.ModelFiles;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.ModelLoadException;
import org.explain4j.core.model.OutputKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Keras 2 HDF5 file (written by scripts/make-keras-fixtures.py with h5py, channels_last, with the NumPy forward of
 * the same weights as reference) through DL4J's Keras import and the converter.
 */
class KerasImportTest {

    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(KerasImportTest.class.getResource("/keras/" + name).toURI());
    }

    @Test
    void kerasFileGivesNumpysLogitsAndDl4jsOutput() throws Exception {
        ExplainableModel model = ModelFiles.open(fixture("small-cnn.h5"), null, null);
        assertEquals(OutputKind.LOGITS, model.outputKind());
        assertEquals(List.of(3L, 10L, 12L), java.util.Arrays.stream(model.inputShape()).boxed().toList(), "the image as [C, H, W]");
        INDArray nhwc = NpyFiles.read(fixture("input.npy"));
        INDArray nchw = nhwc.permute(0, 3, 1, 2).dup().castTo(DataType.FLOAT);
        INDArray logits = model.forward(nchw, List.of(model.outputVariable())).get(model.outputVariable());
        Dl4jImporterTest.assertClose(NpyFiles.read(fixture("logits.npy")), logits, "logits against NumPy");

        MultiLayerNetwork imported = KerasModelImport.importKerasSequentialModelAndWeights(fixture("small-cnn.h5").toString(), false);
        Dl4jImporterTest.assertClose(NpyFiles.read(fixture("probabilities.npy")), imported.output(nhwc.castTo(DataType.FLOAT)),
                "DL4J's own Keras import against NumPy");
        assertTrue(model.explainableLayers().contains("conv2"), "Keras layer names: " + model.explainableLayers());
        assertEquals("conv2", model.defaultLayer(), "the last layer with a spatial output, not the flattening permute after it");
    }

    /** The same network written in DL4J (NCHW, its own flattening order) with the Keras weights: the same outputs. */
    @Test
    void sameNetworkBuiltInDl4jGivesTheSameOutputs() throws Exception {
        MultiLayerNetwork keras = KerasModelImport.importKerasSequentialModelAndWeights(fixture("small-cnn.h5").toString(), false);
        MultiLayerNetwork own = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).name("conv").build())
                .layer(new BatchNormalization.Builder().eps(1e-3).useLogStd(false).name("bn").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("pool").build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.RELU).name("conv2").build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).name("dense").build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.SOFTMAX).name("out").build())
                .setInputType(InputType.convolutional(10, 12, 3))
                .build());
        own.init();
        for (String layer : List.of("conv", "bn", "conv2", "out")) {
            for (var e : keras.getLayer(layer).paramTable().entrySet()) {
                own.getLayer(layer).setParam(e.getKey(), e.getValue());
            }
        }
        // Keras flattens height, width, channels; DL4J's NCHW network channels, height, width: the dense rows follow.
        INDArray w = keras.getLayer("dense").getParam("W");
        INDArray reordered = w.reshape(3, 4, 6, 8).permute(2, 0, 1, 3).dup().reshape(72, 8);
        own.getLayer("dense").setParam("W", reordered);
        own.getLayer("dense").setParam("b", keras.getLayer("dense").getParam("b"));

        INDArray nhwc = NpyFiles.read(fixture("input.npy")).castTo(DataType.FLOAT);
        INDArray nchw = nhwc.permute(0, 3, 1, 2).dup();
        ExplainableModel fromKeras = ModelFiles.open(fixture("small-cnn.h5"), null, null);
        ExplainableModel fromDl4j = Dl4jImporter.convert(own, ModelCard.empty(), "own");
        Dl4jImporterTest.assertClose(own.output(nchw), keras.output(nhwc), "DL4J-built and Keras-imported networks");
        Dl4jImporterTest.assertClose(fromKeras.forward(nchw, List.of(fromKeras.outputVariable())).get(fromKeras.outputVariable()),
                fromDl4j.forward(nchw, List.of(fromDl4j.outputVariable())).get(fromDl4j.outputVariable()), "both converted");
    }

    /** A functional model (a ComputationGraph): Add and a channels_last Concatenate, against NumPy. */
    @Test
    void functionalKerasFileGivesNumpysLogits() throws Exception {
        ExplainableModel model = ModelFiles.open(fixture("functional.h5"), null, null);
        INDArray nchw = NpyFiles.read(fixture("functional-input.npy")).permute(0, 3, 1, 2).dup().castTo(DataType.FLOAT);
        INDArray logits = model.forward(nchw, List.of(model.outputVariable())).get(model.outputVariable());
        Dl4jImporterTest.assertClose(NpyFiles.read(fixture("functional-logits.npy")), logits, "functional model's logits against NumPy");
        assertEquals("cat", model.defaultLayer(), "the concatenation is the last layer with a spatial output");
    }

    @Test
    void filesThatAreNoKerasModelsAreOneLineErrors() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.h5"), "not hdf5");
        assertTrue(assertThrows(ModelLoadException.class, () -> ModelFiles.open(text, null, null)).getMessage().contains("not an HDF5 file"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelFiles.open(fixture("not-a-model.h5"), null, null));
        assertTrue(e.getMessage().contains("model_config"), e.getMessage());
    }
}
