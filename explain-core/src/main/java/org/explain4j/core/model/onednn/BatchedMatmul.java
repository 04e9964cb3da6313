package org.explain4j.core.model.onednn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.matmul;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

/**
 * Batched float products a[i] b[i]^T ([N, M, K] x [N, P, K] -> [N, M, P]) by oneDNN's matmul primitive, whose brgemm
 * kernels run GradCON's largest per-sample gradient product ([64, 512, 64] x [64, 32, 64]) in about a tenth of libnd4j's
 * batched matmul time (docs/NOVELTY.md). One primitive per shape, kept by the instance; calls are serialised on it. The
 * result is allocated like any ND4J array, so inside the caller's workspace when one is open.
 */
public final class BatchedMatmul {

    /** One shape's product: the memories whose data handles each call points at the operands and the result. */
    private record Prim(Steps steps, memory a, memory b, memory c) {
    }

    private final engine eng;
    private final stream strm;
    private final Owned owned = new Owned();
    private final Map<List<Long>, Prim> prims = new HashMap<>();

    private BatchedMatmul(engine eng) {
        this.eng = eng;
        this.strm = owned.add(new stream(eng));
    }

    /** Empty when oneDNN is switched off or cannot load (then use ND4J's product). */
    public static Optional<BatchedMatmul> open() {
        engine e = OneDnnForward.engineIfOn();
        return e == null ? Optional.empty() : Optional.of(new BatchedMatmul(e));
    }

    /** a [N, M, K], b [N, P, K] -> a new [N, M, P]; both float. */
    public synchronized INDArray timesTransposed(INDArray a, INDArray b) {
        if (a.rank() != 3 || b.rank() != 3 || a.size(0) != b.size(0) || a.size(2) != b.size(2)
                || a.dataType() != DataType.FLOAT || b.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("need float [N, M, K] and [N, P, K], got " + java.util.Arrays.toString(a.shape())
                    + " " + a.dataType() + " and " + java.util.Arrays.toString(b.shape()) + " " + b.dataType());
        }
        long n = a.size(0);
        long m = a.size(1);
        long k = a.size(2);
        long p = b.size(1);
        Prim prim = prims.computeIfAbsent(List.of(n, m, k, p), s -> compile(n, m, k, p));
        return run(prim, dense(a), dense(b), n, m, p);
    }

    /** a [N, K, M] -> a new [N, M, M], a[i]^T a[i] (Gram matrices over the last axis); float. */
    public synchronized INDArray gram(INDArray a) {
        if (a.rank() != 3 || a.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("need a float [N, K, M], got " + java.util.Arrays.toString(a.shape()) + " " + a.dataType());
        }
        long n = a.size(0);
        long k = a.size(1);
        long m = a.size(2);
        Prim prim = prims.computeIfAbsent(List.of(-1L, n, k, m), s -> compile(n, m, k, m, memory.format_tag.acb, memory.format_tag.abc));
        INDArray ac = dense(a);
        return run(prim, ac, ac, n, m, m);
    }

    /** Runs {@code prim} on dense {@code a} and {@code b} into a new [n, m, p] array. */
    private INDArray run(Prim prim, INDArray a, INDArray b, long n, long m, long p) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, n, m, p);
        prim.a().set_data_handle(start(a));
        prim.b().set_data_handle(start(b));
        prim.c().set_data_handle(start(out));
        prim.steps().run(strm);
        java.lang.ref.Reference.reachabilityFence(a);
        java.lang.ref.Reference.reachabilityFence(b);
        return out;
    }

    private Prim compile(long n, long m, long k, long p) {
        return compile(n, m, k, p, memory.format_tag.abc, memory.format_tag.acb);
    }

    /** [N, M, K] x [N, K, P] with each operand read from storage laid out by its tag (acb: the last two axes swapped). */
    private Prim compile(long n, long m, long k, long p, memory.format_tag aTag, memory.format_tag bTag) {
        memory.desc ad = new memory.desc(new long[] {n, m, k}, memory.data_type.f32, aTag);
        // b read as [N, K, P] from its [N, P, K] storage: dimensions a, b, c laid out in the order a, c, b
        memory.desc bd = new memory.desc(new long[] {n, k, p}, memory.data_type.f32, bTag);
        memory.desc cd = new memory.desc(new long[] {n, m, p}, memory.data_type.f32, memory.format_tag.abc);
        matmul.primitive_desc pd = owned.add(new matmul.primitive_desc(new matmul.desc(ad, bd, cd), eng));
        memory am = owned.add(new memory(ad, eng, new Pointer()));
        memory bm = owned.add(new memory(bd, eng, new Pointer()));
        memory cm = owned.add(new memory(cd, eng, new Pointer()));
        Steps steps = new Steps(owned, eng);
        steps.add(new matmul(pd), Map.of(DNNL_ARG_SRC, am, DNNL_ARG_WEIGHTS, bm, DNNL_ARG_DST, cm));
        return new Prim(steps, am, bm, cm);
    }

    /** The array itself when its values lie densely in C order (a reshaped view may), else a C-order copy. */
    static INDArray dense(INDArray x) {
        return x.ordering() == 'c' && Shape.hasDefaultStridesForShape(x) ? x : x.dup('c');
    }

    /** Where the array's first value lies: ND4J's buffer of a view already starts at the view's offset. */
    private static Pointer start(INDArray x) {
        return x.data().addressPointer();
    }
}
