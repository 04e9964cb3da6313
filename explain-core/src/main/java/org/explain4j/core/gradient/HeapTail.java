package org.explain4j.core.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.explain4j.core.memory.HeapCopies;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Grad-CAM's weights through a small dense head, computed in double on the heap: the layers after the head's first
 * dense layer (x W, + b, ReLU), then the first layer folded into its channel sums ({@link DenseHead}'s
 * {@code channelSums}, [C, out]). For the seismic and MNIST nets (a 64- or 128-unit layer, a handful of classes) the
 * whole backward of 64 questions is about 150,000 multiply-adds, while the same steps in ND4J are some twenty calls a
 * batch whose fixed cost (an output array, its shape information, the call) made Grad-CAM's weights about a
 * millisecond a batch of 32 windows: a seismic section's 186 batches paid about 0.2 s of it (docs/BENCHMARKS.md,
 * seismic sections). The weights are read once, as {@code channelSums} is, so the head serves the weights the
 * engine was built with.
 */
final class HeapTail {

    /**
     * Questions times multiply-adds per question up to which the heap runs the tail: about the work of a dozen ND4J
     * calls. VGG16's tail (23 M multiply-adds a question) stays with BLAS.
     */
    static final long MAX_WORK = 1L << 21;

    private sealed interface Op permits Dense, Mask {
    }

    /** x W with W [in, out], kept transposed ([out, in] row-major) so that the backward's inner loop is a plain axpy. */
    private record Dense(double[] wT, int in, int out) implements Op {
    }

    /** A ReLU whose input is the head pass's input {@code step}, [N, width]. */
    private record Mask(int step, int width) implements Op {
    }

    private final List<Op> ops;
    /** The channel sums transposed, [width, C] row-major. */
    private final double[] sumsT;
    private final int channels;
    private final int width;
    private final long workPerQuestion;

    private HeapTail(List<Op> ops, double[] sumsT, int channels, int width) {
        this.ops = ops;
        this.sumsT = sumsT;
        this.channels = channels;
        this.width = width;
        long work = (long) channels * width;
        for (Op op : ops) {
            if (op instanceof Dense d) {
                work += (long) d.in() * d.out();
            }
        }
        this.workPerQuestion = work;
    }

    /** Collects the tail's steps in forward order; any step it cannot run makes {@link #build} give null. */
    static final class Builder {
        private final List<Op> ops = new ArrayList<>();
        private boolean runnable = true;

        void dense(INDArray w) {
            if (w.rank() != 2 || w.length() > MAX_WORK) {
                runnable = false;
                return;
            }
            ops.add(new Dense(HeapCopies.toDoubles(w.transpose()), (int) w.size(0), (int) w.size(1)));
        }

        void relu(int step, long width) {
            ops.add(new Mask(step, (int) width));
        }

        void unsupported() {
            runnable = false;
        }

        /** The tail ending in {@code channelSums} [C, out]; null when a step cannot run here or the layers are large. */
        HeapTail build(INDArray channelSums) {
            if (!runnable || channelSums == null || channelSums.length() > MAX_WORK) {
                return null;
            }
            return new HeapTail(List.copyOf(ops), HeapCopies.toDoubles(channelSums.transpose()), (int) channelSums.size(0), (int) channelSums.size(1));
        }
    }

    /** Whether {@code questions} questions are worth running here rather than through ND4J. */
    boolean suits(int questions) {
        return (long) questions * workPerQuestion <= MAX_WORK;
    }

    /**
     * The channel sums of dL/d(layer), [K, C] row-major, from dL/dz {@code g} [K, out] (row-major, consumed); question
     * k's ReLUs take sample {@code sampleOf[k]}'s row of {@code passInputs.apply(step)} ([N, width], row-major).
     */
    double[] channelSums(double[] g, int[] sampleOf, BackwardRule rule, IntFunction<double[]> passInputs) {
        int k = sampleOf.length;
        double[] cur = g;
        for (int i = ops.size() - 1; i >= 0; i--) {
            Op op = ops.get(i);
            if (op instanceof Dense d) {
                cur = times(cur, k, d.wT(), d.out(), d.in());
            } else if (op instanceof Mask m) {
                double[] x = passInputs.apply(m.step());
                for (int row = 0; row < k; row++) {
                    int from = sampleOf[row] * m.width();
                    for (int j = 0; j < m.width(); j++) {
                        cur[row * m.width() + j] = rule.relu(cur[row * m.width() + j], x[from + j]);
                    }
                }
            }
        }
        return times(cur, k, sumsT, width, channels);
    }

    /** a [k, inner] times b [inner, cols]: [k, cols], each row a sum of b's rows scaled by a's. */
    private static double[] times(double[] a, int k, double[] b, int inner, int cols) {
        double[] out = new double[k * cols];
        for (int r = 0; r < k; r++) {
            int o = r * cols;
            for (int j = 0; j < inner; j++) {
                double x = a[r * inner + j];
                int bj = j * cols;
                for (int i = 0; i < cols; i++) {
                    out[o + i] += x * b[bj + i];
                }
            }
        }
        return out;
    }
}
