package org.explain4j.core.model.onednn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
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
 * A trunk compiled into oneDNN primitives for one batch size and one set of wanted activations.
 *
 * <p>Why it is fast where SameDiff M2.1 is not: each primitive is created once, the weights are reordered once into
 * the blocked layout the kernels use, activations stay in that layout from one convolution to the next, and a ReLU or
 * a residual addition that only feeds on a convolution's output runs inside that convolution (oneDNN post-ops). Only
 * the wanted activations are copied back into plain NCHW arrays. Not thread-safe: the owner serialises runs.
 */
final class TrunkPlan implements AutoCloseable {

    private final Owned owned;
    private final String inputName;
    private final engine engine;
    private final stream stream;
    private final memory input;
    private final Steps steps;
    /** What the steps compute, in their order, for the backward. */
    private final List<TrunkUnit> units = new ArrayList<>();
    private final Map<String, memory> values = new HashMap<>();
    private final Map<ReluGradient, TrunkBackward> backwards = new java.util.EnumMap<>(ReluGradient.class);
    private final Map<String, memory> outputs = new LinkedHashMap<>();
    private final Map<String, WeightSample> weights = new HashMap<>();

    private TrunkPlan(String inputName, engine engine, stream stream, memory input, Owned owned) {
        this.owned = owned;
        this.steps = new Steps(owned, engine);
        this.inputName = inputName;
        this.engine = engine;
        this.stream = stream;
        this.input = input;
    }

    /** Compiles the part of {@code trunk} that {@code wanted} (trunk variables) needs, for inputs [batch, C, H, W]. */
    static TrunkPlan compile(Trunk trunk, Function<String, INDArray> arrays, long[] inputDims, Set<String> wanted, engine eng,
                             stream strm) {
        return compile(trunk, arrays, inputDims, wanted, false, eng, strm);
    }

    /**
     * {@link #compile(Trunk, Function, long[], Set, engine, stream)} in training mode when {@code training} is set: max
     * pools keep where their maxima were, so that {@link #inputGradient} can run the backward.
     */
    static TrunkPlan compile(Trunk trunk, Function<String, INDArray> arrays, long[] inputDims, Set<String> wanted,
                             boolean training, engine eng, stream strm) {
        Owned owned = new Owned();
        memory in = owned.add(new memory(plain(inputDims), eng, new Pointer()));
        TrunkPlan plan = new TrunkPlan(trunk.input(), eng, strm, in, owned);
        try {
            new Builder(trunk, arrays, wanted, training, eng, strm, plan).build(in);
        } catch (RuntimeException e) {
            plan.close();
            throw e;
        }
        return plan;
    }

    /**
     * Whether the graph now holds other weights than the plan copied: other arrays under their names, or the same arrays
     * changed in place (SameDiff's {@code setArray} assigns into a variable's array). In-place changes are caught by
     * {@link WeightSample}s, a few hundred values per array, because reading every weight on every pass would cost a
     * noticeable part of a ResNet's forward.
     */
    boolean stale(Function<String, INDArray> arrays) {
        return weights.entrySet().stream().anyMatch(e -> !e.getValue().matches(arrays.apply(e.getKey())));
    }

    /** One forward pass of {@code x} [batch, C, H, W] (float); returns the wanted activations as fresh NCHW arrays. */
    Map<String, INDArray> run(INDArray x) {
        INDArray in = x.dataType() == DataType.FLOAT && !x.isView() && x.ordering() == 'c' ? x : x.castTo(DataType.FLOAT).dup('c');
        input.set_data_handle(in.data().addressPointer());
        Map<String, INDArray> result = new LinkedHashMap<>();
        for (Map.Entry<String, memory> o : outputs.entrySet()) {
            LongPointer d = o.getValue().get_desc().dims();
            INDArray arr = Nd4j.createUninitializedDetached(DataType.FLOAT, d.get(0), d.get(1), d.get(2), d.get(3));
            o.getValue().set_data_handle(arr.data().addressPointer());
            result.put(o.getKey(), arr);
        }
        steps.run(stream);
        // The input's buffer must outlive the kernels that read it.
        java.lang.ref.Reference.reachabilityFence(in);
        return result;
    }

    /**
     * The gradient at the input of a scalar per row whose gradient at the trunk activation {@code cut} is what
     * {@code atCut} returns for that activation ([batch, C, H, W] in, the same shape out): one forward pass of {@code x},
     * then oneDNN's backward of every convolution (data only, no weight gradient), ReLU (by {@code rule}), residual sum
     * and pool from {@code cut} down to the input. Needs a plan compiled in training mode with {@code cut} wanted.
     */
    INDArray inputGradient(INDArray x, String cut, ReluGradient rule, java.util.function.UnaryOperator<INDArray> atCut) {
        TrunkBackward backward = backwards.computeIfAbsent(rule, r -> TrunkBackward.compile(units, values, inputName,
                values.get(inputName) == null ? input : values.get(inputName), cut, r, engine, stream));
        INDArray activation = run(x).get(cut);
        INDArray g = atCut.apply(activation);
        return backward.run(g);
    }

