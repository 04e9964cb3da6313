package org.explain4j.core.model.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.algorithm;
import static org.bytedeco.dnnl.global.dnnl.prop_kind;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each sample's weight gradient of a convolution window, reduced at once to its L2 norm and its dot products with
 * K references, by oneDNN: the gradient is the weight gradient of a convolution of {@code windowed} [N, A, H, W]
 * whose output gradient is {@code other} [N, B, oH, oW] (for a transposed convolution, windowed is the output
 * gradient and other the input), per sample = per group of a grouped convolution with the batch as its groups, so
 * oneDNN's backward-weights kernel computes all N gradients in one call, laid out [N, B, A, kh, kw]; the norms (squares
 * summed by a product with ones) and a matrix product with the references follow in the same pass.
 *
 * <p>Why: forming the same gradients through an im2col of the windowed factor and a batched product moved twice the
 * gradient's size through memory and ran GradCON's third decoder layer at a fifth of this speed (docs/NOVELTY.md).
 * Float only; one compiled pass per shape, kept by the instance; calls are serialised on it. Results are allocated like
 * any ND4J array, so inside the caller's workspace when one is open.
 */
public final class PerSampleWindowGradient {

    /** A convolution window: kernel, stride and zero padding on each side. */
    public record Window(long kh, long kw, long sh, long sw, long ph, long pw) {
    }

    /** Per sample, the gradient's norm [N] and its dots with the references [N, K]. */
    public record Summary(INDArray norms, INDArray dots) {
    }

    private record Pass(Steps steps, memory windowed, memory other, memory references, memory norms, memory dots) {
    }

    private final engine eng;
    private final stream strm;
    private final Owned owned = new Owned();
    private final Map<List<Long>, Pass> passes = new HashMap<>();

    private PerSampleWindowGradient(engine eng) {
        this.eng = eng;
        this.strm = owned.add(new stream(eng));
    }

    /** Empty when oneDNN is switched off or cannot load. */
    public static Optional<PerSampleWindowGradient> open() {
        engine e = OneDnnForward.engineIfOn();
        return e == null ? Optional.empty() : Optional.of(new PerSampleWindowGradient(e));
    }

    /**
     * @param references [K, B A kh kw] (each row a reference in the gradient's layout [B, A, kh, kw]), or null for none
     */
    public synchronized Summary summarise(INDArray windowed, INDArray other, Window w, INDArray references) {
        if (windowed.rank() != 4 || other.rank() != 4 || windowed.size(0) != other.size(0)
                || windowed.dataType() != DataType.FLOAT || other.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("need float [N, A, H, W] and [N, B, oH, oW], got " + java.util.Arrays.toString(windowed.shape())
                    + " " + windowed.dataType() + " and " + java.util.Arrays.toString(other.shape()) + " " + other.dataType());
        }
        long n = windowed.size(0);
        long a = windowed.size(1);
        long b = other.size(1);
        long d = b * a * w.kh() * w.kw();
        long k = references == null ? 0 : references.size(0);
        if (k > 0 && (references.rank() != 2 || references.size(1) != d || references.dataType() != DataType.FLOAT)) {
            throw new IllegalArgumentException("references must be float [K, " + d + "], got " + java.util.Arrays.toString(references.shape())
                    + " " + references.dataType());
        }
        if ((windowed.size(2) + 2 * w.ph() - w.kh()) / w.sh() + 1 != other.size(2)
                || (windowed.size(3) + 2 * w.pw() - w.kw()) / w.sw() + 1 != other.size(3)) {
            throw new IllegalArgumentException("the window does not take " + java.util.Arrays.toString(windowed.shape()) + " to "
                    + java.util.Arrays.toString(other.shape()));
        }
        List<Long> key = List.of(n, a, windowed.size(2), windowed.size(3), b, other.size(2), other.size(3), w.kh(), w.kw(), w.sh(), w.sw(),
                w.ph(), w.pw(), k);
        Pass pass = passes.computeIfAbsent(key, s -> compile(n, a, windowed.size(2), windowed.size(3), b, other.size(2), other.size(3), w, k));
        INDArray wd = BatchedMatmul.dense(windowed);
        INDArray od = BatchedMatmul.dense(other);
        INDArray rd = k == 0 ? null : BatchedMatmul.dense(references);
        INDArray norms = Nd4j.createUninitialized(DataType.FLOAT, n, 1);
        INDArray dots = k == 0 ? null : Nd4j.createUninitialized(DataType.FLOAT, n, k);
        pass.windowed().set_data_handle(wd.data().addressPointer());
        pass.other().set_data_handle(od.data().addressPointer());
        pass.norms().set_data_handle(norms.data().addressPointer());
        if (k > 0) {
            pass.references().set_data_handle(rd.data().addressPointer());
            pass.dots().set_data_handle(dots.data().addressPointer());
        }
        pass.steps().run(strm);
        java.lang.ref.Reference.reachabilityFence(wd);
        java.lang.ref.Reference.reachabilityFence(od);
        java.lang.ref.Reference.reachabilityFence(rd);
        return new Summary(norms.reshape(n), dots);
    }

