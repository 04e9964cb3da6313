package org.explain4j.core.imports.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx;
import org.explain4j.core.imports.DilatedKernels;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.GraphArrays;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.ModelLoadException;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.model.Preprocessing;
import org.explain4j.core.model.ShapeProbe;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.protobuf.CodedInputStream;

/**
 * Converts an ONNX classifier (torchvision-style: Conv, BatchNormalization, Relu, MaxPool,
 * AveragePool, GlobalAveragePool, Gemm, MatMul, Flatten, Add, Concat, Reshape, Dropout, Identity,
 * Clip, Softmax, Constant, Sigmoid, Mul) into a SameDiff graph of its own, without SameDiff's ONNX
 * importer (DATA.md: it failed on torchvision exports and differed from ONNX Runtime by 0.044).
 *
 * <p>Every tensor keeps its ONNX name, with ':' (SameDiff's output-index separator) replaced by '_':
 * layers are explained under the names the exporter gave them. Weights become SameDiff variables,
 * conv kernels are permuted from ONNX's [out, in, kH, kW] to SameDiff's [kH, kW, in, out], and batch
 * normalisation is written with elementwise ops (M2.1's native batchnorm cannot be differentiated after
 * SameDiff clones the graph). Flatten and Reshape need static per-sample shapes: the graph is built
 * once with the batch axis left free to learn every shape from a probe, then built again with them.
 */
public final class OnnxImporter {

    private OnnxImporter() {
    }

    /** SameDiff's name for an ONNX tensor name. */
    public static String variableName(String onnxName) {
        return onnxName.replace(':', '_');
    }

    public static ExplainableModel load(Path file) {
        return load(file, null, null);
    }