    /** Frees the plan's native memory now; the plan must not run again. */
    @Override
    public void close() {
        backwards.values().forEach(TrunkBackward::close);
        backwards.clear();
        owned.close();
    }

    static memory.desc plain(long[] dims) {
        return new memory.desc(dims, memory.data_type.f32, memory.format_tag.nchw);
    }

    static memory.desc nhwc(long[] dims) {
        return new memory.desc(dims, memory.data_type.f32, memory.format_tag.nhwc);
    }

    /** Whether oneDNN chose its reference (plain C++ loop) implementation: for a layout asked for, a sign to ask for another. */
    static boolean isReference(org.bytedeco.dnnl.primitive_desc_base pd) {
        return pd.impl_info_str().getString().startsWith("ref");
    }

    static memory.desc any(long... dims) {
        return new memory.desc(dims, memory.data_type.f32, memory.format_tag.any);
    }

    static long[] dims(memory m) {
        LongPointer p = m.get_desc().dims();
        return new long[] {p.get(0), p.get(1), p.get(2), p.get(3)};
    }

    /** Decides the fusions, then emits primitives in the trunk's order. */
    private static final class Builder {
        private final Trunk trunk;
        private final Function<String, INDArray> arrays;
        private final Set<String> wanted;
        private final boolean training;
        private final prop_kind prop;
        private final engine eng;
        private final stream strm;
        private final TrunkPlan plan;
        private final Owned owned;
        private final Map<String, memory> values = new HashMap<>();
        /** A convolution whose output only feeds one addition: it runs as that addition, summing into a copy of the other operand. */
        private final Map<String, TrunkOp.Conv> convOfAdd = new HashMap<>();
        /** A convolution or addition whose output only feeds one ReLU: the ReLU runs inside it. */
        private final Map<String, TrunkOp.Relu> reluAfter = new HashMap<>();
        private final Set<TrunkOp> absorbed = new HashSet<>();

        Builder(Trunk trunk, Function<String, INDArray> arrays, Set<String> wanted, boolean training, engine eng, stream strm,
                TrunkPlan plan) {
            this.trunk = trunk;
            this.arrays = arrays;
            this.training = training;
            this.prop = training ? prop_kind.forward_training : prop_kind.forward_inference;
            this.owned = plan.owned;
            this.wanted = wanted;
            this.eng = eng;
            this.strm = strm;
            this.plan = plan;
        }

        void build(memory in) {
            values.put(trunk.input(), in);
            List<TrunkOp> needed = needed();
            Map<String, TrunkOp> producer = new HashMap<>();
            needed.forEach(o -> producer.put(o.out(), o));
            for (TrunkOp o : needed) {
                if (o instanceof TrunkOp.Add add) {
                    TrunkOp.Conv c = fusable(producer.get(add.b()), add) ? (TrunkOp.Conv) producer.get(add.b())
                            : fusable(producer.get(add.a()), add) ? (TrunkOp.Conv) producer.get(add.a()) : null;
                    if (c != null && !add.a().equals(add.b())) {
                        convOfAdd.put(add.out(), c);
                        absorbed.add(c);
                    }
                }
            }
            for (TrunkOp o : needed) {
                if (o instanceof TrunkOp.Relu relu) {
                    TrunkOp p = producer.get(relu.in());
                    boolean fusedProducer = (p instanceof TrunkOp.Conv && !absorbed.contains(p))
                            || (p instanceof TrunkOp.Add a && convOfAdd.containsKey(a.out()));
                    if (fusedProducer && single(relu.in())) {
                        reluAfter.put(relu.in(), relu);
                        absorbed.add(relu);
                    }
                }
            }
            for (TrunkOp o : needed) {
                if (!absorbed.contains(o)) {
                    emit(o);
                }
            }
            plan.values.putAll(values);
            for (String w : wanted) {
                memory internal = values.get(w);
                memory user = owned.add(new memory(plain(dims(internal)), eng, new Pointer()));
                plan.outputs.put(w, user);
                step(new reorder(internal, user), Map.of(DNNL_ARG_FROM, internal, DNNL_ARG_TO, user));
            }
        }