    private Pass compile(long n, long a, long h, long wi, long b, long oh, long ow, Window w, long k) {
        memory.desc src = new memory.desc(new long[] {1, n * a, h, wi}, memory.data_type.f32, memory.format_tag.nchw);
        memory.desc diffDst = new memory.desc(new long[] {1, n * b, oh, ow}, memory.data_type.f32, memory.format_tag.nchw);
        long[] weights = {n, b, a, w.kh(), w.kw()};
        memory.desc grads = new memory.desc(weights, memory.data_type.f32, memory.format_tag.goihw);
        long[] strides = {w.sh(), w.sw()};
        long[] padding = {w.ph(), w.pw()};
        // "any" layouts let oneDNN pick its blocked kernels: with plain ones it ran three times slower
        memory.desc srcAny = TrunkPlan.any(1, n * a, h, wi);
        memory.desc dstAny = TrunkPlan.any(1, n * b, oh, ow);
        memory.desc wAny = TrunkPlan.any(weights);
        convolution_forward.primitive_desc hint = owned.add(new convolution_forward.primitive_desc(new convolution_forward.desc(
                prop_kind.forward_training, algorithm.convolution_direct, srcAny, wAny, dstAny, strides, padding, padding), eng));
        convolution_backward_weights.primitive_desc pd = owned.add(new convolution_backward_weights.primitive_desc(
                new convolution_backward_weights.desc(algorithm.convolution_direct, srcAny, wAny, dstAny, strides, padding, padding), eng, hint));
        Steps steps = new Steps(owned, eng);
        memory srcUser = owned.add(new memory(src, eng, new Pointer()));
        memory dstUser = owned.add(new memory(diffDst, eng, new Pointer()));
        memory gradsPlain = owned.add(new memory(grads, eng));
        memory gradsOut = pd.diff_weights_desc().equals(grads) ? gradsPlain : owned.add(new memory(pd.diff_weights_desc(), eng));
        steps.add(new convolution_backward_weights(pd), Map.of(DNNL_ARG_SRC, steps.like(srcUser, pd.src_desc()),
                DNNL_ARG_DIFF_DST, steps.like(dstUser, pd.diff_dst_desc()), DNNL_ARG_DIFF_WEIGHTS, gradsOut));
        steps.copy(gradsOut, gradsPlain);
        long d = b * a * w.kh() * w.kw();
        memory.desc rows = new memory.desc(new long[] {n, d}, memory.data_type.f32, memory.format_tag.ab);
        memory rowsMem = owned.add(new memory(rows, eng, gradsPlain.get_data_handle()));
        memory.desc normDesc = new memory.desc(new long[] {n, 1}, memory.data_type.f32, memory.format_tag.ab);
        memory normMem = owned.add(new memory(normDesc, eng, new Pointer()));
        // oneDNN 2.5's reduction primitive has only its reference kernel for this shape (ref:any; in a probe it took
        // longer than the rest of the pass): squares, a product with ones, and a square root instead
        eltwise_forward.primitive_desc square = owned.add(new eltwise_forward.primitive_desc(new eltwise_forward.desc(
                prop_kind.forward_inference, algorithm.eltwise_square, rows, 0f, 0f), eng));
        memory squares = owned.add(new memory(rows, eng));
        steps.add(new eltwise_forward(square), Map.of(DNNL_ARG_SRC, rowsMem, DNNL_ARG_DST, squares));
        memory.desc onesDesc = new memory.desc(new long[] {d, 1}, memory.data_type.f32, memory.format_tag.ab);
        memory ones = owned.add(new memory(onesDesc, eng));
        FloatPointer fill = new FloatPointer(ones.get_data_handle());
        for (long i = 0; i < d; i++) {
            fill.put(i, 1f);
        }
        matmul.primitive_desc sum = owned.add(new matmul.primitive_desc(new matmul.desc(rows, onesDesc, normDesc), eng));
        steps.add(new matmul(sum), Map.of(DNNL_ARG_SRC, squares, DNNL_ARG_WEIGHTS, ones, DNNL_ARG_DST, normMem));
        eltwise_forward.primitive_desc root = owned.add(new eltwise_forward.primitive_desc(new eltwise_forward.desc(
                prop_kind.forward_inference, algorithm.eltwise_sqrt, normDesc, 0f, 0f), eng));
        steps.add(new eltwise_forward(root), Map.of(DNNL_ARG_SRC, normMem, DNNL_ARG_DST, normMem));
        memory refMem = null;
        memory dotMem = null;
        if (k > 0) {
            // the references' [K, d] storage read as the [d, K] right-hand side
            memory.desc refDesc = new memory.desc(new long[] {d, k}, memory.data_type.f32, memory.format_tag.ba);
            memory.desc dotDesc = new memory.desc(new long[] {n, k}, memory.data_type.f32, memory.format_tag.ab);
            refMem = owned.add(new memory(refDesc, eng, new Pointer()));
            dotMem = owned.add(new memory(dotDesc, eng, new Pointer()));
            matmul.primitive_desc mm = owned.add(new matmul.primitive_desc(new matmul.desc(rows, refDesc, dotDesc), eng));
            steps.add(new matmul(mm), Map.of(DNNL_ARG_SRC, rowsMem, DNNL_ARG_WEIGHTS, refMem, DNNL_ARG_DST, dotMem));
        }
        return new Pass(steps, srcUser, dstUser, refMem, normMem, dotMem);
    }
}
