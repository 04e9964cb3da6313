package org.explain4j.core.gradient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.explain4j.core.memory.HeapCopies;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.question.ClassLoss;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.question.Question;
import org.explain4j.core.question.QuestionWeights;
import org.explain4j.core.question.ScoreLoss;
import org.explain4j.core.question.ScoreQuestion;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DeConv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.shape.Reshape;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The part of a graph above a layer when it is a chain of flatten / global spatial mean, x W, + b and
 * ReLU steps (VGG's, AlexNet's and ResNet's heads). Its gradients for K questions about N samples are
 * a forward over the N samples and a backward of K rows: dL/dx = g W^T per dense layer, masked by the
 * ReLUs of the sample each row asks about (by the {@link BackwardRule} asked for). SameDiff would instead run the head forward K times and
 * compute every weight's gradient (g^T x, a 411 MB array for VGG16's fc6) whether asked or not.
 *
 * <p>With convolution and max-pool steps the chain can also start at the model input (a plain CNN such as VGG16 or
 * the MNIST and seismic nets): a convolution's input gradient is the transposed convolution of g with the same
 * weights ({@code deconv2d}, the adjoint), which is all an input gradient needs. SameDiff M2.1's {@code conv2d_bp}
 * always computes the weight gradient too, and took 4.5 times the forward convolutions on VGG16
 * (docs/BENCHMARKS.md).
 *
 * <p>The chain is recognised by op type; as a guard against a misread op, {@link #forward} is checked
 * against the model's own output by the caller, which falls back to SameDiff on any mismatch.
 */
final class DenseHead {

    private sealed interface Step permits Flatten, SpatialMean, MaxPool, MatMul, Bias, Relu, Conv {
    }

    /**
     * A 2-D convolution of [N,C,H,W] with explicit padding and no dilation, weights [kH, kW, C, O] (SameDiff's
     * layout, which is also deconv2d's [kH, kW, out, in] for the adjoint), optional bias [O]; {@code in} is
     * (C, H, W).
     */
    private record Conv(INDArray w, INDArray b, Conv2DConfig config, long[] in) implements Step {

        INDArray forward(INDArray x) {
            INDArray[] args = b == null ? new INDArray[] {x, w} : new INDArray[] {x, w, b};
            return Nd4j.exec(new Conv2D(args, null, config))[0];
        }

        /** dL/dx from dL/dy: the transposed convolution, zero-padded where the stride left input rows unread. */
        INDArray backward(INDArray g) {
            DeConv2DConfig d = DeConv2DConfig.builder().kH(config.getKH()).kW(config.getKW()).sH(config.getSH())
                    .sW(config.getSW()).pH(config.getPH()).pW(config.getPW()).dH(1).dW(1).dataFormat("NCHW").build();
            INDArray dx = Nd4j.exec(new DeConv2D(new INDArray[] {g, w.castTo(g.dataType())}, null, d))[0];
            if (dx.size(2) == in[1] && dx.size(3) == in[2]) {
                return dx;
            }
            INDArray full = Nd4j.zeros(dx.dataType(), dx.size(0), in[0], in[1], in[2]);
            full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, dx.size(2)), NDArrayIndex.interval(0, dx.size(3)))
                    .assign(dx);
            return full;
        }
    }

    /** Per-sample reshape to a vector; {@code shape} is the input's shape without the batch axis. */
    private record Flatten(long[] shape) implements Step {
    }

    /** Mean over the two spatial axes of [N,C,H,W]: [N,C], or [N,C,1,1] with {@code keepDims} (ONNX's GlobalAveragePool). */
    private record SpatialMean(long h, long w, boolean keepDims) implements Step {
    }

    /**
     * Non-overlapping k x k max pooling of [N,C,H,W] (stride k, no padding, H and W multiples of k).
     * The gradient goes to the first maximum of each window in row-major order, as SameDiff's maxpool_bp.
     */
    private record MaxPool(int k) implements Step {
    }

    private record MatMul(INDArray w) implements Step {
    }

    private record Bias(INDArray b) implements Step {
    }

    private record Relu() implements Step {
    }

    /** The values entering each step for the N samples, and the output z [N, out]. */
    record Pass(List<INDArray> inputs, INDArray output) {
    }

    private final List<Step> steps;
    private final List<String> stepInputs;
    private final String output;
    /** For max pool -> flatten -> x W: W's rows summed over each channel's pooled positions, [C, out]; else null. */
    private final INDArray channelSums;
    /** Grad-CAM's weights for small heads ({@link HeapTail}), beside {@link #channelSums}; else null. */
    private final HeapTail heapTail;

    private DenseHead(List<Step> steps, List<String> stepInputs, String output) {
        this.steps = steps;
        this.stepInputs = stepInputs;
        this.output = output;
        this.channelSums = channelSums(steps);
        this.heapTail = heapTail(steps, channelSums);
    }

    /** Whether {@link #backwardMeans} runs {@code questions} questions on the heap ({@link HeapTail}). */
    boolean meansOnHeap(int questions) {
        return heapTail != null && heapTail.suits(questions);
    }

    /** The steps after the first dense layer on the heap, when they are few and small ({@link HeapTail}); else null. */
    private static HeapTail heapTail(List<Step> steps, INDArray channelSums) {
        if (channelSums == null) {
            return null;
        }
        HeapTail.Builder tail = new HeapTail.Builder();
        long width = channelSums.size(1);
        for (int i = 3; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s instanceof MatMul m) {
                tail.dense(m.w());
                width = m.w().size(1);
            } else if (s instanceof Relu) {
                tail.relu(i, width);
            } else if (!(s instanceof Bias)) {
                tail.unsupported();
            }
        }
        return tail.build(channelSums);
    }

    /**
     * Grad-CAM needs only sum_ij dL/dA_cij. Behind a non-overlapping max pool that is the sum over the pooled
     * positions of dL/d(pooled), and behind a flatten and x W that is g (sum_p W[c p, :])^T: one [K, out] x
     * [out, C] product instead of the [K, out] x [out, C P] one (VGG16: 512 instead of 25,088 columns, 50 times
     * less work per question, the bulk of K contrasts' cost).
     */
    private static INDArray channelSums(List<Step> steps) {
        if (steps.size() < 3 || !(steps.get(0) instanceof MaxPool) || !(steps.get(1) instanceof Flatten f)
                || !(steps.get(2) instanceof MatMul m) || f.shape().length != 3) {
            return null;
        }
        long c = f.shape()[0];
        long positions = f.shape()[1] * f.shape()[2];
        INDArray w = m.w();
        return w.reshape('c', c, positions, w.size(1)).sum(1);
    }

    /** The graph variables whose forward values {@link #passFrom} needs: each step's input and the output. */
    List<String> variables() {
        List<String> out = new ArrayList<>(stepInputs);
        out.add(output);
        return out;
    }

    /** The pass from values a forward of the whole graph already computed (see {@link #variables}). */
    Optional<Pass> passFrom(java.util.Map<String, INDArray> values) {
        List<INDArray> inputs = new ArrayList<>(stepInputs.size());
        for (String name : stepInputs) {
            INDArray v = values.get(name);
            if (v == null) {
                return Optional.empty();
            }
            inputs.add(v);
        }
        INDArray z = values.get(output);
        return z == null ? Optional.empty() : Optional.of(new Pass(inputs, z.reshape(z.size(0), z.length() / z.size(0))));
    }

    /** The chain from {@code layer} to {@code output}, if the head is one. {@code layerShape} excludes the batch axis. */
    static Optional<DenseHead> of(SameDiff graph, String layer, String output, long[] layerShape, OutputKind kind) {
        if (kind == OutputKind.PROBABILITIES) {
            return Optional.empty();
        }
        List<Step> steps = new ArrayList<>();
        List<String> stepInputs = new ArrayList<>();
        String current = layer;
        long[] shape = layerShape.clone();
        // Branches that do not lead to the output (WaDIQaM's weight branch beside its score head) do not
        // touch its gradient: at each variable, follow the one consumer the output depends on.
        java.util.Set<String> feedsOutput = org.explain4j.core.model.GraphCut.ancestors(graph, output);
        while (!current.equals(output)) {
            Variable v = graph.getVariables().get(current);
            if (v == null || v.getInputsForOp() == null) {
                return Optional.empty();
            }
            List<String> onPath = v.getInputsForOp().stream().distinct()
                    .filter(o -> graph.getOps().get(o).getOutputsOfOp() != null
                            && graph.getOps().get(o).getOutputsOfOp().stream().anyMatch(feedsOutput::contains))
                    .toList();
            if (onPath.size() != 1) {
                return Optional.empty();
            }
            SameDiffOp op = graph.getOps().get(onPath.get(0));
            if (op.getOutputsOfOp() == null || op.getOutputsOfOp().size() != 1
                    || (op.getControlDeps() != null && !op.getControlDeps().isEmpty())) {
                return Optional.empty();
            }
            Optional<Step> step = step(graph, op, current, shape);
            if (step.isEmpty()) {
                return Optional.empty();
            }
            steps.add(step.get());
            stepInputs.add(current);
            shape = shapeAfter(step.get(), shape);
            if (shape == null) {
                return Optional.empty();
            }
            current = op.getOutputsOfOp().get(0);
        }
        return steps.isEmpty() ? Optional.empty() : Optional.of(new DenseHead(steps, stepInputs, output));
    }

    private static Optional<Step> step(SameDiff graph, SameDiffOp op, String chainInput, long[] shape) {
        DifferentialFunction f = op.getOp();
        List<String> ins = op.getInputsToOp();
        if (ins == null || !ins.get(0).equals(chainInput) || ins.stream().filter(chainInput::equals).count() != 1) {
            return Optional.empty();
        }
        if (f instanceof Reshape && ins.size() <= 2) {
            return Optional.of(new Flatten(shape.clone()));
        }
        if (f instanceof Mean mean && ins.size() == 1 && shape.length == 3) {
            INDArray dims = mean.dimensions();
            if (dims == null || dims.length() != 2) {
                return Optional.empty();
            }
            long[] d = dims.toLongVector();
            Arrays.sort(d);
            // kept dimensions: ONNX's GlobalAveragePool, [N,C,1,1], before a Flatten
            return d[0] == 2 && d[1] == 3 ? Optional.of(new SpatialMean(shape[1], shape[2], mean.isKeepDims())) : Optional.empty();
        }
        if (f instanceof MaxPooling2D pool && ins.size() == 1 && shape.length == 3 && pool.getConfig() != null) {
            Pooling2DConfig c = pool.getConfig();
            boolean simple = c.getKH() == c.getKW() && c.getKH() == c.getSH() && c.getSH() == c.getSW()
                    && c.getPH() == 0 && c.getPW() == 0 && c.getDH() == 1 && c.getDW() == 1 && !c.isNHWC()
                    && shape[1] % c.getKH() == 0 && shape[2] % c.getKW() == 0;
            return simple ? Optional.of(new MaxPool((int) c.getKH())) : Optional.empty();
        }
        if (f instanceof RectifiedLinear && ins.size() == 1) {
            return Optional.of(new Relu());
        }
        if (f instanceof ScalarAdd add && ins.size() == 1 && shape.length == 1 && add.scalar() != null) {
            // x + c (WaDIQaM's ReLU + 1e-6): a bias of c in every column, the identity backward.
            return Optional.of(new Bias(Nd4j.valueArrayOf(new long[] {1, shape[0]}, add.scalar().getDouble(0), add.scalar().dataType())));
        }
        if (f instanceof Conv2D conv && (ins.size() == 2 || ins.size() == 3) && shape.length == 3) {
            return conv(graph, conv.getConfig(), ins, shape);
        }
        if (ins.size() != 2) {
            return Optional.empty();
        }
        INDArray other = constantValue(graph, ins.get(1));
        if (other == null) {
            return Optional.empty();
        }
        if (f instanceof Mmul && other.rank() == 2 && shape.length == 1 && other.size(0) == shape[0]) {
            return Optional.of(new MatMul(other));
        }
        if (f instanceof AddOp && other.length() == shape[shape.length - 1] && shape.length == 1) {
            return Optional.of(new Bias(other.reshape(1, other.length())));
        }
        return Optional.empty();
    }

    private static Optional<Step> conv(SameDiff graph, Conv2DConfig c, List<String> ins, long[] shape) {
        INDArray w = constantValue(graph, ins.get(1));
        INDArray b = ins.size() == 3 ? constantValue(graph, ins.get(2)) : null;
        boolean plain = c != null && w != null && w.rank() == 4 && c.getDH() == 1 && c.getDW() == 1
                && c.getPaddingMode() == PaddingMode.VALID && !c.isNHWC() && "NCHW".equalsIgnoreCase(c.getDataFormat())
                && c.getWeightsFormat() == WeightsFormat.YXIO && w.size(0) == c.getKH() && w.size(1) == c.getKW()
                && w.size(2) == shape[0] && (ins.size() == 2 || (b != null && b.length() == w.size(3)))
                && shape[1] + 2 * c.getPH() >= c.getKH() && shape[2] + 2 * c.getPW() >= c.getKW();
        return plain ? Optional.of(new Conv(w, b == null ? null : b.reshape(b.length()), c, shape.clone())) : Optional.empty();
    }

    private static INDArray constantValue(SameDiff graph, String name) {
        VariableType t = graph.getVariable(name).getVariableType();
        return t == VariableType.VARIABLE || t == VariableType.CONSTANT ? graph.getArrForVarName(name) : null;
    }

    private static long[] shapeAfter(Step step, long[] shape) {
        if (step instanceof Flatten) {
            return new long[] {Arrays.stream(shape).reduce(1, (a, b) -> a * b)};
        }
        if (step instanceof SpatialMean m) {
            return m.keepDims() ? new long[] {shape[0], 1, 1} : new long[] {shape[0]};
        }
        if (step instanceof MatMul m) {
            return new long[] {m.w().size(1)};
        }
        if (step instanceof MaxPool p) {
            return new long[] {shape[0], shape[1] / p.k(), shape[2] / p.k()};
        }
        if (step instanceof Conv c) {
            Conv2DConfig k = c.config();
            return new long[] {c.w().size(3), (shape[1] + 2 * k.getPH() - k.getKH()) / k.getSH() + 1,
                    (shape[2] + 2 * k.getPW() - k.getKW()) / k.getSW() + 1};
        }
        return shape;
    }

    /** The head's forward over N samples' activations [N, ...]. */
    Pass forward(INDArray activations) {
        List<INDArray> inputs = new ArrayList<>(steps.size());
        INDArray x = activations;
        for (Step s : steps) {
            inputs.add(x);
            if (s instanceof Flatten) {
                x = x.reshape(x.size(0), x.length() / x.size(0));
            } else if (s instanceof SpatialMean m) {
                x = x.mean(m.keepDims(), 2, 3);
            } else if (s instanceof MaxPool p) {
                x = maxPool(x, p.k());
            } else if (s instanceof MatMul m) {
                // BLAS's GEMM directly: INDArray.mmul (libnd4j's matmul op) took 2.5 to 5 times as long for VGG16's fc6
                // (docs/BENCHMARKS.md, "Every method").
                x = Nd4j.gemm(x, m.w(), false, false);
            } else if (s instanceof Bias b) {
                x = x.addRowVector(b.b());
            } else if (s instanceof Conv c) {
                x = c.forward(x);
            } else {
                x = Transforms.relu(x, true);
            }
        }
        return new Pass(inputs, x);
    }

    /**
     * The spatial means of dL/d(layer) [K, C] (Grad-CAM's weights) for a [C,H,W] layer. When the chain
     * starts with a global spatial mean they are the pooled gradient over H W, and the [K,C,H,W]
     * gradient is never built (for K = 1,000 ResNet contrasts it would be 100 MB).
     */
    INDArray backwardMeans(Pass pass, int[] sampleOf, List<? extends Question> questions, OutputKind kind, BackwardRule rule) {
        if (steps.get(0) instanceof SpatialMean m) {
            INDArray g = backwardTo(1, pass, sampleOf, questions, kind, rule);
            return g.reshape(g.size(0), g.length() / g.size(0)).divi(m.h() * m.w());
        }
        if (steps.get(0) instanceof MaxPool) {
            // A non-overlapping max pool routes each window's gradient to one of its pixels, whichever it
            // is: the spatial sum of dL/dA equals that of dL/d(pooled), and the [K,C,H,W] scatter is skipped.
            INDArray layer = pass.inputs().get(0);
            if (meansOnHeap(sampleOf.length)) {
                java.util.Map<Integer, double[]> read = new java.util.HashMap<>();
                double[] sums = heapTail.channelSums(lossRows(pass.output(), sampleOf, questions, kind), sampleOf, rule,
                        step -> read.computeIfAbsent(step, i -> HeapCopies.toDoubles(pass.inputs().get(i))));
                return HeapCopies.scaled(sums, 1.0 / (layer.size(2) * layer.size(3)), pass.output().dataType(),
                        sampleOf.length, layer.size(1));
            }
            if (channelSums != null) {
                if (rule == BackwardRule.PLAIN && oneSample(sampleOf) && sampleOf.length > channelSums.size(0)) {
                    INDArray t = transfer(pass, sampleOf[0]);
                    return Nd4j.gemm(lossGradient(pass.output(), sampleOf, questions, kind), t, false, false)
                            .divi(layer.size(2) * layer.size(3));
                }
                INDArray g = backwardTo(3, pass, sampleOf, questions, kind, rule);
                return Nd4j.gemm(g, channelSums, false, true).divi(layer.size(2) * layer.size(3));
            }
            INDArray g = backwardTo(1, pass, sampleOf, questions, kind, rule);
            return g.sum(2, 3).divi(layer.size(2) * layer.size(3));
        }
        return backward(pass, sampleOf, questions, kind, rule).mean(2, 3);
    }

    /**
     * The linear map from dL/dz [1, out] to the channel sums of dL/d(layer) [1, C] for one sample, [out, C]: the
     * head's backward with the ReLU masks of that sample, multiplied from the channel end (C columns) rather than
     * pushed row by row. Worth it when more than C questions ask about one sample (999 conflicting labels on VGG16:
     * 512 columns through fc7 and fc8 instead of 999 rows), and exact: with the forward's masks fixed, the
     * backward is linear in dL/dz.
     */
    private INDArray transfer(Pass pass, int sample) {
        INDArray t = channelSums.transpose().dup('c');
        for (int i = 3; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s instanceof MatMul m) {
                t = Nd4j.gemm(m.w(), t, true, false);
            } else if (s instanceof Relu) {
                INDArray mask = pass.inputs().get(i).getRow(sample).gt(0).castTo(t.dataType()).reshape(t.size(0), 1);
                t.muliColumnVector(mask);
            } else if (!(s instanceof Bias)) {
                throw new IllegalStateException("a " + s.getClass().getSimpleName() + " step after the first dense layer");
            }
        }
        return t;
    }

    private static boolean oneSample(int[] sampleOf) {
        for (int s : sampleOf) {
            if (s != sampleOf[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * dL/d(layer) for K questions, {@code sampleOf[k]} the sample row of {@code pass} that question k
     * asks about: [K, ...layer shape].
     */
    INDArray backward(Pass pass, int[] sampleOf, List<? extends Question> questions, OutputKind kind, BackwardRule rule) {
        return backwardTo(0, pass, sampleOf, questions, kind, rule);
    }

    /** The gradient at the input of step {@code first}; ReLUs pass gradients back by {@code rule}. */
    private INDArray backwardTo(int first, Pass pass, int[] sampleOf, List<? extends Question> questions, OutputKind kind,
                                BackwardRule rule) {
        return backwardFrom(first, pass, lossGradient(pass.output(), sampleOf, questions, kind), sampleOf, rule);
    }

    /** {@code g} (dL/d(output), one row per question) passed back to the input of step {@code first}. */
    private INDArray backwardFrom(int first, Pass pass, INDArray g, int[] sampleOf, BackwardRule rule) {
        for (int i = steps.size() - 1; i >= first; i--) {
            Step s = steps.get(i);
            INDArray in = pass.inputs().get(i);
            if (s instanceof Flatten f) {
                g = g.reshape(prepend(g.size(0), f.shape()));
            } else if (s instanceof SpatialMean m) {
                INDArray scaled = g.div(m.h() * m.w()).reshape(g.size(0), g.size(1), 1, 1);
                g = Nd4j.zeros(g.dataType(), g.size(0), g.size(1), m.h(), m.w()).addi(scaled);
            } else if (s instanceof MaxPool p) {
                g = maxPoolBackward(in, p.k(), g, sampleOf);
            } else if (s instanceof MatMul m) {
                g = Nd4j.gemm(g, m.w(), false, true);
            } else if (s instanceof Relu) {
                g = rule.relu(g, BatchRows.readOnly(in, sampleOf));
            } else if (s instanceof Conv c) {
                g = c.backward(g);
            }
        }
        return g;
    }

    /** Whether every step is linear or affine (no ReLU, no max pooling): its backward is then one rule for all. */
    boolean isLinear() {
        return steps.stream().noneMatch(s -> s instanceof Relu || s instanceof MaxPool);
    }

    /**
     * For a linear chain (ResNet's global mean and fully connected layer), checks its backward against its forward at
     * layer shape {@code layerShape} (without the batch axis): {@link #isAdjoint}. Checked this way, a first explanation
     * builds no SameDiff head graph (whose first copy builds SameDiff's op registry, most of a second in a cold JVM;
     * docs/BENCHMARKS.md, time to the first explanation); the loss gradient it starts from is ClassLoss's and
     * ScoreLoss's, tested on their own.
     */
    boolean linearBackwardIsAdjoint(long[] layerShape) {
        if (!isLinear()) {
            throw new IllegalStateException("the chain has ReLU or max-pool steps");
        }
        int[] one = {0};
        long[] shape = prepend(1, layerShape);
        Pass anywhere = forward(Nd4j.zeros(dataType(), shape)); // a linear chain's backward does not read its pass
        return isAdjoint(x -> forward(x).output(), g -> backwardFrom(0, anywhere, g, one, BackwardRule.PLAIN), shape, dataType());
    }

    private DataType dataType() {
        for (Step s : steps) {
            if (s instanceof MatMul m) {
                return m.w().dataType();
            }
            if (s instanceof Conv c) {
                return c.w().dataType();
            }
        }
        return DataType.FLOAT;
    }

    /**
     * Whether {@code backward} is the transposed Jacobian of the affine map {@code forward} on inputs of {@code shape}:
     * f(v) - f(-v) = 2 J v, so {@code <f(v) - f(-v), y>} must equal {@code 2 <v, backward(y)>} for seeded random v and
     * y in [-0.5, 0.5). The sums are compared in double, relative to the sum of their terms' magnitudes: float
     * rounding leaves about 1e-7 of it, a misread layout (a transposed weight, another flatten order) leaves the
     * difference of two unrelated sums, of the order of their square root. Tolerance 1e-4.
     */
    static boolean isAdjoint(java.util.function.UnaryOperator<INDArray> forward, java.util.function.UnaryOperator<INDArray> backward,
                             long[] shape, DataType type) {
        org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(4343);
        INDArray v = Nd4j.rand(rng, shape).subi(0.5).castTo(type);
        INDArray d = forward.apply(v).castTo(DataType.DOUBLE).subi(forward.apply(v.neg()).castTo(DataType.DOUBLE));
        INDArray y = Nd4j.rand(rng, d.shape()).subi(0.5).castTo(type);
        INDArray back = backward.apply(y).castTo(DataType.DOUBLE);
        if (back.length() != v.length()) {
            return false;
        }
        INDArray yd = y.castTo(DataType.DOUBLE);
        INDArray vd = v.castTo(DataType.DOUBLE).reshape(back.shape());
        double lhs = d.mul(yd).sumNumber().doubleValue();
        double rhs = 2 * vd.mul(back).sumNumber().doubleValue();
        double scale = Transforms.abs(d, true).muli(Transforms.abs(yd, true)).sumNumber().doubleValue()
                + 2 * Transforms.abs(vd, true).muli(Transforms.abs(back, true)).sumNumber().doubleValue();
        return Math.abs(lhs - rhs) <= 1e-4 * Math.max(1e-30, scale);
    }

    /**
     * Checks that each convolution's backward is the adjoint of its forward, {@code <conv(x), y> = <x, backward(y)>},
     * with the weights' magnitudes (the layout is what is checked, not the values) and uniform random x and y, so that
     * every product is positive and nothing cancels: float rounding leaves about 1e-7 of the sum, a transposed
     * convolution with a wrong padding, stride or kernel orientation misses by at least the share of the border
     * (0.4 % at 224 pixels). Tolerance 1e-5.
     */
    boolean convolutionsAreAdjoint() {
        org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(4242);
        for (Step s : steps) {
            if (s instanceof Conv c) {
                Conv positive = new Conv(Transforms.abs(c.w(), true), null, c.config(), c.in());
                INDArray x = Nd4j.rand(rng, 1, c.in()[0], c.in()[1], c.in()[2]).castTo(c.w().dataType());
                INDArray y0 = positive.forward(x);
                INDArray y = Nd4j.rand(rng, y0.shape()).castTo(c.w().dataType());
                double lhs = y0.castTo(DataType.DOUBLE).muli(y.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
                double rhs = x.castTo(DataType.DOUBLE).muli(positive.backward(y).castTo(DataType.DOUBLE)).sumNumber().doubleValue();
                if (!(Math.abs(lhs - rhs) <= 1e-5 * Math.max(1e-12, Math.abs(lhs)))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** [N,C,H,W] as [N,C,H/k,k,W/k,k]: window position (i, j) is then a plain index, not a strided interval. */
    private static INDArray split(INDArray x, int k) {
        INDArray c = x.ordering() == 'c' && x.isView() ? x.dup('c') : x.ordering() == 'c' ? x : x.dup('c');
        return c.reshape('c', x.size(0), x.size(1), x.size(2) / k, k, x.size(3) / k, k);
    }

    private static INDArray window(INDArray split, int i, int j) {
        return split.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(i),
                NDArrayIndex.all(), NDArrayIndex.point(j));
    }

    private static INDArray maxPool(INDArray x, int k) {
        INDArray windows = split(x, k);
        INDArray out = window(windows, 0, 0).dup();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                out = Transforms.max(out, window(windows, i, j), true);
            }
        }
        return out;
    }

    /** Routes each row's [K,C,H/k,W/k] gradient to the first maximum of its sample's windows. */
    private static INDArray maxPoolBackward(INDArray in, int k, INDArray g, int[] sampleOf) {
        INDArray max = maxPool(in, k);
        INDArray windows = split(in, k);
        INDArray taken = Nd4j.zeros(g.dataType(), max.shape());
        INDArray out = Nd4j.zeros(g.dataType(), g.size(0), in.size(1), in.size(2), in.size(3));
        INDArray outWindows = out.reshape('c', g.size(0), in.size(1), in.size(2) / k, k, in.size(3) / k, k);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                INDArray first = window(windows, i, j).eq(max).castTo(g.dataType()).muli(taken.rsub(1));
                taken.addi(first);
                window(outWindows, i, j).assign(g.mul(BatchRows.of(first, sampleOf)));
            }
        }
        return out;
    }

    /**
     * dL/dz per row, from the loss classes ({@link ClassLoss#gradient}, {@link ScoreLoss#gradient}). The
     * softmax is taken once per sample; each row is then written in one pass (K = 1,000 contrasts over
     * 1,000 classes would otherwise cost several [K, classes] array operations).
     */
    private static INDArray lossGradient(INDArray output, int[] sampleOf, List<? extends Question> questions, OutputKind kind) {
        long columns = kind == OutputKind.SCORE ? 1 : output.size(1);
        return Nd4j.createFromArray(lossRows(output, sampleOf, questions, kind)).reshape(questions.size(), columns)
                .castTo(output.dataType());
    }

    /** {@link #lossGradient}'s values, [K, out] row-major. */
    private static double[] lossRows(INDArray output, int[] sampleOf, List<? extends Question> questions, OutputKind kind) {
        int k = questions.size();
        // One bulk read of the output: toDoubleMatrix makes a view and a copy per row, and a section's windows
        // call this once per batch of 32 rows, thousands of times.
        double[] z = HeapCopies.toDoubles(output);
        if (kind == OutputKind.SCORE) {
            double[] g = new double[k];
            for (int row = 0; row < k; row++) {
                g[row] = ScoreLoss.gradient((ScoreQuestion) questions.get(row), z[sampleOf[row]]);
            }
            return g;
        }
        int classes = (int) output.size(1);
        double[][] probabilities = new double[(int) output.size(0)][];
        double[] g = new double[k * classes];
        float[] u = new float[classes];
        float[] v = new float[classes];
        for (int row = 0; row < k; row++) {
            ClassQuestion q = (ClassQuestion) questions.get(row);
            QuestionWeights.checkClasses(q, classes);
            int s = sampleOf[row];
            if (probabilities[s] == null) {
                probabilities[s] = ClassLoss.softmax(Arrays.copyOfRange(z, s * classes, (s + 1) * classes));
            }
            ClassLoss.gradient(q, probabilities[s], u, v, g, row * classes);
        }
        return g;
    }

    /** Whether this path can answer these questions (built-in families only, matching the output kind). */
    static boolean answers(List<? extends Question> questions, OutputKind kind) {
        Class<?> family = kind == OutputKind.SCORE ? ScoreQuestion.class : ClassQuestion.class;
        return questions.stream().allMatch(family::isInstance);
    }

    private static long[] prepend(long first, long[] rest) {
        long[] out = new long[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