        /** The trunk's ops that the wanted activations depend on, in trunk order. */
        private List<TrunkOp> needed() {
            Map<String, TrunkOp> producer = new HashMap<>();
            trunk.ops().forEach(o -> producer.put(o.out(), o));
            Set<String> need = new HashSet<>();
            List<String> stack = new ArrayList<>(wanted);
            while (!stack.isEmpty()) {
                String v = stack.remove(stack.size() - 1);
                TrunkOp p = producer.get(v);
                if (p != null && need.add(v)) {
                    stack.addAll(p.ins());
                }
            }
            return trunk.ops().stream().filter(o -> need.contains(o.out())).toList();
        }

        private boolean fusable(TrunkOp p, TrunkOp.Add add) {
            return p instanceof TrunkOp.Conv c && single(c.out()) && !absorbed.contains(c);
        }

        /** Read by one operation of the whole graph and not wanted: no one else sees it. */
        private boolean single(String v) {
            return trunk.consumers().getOrDefault(v, 0) == 1 && !wanted.contains(v);
        }

        private void emit(TrunkOp o) {
            if (o instanceof TrunkOp.Conv c) {
                TrunkOp.Relu r = reluAfter.get(c.out());
                conv(c, null, r == null ? c.out() : r.out(), r != null);
            } else if (o instanceof TrunkOp.Add a && convOfAdd.containsKey(a.out())) {
                TrunkOp.Conv c = convOfAdd.get(a.out());
                String other = c.out().equals(a.b()) ? a.a() : a.b();
                TrunkOp.Relu r = reluAfter.get(a.out());
                conv(c, other, r == null ? a.out() : r.out(), r != null);
            } else if (o instanceof TrunkOp.Add a) {
                values.put(a.out(), add(values.get(a.a()), values.get(a.b())));
                plan.units.add(new TrunkUnit.Add(a.a(), a.b(), a.out()));
            } else if (o instanceof TrunkOp.Relu r) {
                memory y = relu(values.get(r.in()));
                values.put(r.out(), y);
                plan.units.add(new TrunkUnit.Relu(r.in(), r.out(), y));
            } else if (o instanceof TrunkOp.Pool p) {
                pool(p);
            }
        }

        /** The convolution {@code c}, plus {@code residual}'s value when named and a ReLU when asked, into {@code out}. */
        private void conv(TrunkOp.Conv c, String residualVar, String out, boolean relu) {
            memory residual = residualVar == null ? null : values.get(residualVar);
            memory src = values.get(c.in());
            long[] s = dims(src);
            INDArray kernel = arrays.apply(c.weights());
            INDArray biasValues = c.bias() == null ? null : arrays.apply(c.bias());
            long o = kernel.size(3);
            long kH = kernel.size(0);
            long kW = kernel.size(1);
            if (kernel.size(2) != s[1] || (biasValues != null && biasValues.length() != o)) {
                throw new IllegalStateException("convolution '" + c.out() + "' does not fit its input");
            }
            long oh = (s[2] + 2 * c.pH() - kH) / c.sH() + 1;
            long ow = (s[3] + 2 * c.pW() - kW) / c.sW() + 1;
            memory.desc biasDesc = new memory.desc(new long[] {o}, memory.data_type.f32, memory.format_tag.x);
            long[] outDims = {s[0], o, oh, ow};
            post_ops ops = new post_ops();
            if (residual != null) {
                ops.append_sum(1f, memory.data_type.f32);
            }
            if (relu) {
                ops.append_eltwise(1f, algorithm.eltwise_relu, 0f, 0f);
            }
            primitive_attr attr = new primitive_attr();
            attr.set_post_ops(ops);
            // Training plans ask for NHWC: left to choose, oneDNN 2.5 gives a training convolution 16-channel blocks and its
            // older kernels; NHWC gets the brgemm kernels an inference plan chooses by itself (docs/METHODS.md §1.9).
            java.util.function.BiFunction<memory.desc, memory.desc, convolution_forward.primitive_desc> convolution =
                    (srcDesc, dstDesc) -> new convolution_forward.primitive_desc(new convolution_forward.desc(prop,
                            algorithm.convolution_direct, srcDesc, any(o, s[1], kH, kW), biasDesc, dstDesc, new long[] {c.sH(), c.sW()},
                            new long[] {c.pH(), c.pW()}, new long[] {c.pH(), c.pW()}), attr, eng);
            convolution_forward.primitive_desc pd = null;
            if (training) {
                try {
                    pd = convolution.apply(nhwc(s), nhwc(outDims));
                } catch (RuntimeException e) {
                    pd = null;   // no implementation for this layout: oneDNN's own choice below
                }
                if (pd != null && isReference(pd)) {
                    pd.close();
                    pd = null;
                }
            }
            if (pd == null) {
                pd = convolution.apply(any(s), any(outDims));
            }

            INDArray w = kernel.castTo(DataType.FLOAT).dup('c');
            memory wUser = owned.add(new memory(new memory.desc(new long[] {o, s[1], kH, kW}, memory.data_type.f32, memory.format_tag.hwio),
                    eng, w.data().addressPointer()));
            memory weights = owned.add(new memory(pd.weights_desc(), eng));
            owned.add(new reorder(wUser, weights)).execute(strm, wUser, weights);
            strm._wait();
            java.lang.ref.Reference.reachabilityFence(w);
            plan.weights.put(c.weights(), WeightSample.of(kernel));
            memory bias = owned.add(new memory(biasDesc, eng));
            float[] b = new float[(int) o];
            if (biasValues != null) {
                plan.weights.put(c.bias(), WeightSample.of(biasValues));
                b = biasValues.castTo(DataType.FLOAT).reshape(o).toFloatVector();
            }
            new FloatPointer(bias.get_data_handle()).put(b);

            memory dst = owned.add(new memory(pd.dst_desc(), eng));
            if (residual != null) {
                step(new reorder(residual, dst), Map.of(DNNL_ARG_FROM, residual, DNNL_ARG_TO, dst));
            }
            memory in = like(src, pd.src_desc());
            step(new convolution_forward(pd), Map.of(DNNL_ARG_SRC, in, DNNL_ARG_WEIGHTS, weights, DNNL_ARG_BIAS, bias, DNNL_ARG_DST, dst));
            values.put(out, dst);
            plan.units.add(new TrunkUnit.Conv(c.in(), residualVar, relu, out, pd, weights, dst, new long[] {c.sH(), c.sW()},
                    new long[] {c.pH(), c.pW()}));
        }

