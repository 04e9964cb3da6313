package org.explain4j.core.imports.dl4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.explain4j.core.model.GraphArrays;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A {@link ComputationGraph} as a SameDiff graph, vertex by vertex in DL4J's topological order, each named as in DL4J:
 * layer vertices, merge (concatenation along the merge axis), element-wise (add, subtract, product, average, max),
 * preprocessor, scale and shift vertices. One network input; the first network output is the graph's output.
 */
final class GraphConversion {

    private GraphConversion() {
    }

    static Converted convert(ComputationGraph net, long[] cardShape, String network) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        if (conf.getNetworkInputs().size() != 1) {
            throw new Dl4jConversionException(network + ": networks with " + conf.getNetworkInputs().size()
                    + " inputs are not supported (one image or feature vector only)");
        }
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex lv) {
                LayerTranslator.requireSupported(e.getKey(), lv.getLayerConf().getLayer());
            }
        }
        String inputName = conf.getNetworkInputs().get(0);
        InputType input = inputType(conf, inputName, cardShape, network);
        Map<String, InputType> types = typesOf(conf, input);
        SameDiff sd = GraphArrays.newGraph();
        LayerTranslator translator = new LayerTranslator(sd);
        Map<String, Activation> done = new HashMap<>();
        boolean flatImage = false;
        InputType placeholderType = input;
        if (input instanceof InputType.InputTypeConvolutionalFlat flat) {
            // LeNet-style flat rows: the graph takes the image, and the first preprocessor (flat to image) is skipped.
            placeholderType = InputType.convolutional(flat.getHeight(), flat.getWidth(), flat.getDepth());
            flatImage = true;
        }
        done.put(inputName, new Activation(Converted.placeholder(sd, inputName, placeholderType), placeholderType));
        Map<String, Layer> layers = new HashMap<>();
        Map<String, String> fedBy = new HashMap<>();
        String lastSpatial = null;
        int[] order = net.topologicalSortOrder();
        for (int index : order) {
            String name = net.getVertices()[index].getVertexName();
            if (name.equals(inputName)) {
                continue;
            }
            GraphVertex vertex = conf.getVertices().get(name);
            List<Activation> in = new ArrayList<>();
            for (String from : conf.getVertexInputs().get(name)) {
                in.add(done.get(from));
            }
            boolean readsFlatImage = flatImage && conf.getVertexInputs().get(name).contains(inputName);
            SDVariable y = LayerScope.named(sd, name, () -> vertex(sd, translator, net, name, vertex, in, readsFlatImage, fedBy));
            if (vertex instanceof LayerVertex lv) {
                layers.put(name, lv.getLayerConf().getLayer());
            }
            Activation a = new Activation(y, types.get(name));
            done.put(name, a);
            if (a.cnn()) {
                lastSpatial = name;
            }
        }
        return new Converted(sd, inputName, Logits.of(conf.getNetworkOutputs().get(0), layers, fedBy, translator.softmaxInputs()), placeholderType,
                lastSpatial);
    }

    private static SDVariable vertex(SameDiff sd, LayerTranslator translator, ComputationGraph net, String name, GraphVertex vertex,
                                     List<Activation> in, boolean readsFlatImage, Map<String, String> fedBy) {
        if (vertex instanceof LayerVertex lv) {
            Activation x = in.get(0);
            InputPreProcessor pre = lv.getPreProcessor();
            if (pre != null && !(readsFlatImage && pre instanceof FeedForwardToCnnPreProcessor)) {
                x = new Activation(Preprocessors.apply(sd, name + "_input", pre, x), pre.getOutputType(x.type()));
            }
            Layer layer = lv.getLayerConf().getLayer();
            fedBy.put(name, x.v().name());
            return translator.translate(name, layer, net.getLayer(name).paramTable(), x);
        }
        if (vertex instanceof MergeVertex m) {
            return sd.concat(name, ncwhAxis(m.getMergeAxis(), in.get(0)), in.stream().map(Activation::v).toArray(SDVariable[]::new));
        }
        if (vertex instanceof ElementWiseVertex e) {
            return elementWise(sd, name, e.getOp(), in);
        }
        if (vertex instanceof PreprocessorVertex p) {
            return Preprocessors.apply(sd, name, p.getPreProcessor(), in.get(0));
        }
        if (vertex instanceof ScaleVertex s) {
            return in.get(0).v().mul(name, s.getScaleFactor());
        }
        if (vertex instanceof ShiftVertex s) {
            return in.get(0).v().add(name, s.getShiftFactor());
        }
        throw new Dl4jConversionException("vertex '" + name + "': " + vertex.getClass().getSimpleName() + " is not supported");
    }

    /** An axis of DL4J's layout in our NCHW arrays: an NHWC network (Keras) concatenates channels along axis 3. */
    private static int ncwhAxis(int axis, Activation x) {
        if (x.type() instanceof InputType.InputTypeConvolutional c && c.getFormat() == CNN2DFormat.NHWC) {
            return switch (axis) {
                case 3, -1 -> 1;
                case 1 -> 2;
                case 2 -> 3;
                default -> axis;
            };
        }
        return axis;
    }

    private static SDVariable elementWise(SameDiff sd, String name, ElementWiseVertex.Op op, List<Activation> in) {
        SDVariable acc = in.get(0).v();
        for (int i = 1; i < in.size(); i++) {
            SDVariable b = in.get(i).v();
            boolean lastOne = i == in.size() - 1 && op != ElementWiseVertex.Op.Average;
            String n = lastOne ? name : null;
            acc = switch (op) {
                case Add, Average -> n == null ? acc.add(b) : acc.add(n, b);
                case Subtract -> n == null ? acc.sub(b) : acc.sub(n, b);
                case Product -> n == null ? acc.mul(b) : acc.mul(n, b);
                case Max -> n == null ? sd.math().max(acc, b) : sd.math().max(n, acc, b);
            };
        }
        if (in.size() == 1) {
            return sd.identity(name, acc);
        }
        return op == ElementWiseVertex.Op.Average ? acc.div(name, in.size()) : acc;
    }

    /** Every vertex's output type, computed on a copy (DL4J's computation adds preprocessors and sets nIn in place). */
    private static Map<String, InputType> typesOf(ComputationGraphConfiguration conf, InputType input) {
        return conf.clone().getLayerActivationTypes(true, false, input);
    }

    private static InputType inputType(ComputationGraphConfiguration conf, String inputName, long[] cardShape, String network) {
        LayerVertex first = null;
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            if (e.getValue().contains(inputName) && conf.getVertices().get(e.getKey()) instanceof LayerVertex lv) {
                first = lv;
                break;
            }
        }
        boolean flat = first != null && first.getPreProcessor() instanceof FeedForwardToCnnPreProcessor;
        if (cardShape != null) {
            InputType t = InputTypes.fromShape(cardShape, first == null ? CNN2DFormat.NCHW : InputTypes.formatOf(first.getLayerConf().getLayer()));
            return flat && t instanceof InputType.InputTypeConvolutional c
                    ? InputType.convolutionalFlat(c.getHeight(), c.getWidth(), c.getChannels()) : t;
        }
        if (first == null) {
            throw new Dl4jConversionException(network + ": no layer reads the input '" + inputName + "'");
        }
        if (first.getPreProcessor() instanceof FeedForwardToCnnPreProcessor p) {
            return InputType.convolutionalFlat(p.getInputHeight(), p.getInputWidth(), p.getNumChannels());
        }
        Layer layer0 = first.getLayerConf().getLayer();
        InputType known = InputTypes.fromFirstLayer(layer0);
        if (known != null) {
            return known;
        }
        List<InputTypes.Checkpoint<Map<String, InputType>>> checkpoints = new ArrayList<>();
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            InputPreProcessor pre = e.getValue() instanceof LayerVertex lv ? lv.getPreProcessor()
                    : e.getValue() instanceof PreprocessorVertex pv ? pv.getPreProcessor() : null;
            if (pre instanceof CnnToFeedForwardPreProcessor p) {
                String before = conf.getVertexInputs().get(e.getKey()).get(0);
                checkpoints.add(InputTypes.Checkpoint.of(p, types -> types.get(before)));
            }
        }
        return InputTypes.search(InputTypes.channelsOf(layer0, network), InputTypes.formatOf(layer0), checkpoints, t -> typesOf(conf, t), network);
    }
}
