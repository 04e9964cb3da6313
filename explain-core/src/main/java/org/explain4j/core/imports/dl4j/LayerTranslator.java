package org.explain4j.core.imports.dl4j;

import org.explain4j.core.imports.DilatedKernels;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Upsampling2d;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One DL4J layer (its configuration and parameters) as SameDiff ops, computing what DL4J's inference forward
 * computes. The layer's output variable carries the DL4J layer name (after its activation), so {@code --layer}
 * reads like the user's code; an output or loss layer's variable holds its pre-activation values (the logits
 * that questions are asked of). Activations are kept NCHW whatever the layers' data format (Keras imports are NHWC):
 * per-channel layers compute the same either way, and the layout only matters where DL4J flattens, merges or reads
 * the input ({@link Preprocessors}, {@link GraphConversion}). Weights are copied as SameDiff variables in float, permuted from DL4J's layouts
 * ([out, in, kH, kW] convolution kernels, [kH, kW, in, multiplier] depthwise kernels) to SameDiff's.
 */
final class LayerTranslator {

    private final SameDiff sd;
    private final Map<String, String> softmaxInputs = new HashMap<>();

    LayerTranslator(SameDiff sd) {
        this.sd = sd;
    }

    /** For each converted layer ending in a softmax, the variable the softmax reads: the logits, if it is the output. */
    Map<String, String> softmaxInputs() {
        return softmaxInputs;
    }

    private SDVariable activate(String name, SDVariable preact, IActivation fn) {
        if (Activations.isSoftmax(fn)) {
            softmaxInputs.put(name, preact.name());
        }
        return Activations.apply(sd, name, preact, fn, name);
    }

    /** The layer classes {@link #translate} converts (exactly these: a subclass may compute something else). */
    private static final Set<Class<? extends Layer>> SUPPORTED = Set.of(ConvolutionLayer.class, DepthwiseConvolution2D.class,
            SeparableConvolution2D.class, SubsamplingLayer.class, BatchNormalization.class, OutputLayer.class, CenterLossOutputLayer.class,
            DenseLayer.class, LossLayer.class, ActivationLayer.class, DropoutLayer.class, GlobalPoolingLayer.class, ZeroPaddingLayer.class,
            LocalResponseNormalization.class, Upsampling2D.class);

    /** Refuses, before any conversion starts, a layer {@link #translate} cannot convert. */
    static void requireSupported(String name, Layer layer) {
        if (!SUPPORTED.contains(layer.getClass())) {
            throw unsupported(name, layer);
        }
    }