        private memory add(memory a, memory b) {
            memory b2 = like(b, a.get_desc());
            binary.primitive_desc pd = new binary.primitive_desc(
                    new binary.desc(algorithm.binary_add, a.get_desc(), a.get_desc(), a.get_desc()), eng);
            memory dst = owned.add(new memory(pd.dst_desc(), eng));
            step(new binary(pd), Map.of(DNNL_ARG_SRC_0, a, DNNL_ARG_SRC_1, b2, DNNL_ARG_DST, dst));
            return dst;
        }

        private memory relu(memory x) {
            eltwise_forward.primitive_desc pd = new eltwise_forward.primitive_desc(
                    new eltwise_forward.desc(prop, algorithm.eltwise_relu, x.get_desc(), 0f, 0f), eng);
            memory dst = owned.add(new memory(pd.dst_desc(), eng));
            step(new eltwise_forward(pd), Map.of(DNNL_ARG_SRC, x, DNNL_ARG_DST, dst));
            return dst;
        }

        private void pool(TrunkOp.Pool p) {
            memory x = values.get(p.in());
            long[] s = dims(x);
            long oh = (s[2] + 2 * p.pH() - p.kH()) / p.sH() + 1;
            long ow = (s[3] + 2 * p.pW() - p.kW()) / p.sW() + 1;
            algorithm alg = p.max() ? algorithm.pooling_max
                    : p.excludePadding() ? algorithm.pooling_avg_exclude_padding : algorithm.pooling_avg_include_padding;
            pooling_forward.primitive_desc pd = new pooling_forward.primitive_desc(new pooling_forward.desc(
                    prop, alg, x.get_desc(), any(s[0], s[1], oh, ow), new long[] {p.sH(), p.sW()},
                    new long[] {p.kH(), p.kW()}, new long[] {p.pH(), p.pW()}, new long[] {p.pH(), p.pW()}), eng);
            memory dst = owned.add(new memory(pd.dst_desc(), eng));
            // A training-mode max pool records where each maximum was: its backward sends the gradient there.
            memory workspace = p.max() && training ? owned.add(new memory(pd.workspace_desc(), eng)) : null;
            step(new pooling_forward(pd), workspace == null ? Map.of(DNNL_ARG_SRC, x, DNNL_ARG_DST, dst)
                    : Map.of(DNNL_ARG_SRC, x, DNNL_ARG_DST, dst, DNNL_ARG_WORKSPACE, workspace));
            values.put(p.out(), dst);
            plan.units.add(new TrunkUnit.Pool(p.in(), p.out(), alg, pd, x, dst, workspace, new long[] {p.sH(), p.sW()},
                    new long[] {p.kH(), p.kW()}, new long[] {p.pH(), p.pW()}));
        }

        private memory like(memory m, memory.desc want) {
            return plan.steps.like(m, want);
        }

        private void step(primitive p, Map<Integer, memory> args) {
            plan.steps.add(p, args);
        }
    }
}
