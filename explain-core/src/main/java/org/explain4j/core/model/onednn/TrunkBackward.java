package org.explain4j.core.model.onednn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;
import static org.bytedeco.dnnl.global.dnnl.algorithm;
import static org.bytedeco.dnnl.global.dnnl.prop_kind;

/**
 * The backward of a training-mode {@link TrunkPlan} from one trunk activation down to the input, for one ReLU rule:
 * the units in reverse, each sending its output's gradient to its inputs (a convolution's by oneDNN's backward-data
 * primitive, which computes no weight gradient), gradients reaching a variable from several consumers summed.
 */
final class TrunkBackward implements AutoCloseable {

    private final Owned owned;
    private final stream stream;
    private final memory cutGradient;
    private final memory inputGradient;
    private final Steps steps;

    private TrunkBackward(engine eng, stream stream, memory cutGradient, memory inputGradient, Owned owned) {
        this.owned = owned;
        this.steps = new Steps(owned, eng);
        this.stream = stream;
        this.cutGradient = cutGradient;
        this.inputGradient = inputGradient;
    }

    static TrunkBackward compile(List<TrunkUnit> units, Map<String, memory> values, String input, memory inputValue, String cut,
                                 ReluGradient rule, engine eng, stream strm) {
        memory cutValue = values.get(cut);
        Owned owned = new Owned();
        memory cutUser = owned.add(new memory(TrunkPlan.plain(TrunkPlan.dims(cutValue)), eng, new Pointer()));
        memory inUser = owned.add(new memory(TrunkPlan.plain(TrunkPlan.dims(inputValue)), eng, new Pointer()));
        TrunkBackward b = new TrunkBackward(eng, strm, cutUser, inUser, owned);
        try {
            new Builder(b, values, rule, eng, strm).build(units, cut, cutUser, input, inUser);
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
        return b;
    }

    /** The input's gradient for {@code atCut}, the gradient at the cut, [batch, C, H, W]; a fresh array. */
    INDArray run(INDArray atCut) {
        INDArray g = atCut.dataType() == DataType.FLOAT && !atCut.isView() && atCut.ordering() == 'c' ? atCut
                : atCut.castTo(DataType.FLOAT).dup('c');
        cutGradient.set_data_handle(g.data().addressPointer());
        LongPointer d = inputGradient.get_desc().dims();
        INDArray out = Nd4j.createUninitializedDetached(DataType.FLOAT, d.get(0), d.get(1), d.get(2), d.get(3));
        inputGradient.set_data_handle(out.data().addressPointer());
        steps.run(stream);
        java.lang.ref.Reference.reachabilityFence(g);
        return out;
    }

    @Override
    public void close() {
        owned.close();
    }

    private static final class Builder {
        private final TrunkBackward plan;
        private final Owned owned;
        private final Map<String, memory> values;
        private final ReluGradient rule;
        private final engine eng;
        private final stream strm;
        /** Each variable's gradient so far; a memory belongs to one variable only, so that sums into it stay its own. */
        private final Map<String, memory> diff = new HashMap<>();

        Builder(TrunkBackward plan, Map<String, memory> values, ReluGradient rule, engine eng, stream strm) {
            this.plan = plan;
            this.owned = plan.owned;
            this.values = values;
            this.rule = rule;
            this.eng = eng;
            this.strm = strm;
        }

        void build(List<TrunkUnit> units, String cut, memory cutUser, String input, memory inUser) {
            memory g = owned.add(new memory(values.get(cut).get_desc(), eng));
            step(new reorder(cutUser, g), Map.of(DNNL_ARG_FROM, cutUser, DNNL_ARG_TO, g));
            diff.put(cut, g);
            for (int i = units.size() - 1; i >= 0; i--) {
                TrunkUnit u = units.get(i);
                memory gu = diff.remove(u.out());
                if (gu == null) {
                    continue;
                }
                if (u instanceof TrunkUnit.Conv c) {
                    memory pre = c.relu() ? relu(gu, c.dst()) : gu;
                    memory dx = convData(c, pre);
                    if (c.residual() != null) {
                        contribute(c.residual(), pre);
                    }
                    contribute(c.in(), dx);
                } else if (u instanceof TrunkUnit.Add a) {
                    contribute(a.a(), gu);
                    contribute(a.b(), copy(gu));
                } else if (u instanceof TrunkUnit.Relu r) {
                    contribute(r.in(), relu(gu, r.dst()));
                } else if (u instanceof TrunkUnit.Pool p) {
                    contribute(p.in(), pool(p, gu));
                }
            }
            memory gx = diff.get(input);
            if (gx == null) {
                throw new IllegalStateException("no gradient reaches the input from '" + cut + "'");
            }
            step(new reorder(gx, inUser), Map.of(DNNL_ARG_FROM, gx, DNNL_ARG_TO, inUser));
        }

        /** The gradient before a ReLU whose output is {@code y}, by the rule. */
        private memory relu(memory g, memory y) {
            memory gy = like(g, y.get_desc());
            if (rule == ReluGradient.DECONVNET) {
                return reluOf(gy);
            }
            eltwise_forward.primitive_desc hint = new eltwise_forward.primitive_desc(new eltwise_forward.desc(
                    prop_kind.forward_training, algorithm.eltwise_relu_use_dst_for_bwd, y.get_desc(), 0f, 0f), eng);
            eltwise_backward.primitive_desc pd = new eltwise_backward.primitive_desc(new eltwise_backward.desc(
                    algorithm.eltwise_relu_use_dst_for_bwd, y.get_desc(), y.get_desc(), 0f, 0f), eng, hint);
            memory dx = owned.add(new memory(pd.diff_src_desc(), eng));
            step(new eltwise_backward(pd), Map.of(DNNL_ARG_DIFF_DST, gy, DNNL_ARG_DST, y, DNNL_ARG_DIFF_SRC, dx));
            return rule == ReluGradient.GUIDED ? reluOf(dx) : dx;
        }

        private memory reluOf(memory g) {
            eltwise_forward.primitive_desc pd = new eltwise_forward.primitive_desc(new eltwise_forward.desc(
                    prop_kind.forward_inference, algorithm.eltwise_relu, g.get_desc(), 0f, 0f), eng);
            memory out = owned.add(new memory(pd.dst_desc(), eng));
            step(new eltwise_forward(pd), Map.of(DNNL_ARG_SRC, g, DNNL_ARG_DST, out));
            return out;
        }

        /**
         * A convolution whose input has fewer channels than this gets a plain NCHW input gradient. Left to choose, oneDNN
         * 2.5 (JavaCPP's build for M2.1) picks 16-channel blocks and computes the padding too: an RGB first layer's
         * backward did 16/3 of the work (ResNet-18's conv1, batch 1: 3.55 ms against 0.74 ms forward at 67e21bb); plain
         * NCHW takes its GEMM kernel (1.50 ms at 8d64d0d), while NHWC gets a reference kernel. Measured with
         * `scripts/ProfilePrimitives.java` (docs/BENCHMARKS.md, "Every method").
         */
        private static final long CHANNEL_BLOCK = 16;

        private memory convData(TrunkUnit.Conv c, memory g) {
            long[] s = TrunkPlan.dims(values.get(c.in()));
            long[] w = TrunkPlan.dims(c.weights());
            long[] d = TrunkPlan.dims(c.dst());
            if (s[1] >= CHANNEL_BLOCK && keepsSize(c, w)) {
                memory dx = asForward(c, g, w);
                if (dx != null) {
                    return dx;
                }
            }
            // The gradients take the forward's layouts (no reorder between the two passes), except below 16 input channels.
            memory.desc dxDesc = s[1] < CHANNEL_BLOCK ? TrunkPlan.plain(s) : c.pd().src_desc();
            memory.desc gDesc = s[1] < CHANNEL_BLOCK ? TrunkPlan.any(d) : c.pd().dst_desc();
            convolution_backward_data.primitive_desc pd;
            try {
                pd = new convolution_backward_data.primitive_desc(
                        new convolution_backward_data.desc(algorithm.convolution_direct, dxDesc, TrunkPlan.any(w), gDesc,
                                c.strides(), c.padding(), c.padding()), eng, c.pd());
            } catch (RuntimeException e) {
                pd = null;   // no implementation for these layouts: oneDNN's own choice below
            }
            if (pd == null || TrunkPlan.isReference(pd)) {
                pd = new convolution_backward_data.primitive_desc(new convolution_backward_data.desc(algorithm.convolution_direct,
                        TrunkPlan.any(s), TrunkPlan.any(w), TrunkPlan.any(d), c.strides(), c.padding(), c.padding()), eng, c.pd());
            }
            memory weights = c.weights();
            if (!weights.get_desc().equals(pd.weights_desc())) {
                memory r = owned.add(new memory(pd.weights_desc(), eng));
                owned.add(new reorder(weights, r)).execute(strm, weights, r);
                strm._wait();
                weights = r;
            }
            memory gd = like(g, pd.diff_dst_desc());
            memory dx = owned.add(new memory(pd.diff_src_desc(), eng));
            step(new convolution_backward_data(pd), Map.of(DNNL_ARG_DIFF_DST, gd, DNNL_ARG_WEIGHTS, weights, DNNL_ARG_DIFF_SRC, dx));
            return dx;
        }

        /** Stride 1, odd kernel, padded by half of it on each side: the output has the input's size. */
        private static boolean keepsSize(TrunkUnit.Conv c, long[] w) {
            return c.strides()[0] == 1 && c.strides()[1] == 1 && w[2] % 2 == 1 && w[3] % 2 == 1
                    && c.padding()[0] == (w[2] - 1) / 2 && c.padding()[1] == (w[3] - 1) / 2;
        }

        /**
         * The input gradient of a size-keeping convolution as a forward convolution: dL/dx = conv(dL/dy, W'), W' the kernel
         * flipped in space with its input and output channels swapped, the same padding. oneDNN 2.5's forward kernels
         * (brgemm) are faster than its backward-data ones (VGG16's 3x3 layers: docs/BENCHMARKS.md). Null when oneDNN would
         * run it with a reference kernel.
         */
        private memory asForward(TrunkUnit.Conv c, memory g, long[] w) {
            long[] tw = {w[1], w[0], w[2], w[3]};
            convolution_forward.primitive_desc pd;
            try {
                pd = new convolution_forward.primitive_desc(new convolution_forward.desc(
                        prop_kind.forward_inference, algorithm.convolution_direct, c.pd().dst_desc(), TrunkPlan.any(tw),
                        c.pd().src_desc(), new long[] {1, 1}, c.padding(), c.padding()), eng);
            } catch (RuntimeException e) {
                return null;
            }
            if (TrunkPlan.isReference(pd)) {
                pd.close();
                return null;
            }
            // The kernel with its channels swapped, [I, O, kh, kw] in C order, is the plan's [O, I, kh, kw] weights
            // reordered into IOHW: the swap costs nothing beyond that reorder. The spatial flip is one ND4J op.
            INDArray swapped = Nd4j.createUninitializedDetached(DataType.FLOAT, tw);
            INDArray flipped = Nd4j.createUninitializedDetached(DataType.FLOAT, tw);
            try (memory iohw = new memory(new memory.desc(w, memory.data_type.f32, memory.format_tag.iohw), eng,
                    swapped.data().addressPointer()); reorder r = new reorder(c.weights(), iohw)) {
                r.execute(strm, c.weights(), iohw);
                strm._wait();
            }
            Nd4j.exec(new Reverse(swapped, flipped, 2, 3));
            memory weights = owned.add(new memory(pd.weights_desc(), eng));
            try (memory plain = new memory(new memory.desc(tw, memory.data_type.f32, memory.format_tag.oihw), eng,
                    flipped.data().addressPointer()); reorder r = new reorder(plain, weights)) {
                r.execute(strm, plain, weights);
                strm._wait();
            }
            java.lang.ref.Reference.reachabilityFence(flipped);
            memory gd = like(g, pd.src_desc());
            memory dx = owned.add(new memory(pd.dst_desc(), eng));
            step(new convolution_forward(pd), Map.of(DNNL_ARG_SRC, gd, DNNL_ARG_WEIGHTS, weights, DNNL_ARG_DST, dx));
            return dx;
        }

        private memory pool(TrunkUnit.Pool p, memory g) {
            pooling_backward.primitive_desc pd = new pooling_backward.primitive_desc(new pooling_backward.desc(p.algorithm(),
                    p.src().get_desc(), p.dst().get_desc(), p.strides(), p.kernel(), p.padding(), p.padding()), eng, p.pd());
            memory gd = like(g, pd.diff_dst_desc());
            memory dx = owned.add(new memory(pd.diff_src_desc(), eng));
            step(new pooling_backward(pd), p.workspace() == null ? Map.of(DNNL_ARG_DIFF_DST, gd, DNNL_ARG_DIFF_SRC, dx)
                    : Map.of(DNNL_ARG_DIFF_DST, gd, DNNL_ARG_DIFF_SRC, dx, DNNL_ARG_WORKSPACE, p.workspace()));
            return dx;
        }

        /** Adds {@code g} to {@code var}'s gradient; {@code g} then belongs to {@code var}. */
        private void contribute(String var, memory g) {
            memory have = diff.get(var);
            if (have == null) {
                diff.put(var, g);
                return;
            }
            memory add = like(g, have.get_desc());
            binary.primitive_desc pd = new binary.primitive_desc(
                    new binary.desc(algorithm.binary_add, have.get_desc(), have.get_desc(), have.get_desc()), eng);
            step(new binary(pd), Map.of(DNNL_ARG_SRC_0, have, DNNL_ARG_SRC_1, add, DNNL_ARG_DST, have));
        }

        private memory copy(memory g) {
            memory c = owned.add(new memory(g.get_desc(), eng));
            step(new reorder(g, c), Map.of(DNNL_ARG_FROM, g, DNNL_ARG_TO, c));
            return c;
        }

        private memory like(memory m, memory.desc want) {
            return plan.steps.like(m, want);
        }

        private void step(primitive p, Map<Integer, memory> args) {
            plan.steps.add(p, args);
        }
    }
}