    /** The layer's output variable (named {@code name}) on input {@code x}. */
    SDVariable translate(String name, Layer layer, Map<String, INDArray> params, Activation x) {
        requireSupported(name, layer);
        if (layer instanceof SeparableConvolution2D s) {
            return activated(name, s.getActivationFn(), op -> separable(op, name, s, params, x));
        }
        if (layer instanceof DepthwiseConvolution2D d) {
            return activated(name, d.getActivationFn(), op -> depthwise(op, name, d, params, x));
        }
        if (layer instanceof ConvolutionLayer c) {
            return activated(name, c.getActivationFn(), op -> conv(op, name, c, params, x));
        }
        if (layer instanceof SubsamplingLayer p) {
            return pool(name, p, x);
        }
        if (layer instanceof BatchNormalization b) {
            return batchNorm(name, b, params, x);
        }
        if (layer instanceof BaseOutputLayer o) {
            requireFeedForward(name, layer, x);
            return dense(name, name, params, x.v(), o.hasBias());
        }
        if (layer instanceof DenseLayer d) {
            requireFeedForward(name, layer, x);
            return activated(name, d.getActivationFn(), op -> dense(op, name, params, x.v(), d.hasBias()));
        }
        if (layer instanceof LossLayer loss) {
            // What DL4J's output() returns for it: its activation of its input (Logits finds the pre-softmax scores).
            return activate(name, x.v(), loss.getActivationFn());
        }
        if (layer instanceof ActivationLayer a) {
            return activate(name, x.v(), a.getActivationFn());
        }
        if (layer instanceof DropoutLayer) {
            return sd.identity(name, x.v());
        }
        if (layer instanceof GlobalPoolingLayer g) {
            return globalPool(name, g, x);
        }
        if (layer instanceof ZeroPaddingLayer z) {
            requireCnn(name, layer, x);
            int[] p = z.getPadding();
            return sd.nn().pad(name, x.v(), sd.constant(Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {p[0], p[1]}, {p[2], p[3]}})),
                    org.nd4j.enums.PadMode.CONSTANT, 0.0);
        }
        if (layer instanceof LocalResponseNormalization l) {
            requireCnn(name, layer, x);
            return lrn(name, l, x);
        }
        if (layer instanceof Upsampling2D u) {
            requireCnn(name, layer, x);
            int[] s = u.getSize();
            SDVariable y = new Upsampling2d(sd, x.v(), s[0], s[1], true).outputVariable();
            return sd.identity(name, y);
        }
        throw unsupported(name, layer);
    }

    /**
     * The op named after the layer when its activation is the identity (so that a batch norm after it can fold into it),
     * else the op named {@code <layer>_preact} and the activation named after the layer.
     */
    private SDVariable activated(String name, IActivation fn, Function<String, SDVariable> op) {
        return Activations.isIdentity(fn) ? op.apply(name) : activate(name, op.apply(name + "_preact"), fn);
    }

    private SDVariable conv(String op, String name, ConvolutionLayer c, Map<String, INDArray> params, Activation x) {
        requireCnn(name, c, x);
        INDArray w = param(name, params, "W");
        SDVariable weights = sd.var(name + "_W", dilated(w.permute(2, 3, 1, 0).castTo(DataType.FLOAT), c.getDilation()));
        SDVariable bias = c.hasBias() ? sd.var(name + "_b", param(name, params, "b").reshape(-1).castTo(DataType.FLOAT))
                : sd.constant(name + "_b", Nd4j.zeros(DataType.FLOAT, w.size(0)));
        ConvInput in = convInput(name, c, x);
        return sd.cnn().conv2d(op, in.x(), weights, bias, in.config());
    }

    private SDVariable depthwise(String op, String name, DepthwiseConvolution2D d, Map<String, INDArray> params, Activation x) {
        requireCnn(name, d, x);
        INDArray w = param(name, params, "W");
        SDVariable weights = sd.var(name + "_W", dilated(w.castTo(DataType.FLOAT), d.getDilation()));
        ConvInput in = convInput(name, d, x);
        return d.hasBias()
                ? sd.cnn().depthWiseConv2d(op, in.x(), weights, sd.var(name + "_b", param(name, params, "b").reshape(-1).castTo(DataType.FLOAT)),
                in.config())
                : sd.cnn().depthWiseConv2d(op, in.x(), weights, in.config());
    }

    private SDVariable separable(String op, String name, SeparableConvolution2D s, Map<String, INDArray> params, Activation x) {
        requireCnn(name, s, x);
        SDVariable depth = sd.var(name + "_W", dilated(param(name, params, "W").permute(2, 3, 1, 0).castTo(DataType.FLOAT), s.getDilation()));
        SDVariable point = sd.var(name + "_pW", param(name, params, "pW").permute(2, 3, 1, 0).castTo(DataType.FLOAT).dup('c'));
        ConvInput in = convInput(name, s, x);
        return s.hasBias()
                ? sd.cnn().separableConv2d(op, in.x(), depth, point, sd.var(name + "_b", param(name, params, "b").reshape(-1).castTo(DataType.FLOAT)),
                in.config())
                : sd.cnn().separableConv2d(op, in.x(), depth, point, in.config());
    }

    /** A convolution's input (padded here when DL4J's Same mode pads unevenly) and its configuration. */
    private record ConvInput(SDVariable x, Conv2DConfig config) {
    }

    /**
     * Same mode as explicit padding: DL4J pads (out - 1) * stride + dilated kernel - in in total, the smaller half
     * above and left (ConvolutionUtils.getSameModeTopLeftPadding). Even padding stays in the convolution; uneven
     * padding becomes a zero pad before it. The kernel size is the dilated one ({@link #dilated}).
     */
    private ConvInput convInput(String name, ConvolutionLayer c, Activation x) {
        int[] d = c.getDilation();
        int[] k = {(c.getKernelSize()[0] - 1) * d[0] + 1, (c.getKernelSize()[1] - 1) * d[1] + 1};
        int[] s = c.getStride();
        ConvolutionMode mode = c.getConvolutionMode();
        paddingMode(name, c, mode);
        long[] before = {c.getPadding()[0], c.getPadding()[1]};
        long[] after = before.clone();
        if (mode == ConvolutionMode.Same) {
            InputType.InputTypeConvolutional t = (InputType.InputTypeConvolutional) x.type();
            long[] in = {t.getHeight(), t.getWidth()};
            for (int a = 0; a < 2; a++) {
                long out = (in[a] + s[a] - 1) / s[a];
                long total = Math.max(0, (out - 1) * s[a] + k[a] - in[a]);
                before[a] = total / 2;
                after[a] = total - before[a];
            }
        }
        SDVariable input = x.v();
        if (before[0] != after[0] || before[1] != after[1]) {
            input = sd.nn().pad(input, sd.constant(Nd4j.createFromArray(new long[][] {{0, 0}, {0, 0}, {before[0], after[0]}, {before[1], after[1]}})),
                    org.nd4j.enums.PadMode.CONSTANT, 0.0);
            before = new long[] {0, 0};
        }
        return new ConvInput(input, Conv2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(before[0]).pW(before[1]).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build());
    }

    private static INDArray dilated(INDArray kernel, int[] dilation) {
        return DilatedKernels.writeOut(kernel, dilation[0], dilation[1]);
    }

    private SDVariable pool(String name, SubsamplingLayer p, Activation x) {
        requireCnn(name, p, x);
        int[] k = p.getKernelSize();
        int[] s = p.getStride();
        int[] pad = p.getPadding();
        int[] d = p.getDilation();
        Pooling2DConfig.Pooling2DConfigBuilder cfg = Pooling2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(pad[0]).pW(pad[1])
                .dH(d[0]).dW(d[1]).paddingMode(paddingMode(name, p, p.getConvolutionMode())).isNHWC(false);
        return switch (p.getPoolingType()) {
            case MAX -> sd.cnn().maxPooling2d(name, x.v(), cfg.type(Pooling2D.Pooling2DType.MAX).build());
            // DL4J's flag maps onto libnd4j's divisor argument exactly as its own layer passes it: M2.1's avgpool2d reads
            // it from 'extra' (1: padding counted) and ignores the config's 'divisor'. Its backward ignores 'extra' as well
            // (it always divides by the cells inside the image), so explicit padding counted in the divisor is written as
            // zero padding before an unpadded pool, whose gradient is right.
            case AVG -> {
                boolean include = p.isAvgPoolIncludePadInDivisor();
                if (include && (pad[0] > 0 || pad[1] > 0) && p.getConvolutionMode() != ConvolutionMode.Same) {
                    SDVariable padded = sd.nn().pad(x.v(), sd.constant(Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0},
                            {pad[0], pad[0]}, {pad[1], pad[1]}})), org.nd4j.enums.PadMode.CONSTANT, 0);
                    yield sd.cnn().avgPooling2d(name, padded, cfg.pH(0).pW(0).type(Pooling2D.Pooling2DType.AVG).extra(0).build());
                }
                yield sd.cnn().avgPooling2d(name, x.v(), cfg.type(Pooling2D.Pooling2DType.AVG)
                        .divisor(include ? Pooling2D.Divisor.INCLUDE_PADDING : Pooling2D.Divisor.EXCLUDE_PADDING)
                        .extra(include ? 1 : 0).build());
            }
            // (sum over the window of |x|^p)^(1/p), as a mean pool (padding counted) times the window size: M2.1's native
            // library has no pnormpool2d op registered for SameDiff.
            case PNORM -> {
                int pn = p.getPnorm();
                SDVariable mean = sd.cnn().avgPooling2d(sd.math().pow(sd.math().abs(x.v()), pn),
                        cfg.type(Pooling2D.Pooling2DType.AVG).divisor(Pooling2D.Divisor.INCLUDE_PADDING).build());
                yield sd.math().pow(name, mean.mul((double) k[0] * k[1]), 1.0 / pn);
            }
            default -> throw new Dl4jConversionException("layer '" + name + "': " + p.getPoolingType() + " subsampling is not supported");
        };
    }

    private static PaddingMode paddingMode(String name, Layer layer, ConvolutionMode mode) {
        return switch (mode) {
            case Same -> PaddingMode.SAME;
            case Truncate, Strict -> PaddingMode.VALID;
            default -> throw new Dl4jConversionException("layer '" + name + "' (" + layer.getClass().getSimpleName() + "): convolution mode "
                    + mode + " is not supported");
        };
    }

    /** Inference batch norm with the stored statistics, as one scale and shift per channel (BatchNormFolding's pattern). */
    private SDVariable batchNorm(String name, BatchNormalization b, Map<String, INDArray> params, Activation x) {
        INDArray mean = param(name, params, "mean").reshape(-1).castTo(DataType.DOUBLE);
        INDArray std = b.isUseLogStd()
                ? Transforms.pow(Nd4j.valueArrayOf(mean.shape(), 10.0, DataType.DOUBLE), param(name, params, "log10stdev").reshape(-1).castTo(DataType.DOUBLE), false)
                : Transforms.sqrt(param(name, params, "var").reshape(-1).castTo(DataType.DOUBLE).add(b.getEps()), false);
        long c = mean.length();
        INDArray gamma = b.isLockGammaBeta() ? Nd4j.valueArrayOf(new long[] {c}, b.getGamma(), DataType.DOUBLE) : param(name, params, "gamma").reshape(-1).castTo(DataType.DOUBLE);
        INDArray beta = b.isLockGammaBeta() ? Nd4j.valueArrayOf(new long[] {c}, b.getBeta(), DataType.DOUBLE) : param(name, params, "beta").reshape(-1).castTo(DataType.DOUBLE);
        INDArray scale = gamma.div(std);
        INDArray shift = beta.sub(mean.mul(scale));
        long[] shape = x.cnn() ? new long[] {1, c, 1, 1} : new long[] {1, c};
        SDVariable sc = sd.constant(name + "_scale", scale.reshape(shape).castTo(DataType.FLOAT));
        SDVariable sh = sd.constant(name + "_shift", shift.reshape(shape).castTo(DataType.FLOAT));
        return x.v().mul(sc).add(name, sh);
    }

    private SDVariable dense(String name, String layer, Map<String, INDArray> params, SDVariable x, boolean hasBias) {
        SDVariable w = sd.var(layer + "_W", param(layer, params, "W").castTo(DataType.FLOAT).dup('c'));
        if (!hasBias) {
            return x.mmul(name, w);
        }
        SDVariable b = sd.var(layer + "_b", param(layer, params, "b").reshape(-1).castTo(DataType.FLOAT));
        return x.mmul(w).add(name, b);
    }

    private SDVariable globalPool(String name, GlobalPoolingLayer g, Activation x) {
        requireCnn(name, g, x);
        boolean keep = !g.isCollapseDimensions();
        SDVariable v = x.v();
        SDVariable y = switch (g.getPoolingType()) {
            case AVG -> sd.mean(name, v, keep, 2, 3);
            case MAX -> sd.max(name, v, keep, 2, 3);
            case SUM -> sd.sum(name, v, keep, 2, 3);
            case PNORM -> sd.math().pow(sd.sum(sd.math().pow(sd.math().abs(v), g.getPnorm()), keep, 2, 3), 1.0 / g.getPnorm()).rename(name);
            default -> throw new Dl4jConversionException("layer '" + name + "': " + g.getPoolingType() + " global pooling is not supported");
        };
        return y;
    }

    /**
     * DL4J's local response normalisation: y = x / (k + alpha * sum of x^2 over the n channels centred on each,
     * clipped at the edges)^beta (its alpha is not divided by n). Written with elementwise ops and channel slices.
     */
    private SDVariable lrn(String name, LocalResponseNormalization l, Activation x) {
        int half = (int) l.getN() / 2;
        long channels = x.channels();
        SDVariable sq = x.v().mul(x.v());
        SDVariable padded = sd.nn().pad(sq, sd.constant(Nd4j.createFromArray(new int[][] {{0, 0}, {half, half}, {0, 0}, {0, 0}})),
                org.nd4j.enums.PadMode.CONSTANT, 0.0);
        SDVariable sum = null;
        for (int i = 0; i <= 2 * half; i++) {
            // channels i .. i + C of the padded squares; the other axes whole (their bits set in both masks)
            SDVariable slice = sd.stridedSlice(padded, new long[] {0, i, 0, 0}, new long[] {0, i + channels, 0, 0}, new long[] {1, 1, 1, 1},
                    0b1101, 0b1101, 0, 0, 0);
            sum = sum == null ? slice : sum.add(slice);
        }
        SDVariable denom = sd.math().pow(sum.mul(l.getAlpha()).add(l.getK()), l.getBeta());
        return x.v().div(name, denom);
    }

    private static INDArray param(String layer, Map<String, INDArray> params, String key) {
        INDArray p = params.get(key);
        if (p == null) {
            throw new Dl4jConversionException("layer '" + layer + "': parameter '" + key + "' is missing (has " + params.keySet() + ")");
        }
        return p;
    }

    private static void requireCnn(String name, Layer layer, Activation x) {
        if (!x.cnn()) {
            throw new Dl4jConversionException("layer '" + name + "' (" + layer.getClass().getSimpleName()
                    + ") expects a convolutional input but follows a feed-forward one");
        }
    }

    private static void requireFeedForward(String name, Layer layer, Activation x) {
        if (x.cnn()) {
            throw new Dl4jConversionException("layer '" + name + "' (" + layer.getClass().getSimpleName()
                    + ") expects a feed-forward input but follows a convolutional one with no preprocessor");
        }
    }

    static Dl4jConversionException unsupported(String name, Object layer) {
        return new Dl4jConversionException("layer '" + name + "': " + layer.getClass().getSimpleName() + " is not supported");
    }
}
