package org.explain4j.core.imports.dl4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.explain4j.core.model.GraphArrays;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A {@link MultiLayerNetwork} as a SameDiff graph: its layers in order, each named as in DL4J ({@code layer0},
 * {@code layer1}, ... unless the user named them). A network whose first preprocessor turns flat rows into images
 * (LeNet's {@code convolutionalFlat} input) takes the image itself: the graph's input is [N, C, H, W].
 */
final class MultiLayerConversion {

    private MultiLayerConversion() {
    }

    static Converted convert(MultiLayerNetwork net, long[] cardShape, String network) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int n = conf.getConfs().size();
        if (n == 0) {
            throw new Dl4jConversionException(network + ": the network has no layers");
        }
        for (int i = 0; i < n; i++) {
            Layer layer = conf.getConf(i).getLayer();
            LayerTranslator.requireSupported(layer.getLayerName() != null ? layer.getLayerName() : "layer" + i, layer);
        }
        InputPreProcessor first = conf.getInputPreProcess(0);
        boolean flatImage = first instanceof FeedForwardToCnnPreProcessor;
        InputType input = inputType(conf, cardShape, network);
        List<InputType> types = conf.getLayerActivationTypes(input);
        SameDiff sd = GraphArrays.newGraph();
        InputType placeholderType = flatImage ? first.getOutputType(input) : input;
        Activation x = new Activation(Converted.placeholder(sd, Converted.INPUT, placeholderType), placeholderType);
        LayerTranslator translator = new LayerTranslator(sd);
        String last = null;
        String lastSpatial = null;
        Map<String, Layer> layers = new HashMap<>();
        Map<String, String> fedBy = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Layer layer = conf.getConf(i).getLayer();
            String name = layer.getLayerName() != null ? layer.getLayerName() : "layer" + i;
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre != null && !(i == 0 && flatImage)) {
                Activation before = x;
                x = new Activation(LayerScope.named(sd, name + "_input", () -> Preprocessors.apply(sd, name + "_input", pre, before)),
                        pre.getOutputType(x.type()));
            }
            Activation in = x;
            int index = i;
            layers.put(name, layer);
            fedBy.put(name, in.v().name());
            x = new Activation(LayerScope.named(sd, name, () -> translator.translate(name, layer, net.getLayer(index).paramTable(), in)),
                    types.get(i));
            if (x.cnn()) {
                lastSpatial = name;
            }
            last = name;
        }
        return new Converted(sd, Converted.INPUT, Logits.of(last, layers, fedBy, translator.softmaxInputs()), placeholderType, lastSpatial);
    }

    private static InputType inputType(MultiLayerConfiguration conf, long[] cardShape, String network) {
        InputPreProcessor first = conf.getInputPreProcess(0);
        if (cardShape != null) {
            InputType t = InputTypes.fromShape(cardShape, InputTypes.formatOf(conf.getConf(0).getLayer()));
            return first instanceof FeedForwardToCnnPreProcessor && t instanceof InputType.InputTypeConvolutional c
                    ? InputType.convolutionalFlat(c.getHeight(), c.getWidth(), c.getChannels()) : t;
        }
        if (first instanceof FeedForwardToCnnPreProcessor p) {
            return InputType.convolutionalFlat(p.getInputHeight(), p.getInputWidth(), p.getNumChannels());
        }
        Layer layer0 = conf.getConf(0).getLayer();
        InputType known = InputTypes.fromFirstLayer(layer0);
        if (known != null) {
            return known;
        }
        List<InputTypes.Checkpoint<List<InputType>>> checkpoints = new ArrayList<>();
        for (int i = 1; i < conf.getConfs().size(); i++) {
            if (conf.getInputPreProcess(i) instanceof CnnToFeedForwardPreProcessor p) {
                int before = i - 1;
                checkpoints.add(InputTypes.Checkpoint.of(p, types -> types.get(before)));
            }
        }
        return InputTypes.search(InputTypes.channelsOf(layer0, network), InputTypes.formatOf(layer0), checkpoints, conf::getLayerActivationTypes,
                network);
    }
}