    /**
     * Imports {@code file} with the named input placeholder and output tensor (ONNX names, or their SameDiff
     * spelling; null: the graph's first input and first output). The output may be any tensor a node
     * computes, e.g. the logits before a Softmax, or one output of several.
     */
    public static ExplainableModel load(Path file, String inputName, String outputName) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("model file not found: " + file);
        }
        Onnx.ModelProto model;
        try {
            // Mapped, not read, and parsed with aliasing: the initializers' raw bytes stay slices of the page cache
            // instead of being copied into fresh memory twice, which is what a cold start pays for most
            // (docs/BENCHMARKS.md, time to the first explanation).
            ByteBuffer bytes;
            try (FileChannel channel = FileChannel.open(file)) {
                bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            }
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.enableAliasing(true);
            in.setSizeLimit(Integer.MAX_VALUE);
            model = Onnx.ModelProto.parseFrom(in);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot read " + file + " as an ONNX model (" + e.getMessage() + ")", e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new ModelLoadException("cannot read " + file + " as an ONNX model (no graph)");
        }
        Onnx.GraphProto g = model.getGraph();
        Set<String> initializers = new HashSet<>();
        g.getInitializerList().forEach(t -> initializers.add(t.getName()));
        List<Onnx.ValueInfoProto> inputs = g.getInputList().stream().filter(v -> !initializers.contains(v.getName())).toList();
        if (inputs.isEmpty()) {
            throw new ModelLoadException(file + ": the ONNX graph has no input");
        }
        Onnx.ValueInfoProto input = inputName == null ? inputs.get(0) : inputs.stream()
                .filter(v -> v.getName().equals(inputName) || variableName(v.getName()).equals(inputName)).findFirst()
                .orElseThrow(() -> new ModelLoadException("unknown input variable '" + inputName + "'; the ONNX graph's inputs: "
                        + String.join(", ", inputs.stream().map(v -> variableName(v.getName())).toList())));
        long[] inputShape = inputShape(input, file);
        String output = outputName == null ? g.getOutput(0).getName() : g.getNodeList().stream()
                .flatMap(n -> n.getOutputList().stream())
                .filter(o -> o.equals(outputName) || variableName(o).equals(outputName)).findFirst()
                .orElseThrow(() -> new ModelLoadException("unknown output variable '" + outputName + "'; the ONNX graph's outputs: "
                        + String.join(", ", g.getOutputList().stream().map(v -> variableName(v.getName())).toList())));

        try {
            return build(file, g, input, output, inputShape);
        } catch (ModelLoadException e) {
            throw e;
        } catch (RuntimeException e) {
            // The protobuf parsed, yet its nodes do not make a graph that runs: attributes or shapes that disagree.
            throw new ModelLoadException("cannot build a runnable graph from " + file + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); is the file intact?", e);
        }
    }

    private static ExplainableModel build(Path file, Onnx.GraphProto g, Onnx.ValueInfoProto input, String output, long[] inputShape) {
        // Converted once, shared by the probe's graph and the final one (a ResNet's weights are tens of MB).
        Initializers initializers = new Initializers(g);
        Build probe = new Build(g, input.getName(), output, inputShape, Map.of(), initializers);
        Map<String, long[]> shapes = new HashMap<>();
        Map<String, String> needShapes = probe.needShapes;
        Map<String, long[]> probed = null;
        if (!needShapes.isEmpty()) {
            // One probe serves both graphs: the second differs from the first only in the static shapes of its
            // Flatten and Reshape nodes, so the model takes every other shape from it instead of probing again.
            probed = ShapeProbe.run(probe.sd, variableName(input.getName()), variableName(output), inputShape, needShapes.values());
            Map<String, long[]> found = probed;
            needShapes.forEach((onnx, sdName) -> shapes.put(onnx, found.get(sdName)));
            probe = new Build(g, input.getName(), output, inputShape, shapes, initializers);
        }
        SameDiff sd = probe.sd;
        boolean softmax = g.getNodeList().stream().anyMatch(n -> n.getOpType().equals("Softmax") && n.getOutput(0).equals(output));
        String name = file.getFileName().toString().replaceFirst("\\.onnx$", "");
        return ExplainableModel.of(sd, new ModelCard(name, variableName(input.getName()), variableName(output),
                softmax ? OutputKind.PROBABILITIES : null, null, inputShape, inputShape[0] == 3 ? Preprocessing.imagenet()
                : Preprocessing.unitRange(), null), probed);
    }

    private static long[] inputShape(Onnx.ValueInfoProto input, Path file) {
        List<Onnx.TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
        if (dims.size() != 4) {
            throw new ModelLoadException(file + ": the input '" + input.getName() + "' has " + dims.size()
                    + " axes; image classifiers with an [N,C,H,W] input are supported");
        }
        long[] s = new long[3];
        for (int i = 1; i < 4; i++) {
            if (!dims.get(i).hasDimValue() || dims.get(i).getDimValue() <= 0) {
                throw new ModelLoadException(file + ": the input's axis " + i + " has no fixed size; export with a fixed C, H, W");
            }
            s[i - 1] = dims.get(i).getDimValue();
        }
        if (s[0] * s[1] * s[2] > MAX_INPUT_VALUES) {
            // The importer runs a probe forward at this size: a lying header would allocate without bound.
            throw new ModelLoadException(file + ": the input '" + input.getName() + "' declares [" + s[0] + ", " + s[1] + ", " + s[2]
                    + "], more than the " + MAX_INPUT_VALUES + " values per sample that any image model here takes");
        }
        return s;
    }

    /** 64 M values per sample (256 MB of floats): far above any image model, far below what a probe can allocate. */
    static final long MAX_INPUT_VALUES = 1L << 26;

    static long[] prepend(long first, long[] rest) {
        long[] out = new long[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /** One pass over the nodes; {@code shapes} holds the batch-1 shapes that Flatten/Reshape inputs had in a probe. */
    private static final class Build {
        final SameDiff sd = GraphArrays.newGraph();
        final Map<String, SDVariable> vars = new HashMap<>();
        final Map<String, INDArray> constants = new HashMap<>();
        final Map<String, String> needShapes = new HashMap<>();
        private final Map<String, long[]> shapes;
        private final String graphOutput;
        private final Initializers initializers;

        Build(Onnx.GraphProto g, String input, String output, long[] inputShape, Map<String, long[]> shapes,
              Initializers initializers) {
            this.shapes = shapes;
            this.graphOutput = output;
            this.initializers = initializers;
            if (initializers.contains(input)) {
                throw new IllegalStateException("the input is an initializer");
            }
            vars.put(input, sd.placeHolder(variableName(input), DataType.FLOAT, prepend(-1, inputShape)));
            for (Onnx.NodeProto n : g.getNodeList()) {
                node(n);
            }
        }

        /**
         * A no-op (Identity, Dropout at inference, zero Pad, 1x1 pooling of stride 1) adds no op: its output
         * is the input's variable, so that heads stay dense chains. Only the graph output keeps its name.
         */
        SDVariable alias(String onnxOutput, SDVariable x) {
            return onnxOutput.equals(graphOutput) ? sd.identity(variableName(onnxOutput), x) : x;
        }

        /** The variable for an ONNX tensor: an activation, or an initializer made a variable on first use. */
        SDVariable in(String name) {
            SDVariable v = vars.get(name);
            if (v != null) {
                return v;
            }
            INDArray c = constantOrNull(name);
            if (c == null) {
                throw new ModelLoadException("ONNX tensor '" + name + "' is used before it is computed");
            }
            v = c.dataType().isFPType() ? sd.var(variableName(name), c.castTo(DataType.FLOAT)) : sd.constant(variableName(name), c);
            vars.put(name, v);
            return v;
        }

        /** A Constant node's value or an initializer's; null for an activation. */
        INDArray constantOrNull(String name) {
            return constants.containsKey(name) ? constants.get(name) : initializers.array(name);
        }

        boolean isConstant(String name) {
            return constants.containsKey(name) || initializers.contains(name);
        }

        /** An initializer that no Constant node's output shadows. */
        boolean isInitializer(String name) {
            return !constants.containsKey(name) && initializers.contains(name);
        }

        INDArray constant(String name) {
            INDArray c = constantOrNull(name);
            if (c == null) {
                throw new ModelLoadException("ONNX tensor '" + name + "' must be a constant (an initializer or a Constant node)");
            }
            return c;
        }

        void node(Onnx.NodeProto n) {
            String out = n.getOutput(0);
            String name = variableName(out);
            Attributes a = new Attributes(n);
            SDVariable y = switch (n.getOpType()) {
                case "Conv" -> conv(n, a, name);
                case "BatchNormalization" -> batchNorm(n, a, name);
                case "Relu" -> sd.nn().relu(name, in(n.getInput(0)), 0);
                case "Sigmoid" -> sd.nn().sigmoid(name, in(n.getInput(0)));
                case "MaxPool", "AveragePool" -> pool(n, a, name);
                case "GlobalAveragePool" -> sd.mean(name, in(n.getInput(0)), true, 2, 3);
                case "Gemm" -> gemm(n, a, name);
                case "MatMul" -> in(n.getInput(0)).mmul(name, in(n.getInput(1)));
                case "Add" -> sd.math().add(name, in(n.getInput(0)), in(n.getInput(1)));
                case "Mul" -> sd.math().mul(name, in(n.getInput(0)), in(n.getInput(1)));
                case "Flatten" -> flatten(n, a, name);
                case "Reshape" -> reshape(n, name);
                case "Concat" -> sd.concat(name, (int) a.i("axis", 1), n.getInputList().stream().map(this::in).toArray(SDVariable[]::new));
                case "Dropout", "Identity" -> {
                    if (isConstant(n.getInput(0)) && !vars.containsKey(n.getInput(0))) {
                        constants.put(out, constant(n.getInput(0)));
                        yield null;
                    }
                    yield alias(out, in(n.getInput(0)));
                }
                case "Clip" -> clip(n, a, name);
                case "Pad" -> pad(n, a, name);
                case "ReduceMean" -> {
                    long[] axes = a.ints("axes", null);
                    if (axes == null) {
                        throw new ModelLoadException("ReduceMean '" + n.getName() + "' without axes is not supported");
                    }
                    yield sd.mean(name, in(n.getInput(0)), a.i("keepdims", 1) != 0, Arrays.stream(axes).mapToInt(v -> (int) v).toArray());
                }
                case "Softmax" -> sd.nn().softmax(name, in(n.getInput(0)), (int) a.i("axis", 1));
                case "Constant" -> {
                    constants.put(out, OnnxTensors.toArray(a.tensor("value")));
                    yield null;
                }
                default -> throw new ModelLoadException("ONNX operator " + n.getOpType() + " (node '" + n.getName()
                        + "') is not supported; supported: Conv, BatchNormalization, Relu, Sigmoid, MaxPool, AveragePool, "
                        + "GlobalAveragePool, Gemm, MatMul, Add, Mul, Flatten, Reshape, Concat, Dropout, Identity, Clip, Softmax, Constant, "
                        + "Pad (constant), ReduceMean");
            };
            if (y != null) {
                vars.put(out, y);
            }
        }

        SDVariable conv(Onnx.NodeProto n, Attributes a, String name) {
            if (a.i("group", 1) != 1) {
                throw new ModelLoadException("Conv '" + n.getName() + "': grouped convolutions are not supported");
            }
            long[] s = a.ints("strides", new long[] {1, 1});
            long[] d = a.ints("dilations", new long[] {1, 1});
            long[] p = symmetricPads(n, a);
            // oneDNN's conv2d rejects dilation: the dilated kernel is written out, and the convolution is a plain one
            INDArray kernel = isInitializer(n.getInput(1)) ? initializers.kernel(n.getInput(1), d[0], d[1])
                    : DilatedKernels.writeOut(constant(n.getInput(1)).castTo(DataType.FLOAT).permute(2, 3, 1, 0), d[0], d[1]);
            SDVariable weights = sd.var(variableName(n.getInput(1)), kernel);
            SDVariable bias = n.getInputCount() > 2 ? in(n.getInput(2)) : sd.constant(Nd4j.zeros(DataType.FLOAT, kernel.size(3)));
            Conv2DConfig cfg = Conv2DConfig.builder().kH(kernel.size(0)).kW(kernel.size(1)).sH(s[0]).sW(s[1]).pH(p[0]).pW(p[1])
                    .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
            return sd.cnn().conv2d(name, in(n.getInput(0)), weights, bias, cfg);
        }

        SDVariable batchNorm(Onnx.NodeProto n, Attributes a, String name) {
            double eps = a.f("epsilon", 1e-5);
            INDArray gamma = constant(n.getInput(1)).castTo(DataType.FLOAT);
            INDArray beta = constant(n.getInput(2)).castTo(DataType.FLOAT);
            INDArray mean = constant(n.getInput(3)).castTo(DataType.FLOAT);
            INDArray var = constant(n.getInput(4)).castTo(DataType.FLOAT);
            long c = gamma.length();
            // Folded into one scale and shift per channel: y = x * scale + shift.
            INDArray scale = gamma.div(org.nd4j.linalg.ops.transforms.Transforms.sqrt(var.add(eps), false));
            INDArray shift = beta.sub(mean.mul(scale));
            SDVariable sc = sd.constant(variableName(n.getOutput(0)) + "_scale", scale.reshape(1, c, 1, 1));
            SDVariable sh = sd.constant(variableName(n.getOutput(0)) + "_shift", shift.reshape(1, c, 1, 1));
            return in(n.getInput(0)).mul(sc).add(name, sh);
        }

        SDVariable pool(Onnx.NodeProto n, Attributes a, String name) {
            if (a.i("ceil_mode", 0) != 0) {
                throw new ModelLoadException(n.getOpType() + " '" + n.getName() + "': ceil_mode=1 is not supported");
            }
            long[] k = a.ints("kernel_shape", null);
            long[] s = a.ints("strides", new long[] {1, 1});
            long[] p = symmetricPads(n, a);
            boolean max = n.getOpType().equals("MaxPool");
            Pooling2DConfig cfg = Pooling2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(p[0]).pW(p[1])
                    .type(max ? Pooling2D.Pooling2DType.MAX : Pooling2D.Pooling2DType.AVG)
                    // M2.1's avgpool2d reads the divisor from 'extra' (1: padding counted) and ignores 'divisor'.
                    .divisor(a.i("count_include_pad", 0) == 1 ? Pooling2D.Divisor.INCLUDE_PADDING : Pooling2D.Divisor.EXCLUDE_PADDING)
                    .extra(a.i("count_include_pad", 0) == 1 ? 1 : 0)
                    .isNHWC(false).build();
            SDVariable x = in(n.getInput(0));
            if (k[0] == 1 && k[1] == 1 && s[0] == 1 && s[1] == 1 && p[0] == 0 && p[1] == 0) {
                return alias(n.getOutput(0), x);
            }
            if (!max && a.i("count_include_pad", 0) == 1 && (p[0] > 0 || p[1] > 0)) {
                // M2.1's avgpool2d backward ignores 'extra' and divides by the cells inside the image: padding counted in
                // the divisor is written out as zeros before an unpadded pool, whose forward and gradient are both right.
                SDVariable padded = sd.nn().pad(x, sd.constant(Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {(int) p[0], (int) p[0]},
                        {(int) p[1], (int) p[1]}})), org.nd4j.enums.PadMode.CONSTANT, 0);
                return sd.cnn().avgPooling2d(name, padded, Pooling2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(0).pW(0)
                        .type(Pooling2D.Pooling2DType.AVG).extra(0).isNHWC(false).build());
            }
            return max ? sd.cnn().maxPooling2d(name, x, cfg) : sd.cnn().avgPooling2d(name, x, cfg);
        }

        SDVariable gemm(Onnx.NodeProto n, Attributes a, String name) {
            double alpha = a.f("alpha", 1);
            double beta = a.f("beta", 1);
            SDVariable x = in(n.getInput(0));
            if (a.i("transA", 0) != 0) {
                x = x.permute(1, 0);
            }
            SDVariable w;
            if (isConstant(n.getInput(1)) && !vars.containsKey(n.getInput(1))) {
                INDArray b = constant(n.getInput(1)).castTo(DataType.FLOAT);
                // Stored as [in, out] so that the product is a plain x W (what the dense-head shortcut reads).
                w = sd.var(variableName(n.getInput(1)), a.i("transB", 0) != 0 ? b.transpose().dup('c') : b);
            } else {
                w = in(n.getInput(1));
                if (a.i("transB", 0) != 0) {
                    w = w.permute(1, 0);
                }
            }
            SDVariable y = x.mmul(w);
            if (alpha != 1) {
                y = y.mul(alpha);
            }
            if (n.getInputCount() < 3) {
                return sd.identity(name, y);
            }
            SDVariable c = in(n.getInput(2));
            if (beta != 1) {
                c = c.mul(beta);
            }
            return y.add(name, c);
        }

        SDVariable flatten(Onnx.NodeProto n, Attributes a, String name) {
            long axis = a.i("axis", 1);
            if (axis != 1) {
                throw new ModelLoadException("Flatten '" + n.getName() + "': only axis=1 is supported");
            }
            long[] s = shapes.get(n.getInput(0));
            if (s == null) {
                needShapes.put(n.getInput(0), in(n.getInput(0)).name());
                return sd.reshape(name, in(n.getInput(0)), 1, -1);
            }
            long per = Arrays.stream(s).skip(1).reduce(1, (x, y) -> x * y);
            return sd.reshape(name, in(n.getInput(0)), sd.constant(Nd4j.createFromArray(-1L, per)));
        }

        SDVariable reshape(Onnx.NodeProto n, String name) {
            long[] target = constant(n.getInput(1)).toLongVector();
            long[] s = shapes.get(n.getInput(0));
            if (s == null) {
                needShapes.put(n.getInput(0), in(n.getInput(0)).name());
                long[] t = target.clone();
                for (int i = 0; i < t.length; i++) {
                    if (t[i] == 0) {
                        t[i] = i == 0 ? 1 : -1;
                    }
                }
                t[0] = 1;
                return sd.reshape(name, in(n.getInput(0)), t);
            }
            long[] t = target.clone();
            for (int i = 0; i < t.length; i++) {
                if (t[i] == 0) {
                    t[i] = s[i];
                }
            }
            t[0] = -1;
            if (Arrays.stream(t).skip(1).anyMatch(v -> v == -1)) {
                long known = Arrays.stream(t).skip(1).filter(v -> v != -1).reduce(1, (x, y) -> x * y);
                long total = Arrays.stream(s).skip(1).reduce(1, (x, y) -> x * y);
                for (int i = 1; i < t.length; i++) {
                    if (t[i] == -1) {
                        t[i] = total / known;
                    }
                }
            }
            return sd.reshape(name, in(n.getInput(0)), sd.constant(Nd4j.createFromArray(t)));
        }

        /** Constant padding (opset 11+: pads as an input; older: an attribute); all-zero pads are an identity. */
        SDVariable pad(Onnx.NodeProto n, Attributes a, String name) {
            if (!a.s("mode", "constant").equals("constant")) {
                throw new ModelLoadException("Pad '" + n.getName() + "': only constant padding is supported");
            }
            long[] pads = n.getInputCount() > 1 && !n.getInput(1).isEmpty() ? constant(n.getInput(1)).toLongVector() : a.ints("pads", null);
            double value = n.getInputCount() > 2 && !n.getInput(2).isEmpty() ? constant(n.getInput(2)).getDouble(0) : a.f("value", 0);
            SDVariable x = in(n.getInput(0));
            if (Arrays.stream(pads).allMatch(v -> v == 0)) {
                return alias(n.getOutput(0), x);
            }
            int rank = pads.length / 2;
            long[][] pp = new long[rank][2];
            for (int i = 0; i < rank; i++) {
                pp[i][0] = pads[i];
                pp[i][1] = pads[i + rank];
            }
            return sd.nn().pad(name, x, sd.constant(Nd4j.createFromArray(pp).castTo(DataType.INT)),
                    org.nd4j.enums.PadMode.CONSTANT, value);
        }

        SDVariable clip(Onnx.NodeProto n, Attributes a, String name) {
            double lo = a.f("min", -Float.MAX_VALUE);
            double hi = a.f("max", Float.MAX_VALUE);
            if (n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
                lo = constant(n.getInput(1)).getDouble(0);
            }
            if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
                hi = constant(n.getInput(2)).getDouble(0);
            }
            return sd.math().clipByValue(name, in(n.getInput(0)), lo, hi);
        }

        long[] symmetricPads(Onnx.NodeProto n, Attributes a) {
            String autoPad = a.s("auto_pad", "NOTSET");
            if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
                throw new ModelLoadException(n.getOpType() + " '" + n.getName() + "': auto_pad=" + autoPad + " is not supported; export explicit pads");
            }
            long[] p = a.ints("pads", new long[] {0, 0, 0, 0});
            if (p[0] != p[2] || p[1] != p[3]) {
                throw new ModelLoadException(n.getOpType() + " '" + n.getName() + "': asymmetric padding " + Arrays.toString(p) + " is not supported");
            }
            return new long[] {p[0], p[1]};
        }
    }
}
