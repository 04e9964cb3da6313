package org.explain4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.explain4j.core.imports.ModelFiles;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.datasets.LabelledImages;
import org.explain4j.datasets.curetsr.CureTsrReader;
import org.explain4j.datasets.iterators.LabelledImagesIterator;
import org.explain4j.datasets.signs.SignGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The route a DL4J team takes, on tiny data: synthetic signs through a {@link LabelledImagesIterator}, a small
 * ComputationGraph trained with DL4J's own {@code fit}, saved with {@code ModelSerializer}, then explained by
 * {@code explain core} ("Why P, rather than 3?") at a layer named as in the DL4J code.
 */
class Dl4jRouteTest {

    @TempDir
    Path dir;

    @Test
    void trainedWithDl4jsFitSavedAndExplainedByTheCli() throws IOException {
        new SignGenerator(64, 32).write(dir.resolve("signs"), new SignGenerator.Plan(6, 1, 0, 3), (done, all) -> { });
        LabelledImages train = new CureTsrReader(28).read(dir.resolve("signs/train"), n -> true).data();
        int classes = train.classNames().size();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).weightInit(WeightInit.XAVIER)
                .updater(new Adam(1e-2)).graphBuilder()
                .addInputs("image")
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build(), "image")
                .addLayer("pool1", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build(), "pool1")
                .addLayer("dense", new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build(), "conv2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX).build(),
                        "dense")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(28, 28, 3))
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        DataSet all = new DataSet(train.images(), train.oneHot());
        double before = net.score(all);
        net.fit(new LabelledImagesIterator(train, 16, 7L), 15);
        double after = net.score(all);
        assertTrue(after < 0.5 * before, "DL4J's fit on the iterator lowers the loss: " + before + " -> " + after);

        Path zip = dir.resolve("signs-dl4j.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        ExplainableModel model = ModelFiles.open(zip, null, null);
        assertEquals("out", model.outputVariable());
        INDArray ours = Transforms.softmax(model.forward(train.images(), List.of("out")).get("out").castTo(DataType.DOUBLE), true);
        INDArray dl4j = net.outputSingle(train.images()).castTo(DataType.DOUBLE);
        assertTrue(ours.sub(dl4j).amaxNumber().doubleValue() < 1e-4, "the reloaded zip computes what DL4J computes");

        Path image;
        try (Stream<Path> s = Files.list(dir.resolve("signs/test"))) {
            image = s.sorted().findFirst().orElseThrow();
        }
        CoreCommandTest.Result r = CoreCommandTest.run("core", "--model", zip.toString(), "--input", image.toString(), "--layer", "conv2",
                "--rather", "3", "--out", dir.resolve("out").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(CoreCommandTest.list(dir.resolve("out")).stream().anyMatch(f -> f.contains("rather-3")), CoreCommandTest.list(dir.resolve("out")).toString());
    }
}
