package org.explain4j.core.imports.dl4j;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.Darknet19;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.deeplearning4j.zoo.model.VGG16;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The deeplearning4j-zoo's large architectures (random initialisation, no download) converted and run against DL4J's
 * own {@code output()} within 1e-4: opt-in, a few minutes and several GB (-Dexplain4j.dl4j.zoo=true). LeNet and
 * SimpleCNN are checked in every run by {@link Dl4jImporterTest}.
 */
class Dl4jZooTest {

    @ParameterizedTest
    @ValueSource(strings = {"VGG16", "ResNet50", "SqueezeNet", "Darknet19"})
    void convertedZooModelGivesDl4jsOutput(String name) {
        Assumptions.assumeTrue(Boolean.getBoolean("explain4j.dl4j.zoo"), "set -Dexplain4j.dl4j.zoo=true to check the large zoo models");
        ZooModel zoo = switch (name) {
            case "VGG16" -> VGG16.builder().numClasses(1000).seed(1L).build();
            case "ResNet50" -> ResNet50.builder().numClasses(1000).seed(1L).build();
            case "SqueezeNet" -> SqueezeNet.builder().numClasses(1000).seed(1L).build();
            default -> Darknet19.builder().numClasses(1000).seed(1L).build();
        };
        int[] shape = zoo.metaData().getInputShape()[0];
        Model net = zoo.init();
        ModelCard card = ModelCard.empty().withInputShape(new long[] {shape[0], shape[1], shape[2]});
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(2), 1, shape[0], shape[1], shape[2]).castTo(DataType.FLOAT);
        INDArray expected;
        ExplainableModel model;
        if (net instanceof ComputationGraph g) {
            // DL4J's own randomly initialised ResNet50 overflows to NaN at res5b; small gammas keep it finite.
            Dl4jNets.perturbBatchNorms(g.getLayers(), 3, name.equals("ResNet50") ? 0.1 : 1.0);
            expected = g.outputSingle(x);
            model = Dl4jImporter.convert(g, card, name);
        } else {
            MultiLayerNetwork m = (MultiLayerNetwork) net;
            Dl4jNets.perturbBatchNorms(m.getLayers(), 3);
            expected = m.output(x);
            model = Dl4jImporter.convert(m, card, name);
        }
        INDArray out = model.forward(x, List.of(model.outputVariable())).get(model.outputVariable());
        INDArray ours = model.outputKind() == org.explain4j.core.model.OutputKind.PROBABILITIES ? out
                : org.nd4j.linalg.ops.transforms.Transforms.softmax(out.castTo(DataType.DOUBLE), true);
        org.junit.jupiter.api.Assertions.assertFalse(expected.isNaN().any(), name + ": DL4J's own output is NaN");
        Dl4jImporterTest.assertClose(expected, ours, name);
    }
}
