package org.explain4j.core.cam;

import org.explain4j.core.gradient.BatchRows;
import org.explain4j.core.memory.HeapCopies;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Grad-CAM's reduction (docs/METHODS.md §1.4): alpha_k = spatial mean of dL/dA_k (no ReLU, no sign
 * change), raw map = sum_k alpha_k A_k, signed, at the layer's resolution.
 */
public final class GradCam {

    private GradCam() {
    }

    /** [N,C,H,W] gradients -> [N,C] weights. */
    public static INDArray weights(INDArray gradients) {
        requireRank4(gradients, "gradients");
        return gradients.mean(2, 3);
    }

    /** Elements up to which the K questions' activations are gathered into one array (64 Mi, 256 MB of floats). */
    private static final long GATHER_LIMIT = 1L << 26;

    /** [N,C,H,W] activations and [N,C] weights -> [N,H,W] signed maps. */
    public static INDArray rawMaps(INDArray activations, INDArray weights) {
        int[] identity = new int[(int) activations.size(0)];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
        return rawMaps(activations, identity, weights);
    }

    /**
     * [N,C,H,W] activations of N samples, K questions (question k about sample {@code sampleOf[k]}) and
     * their [K,C] weights -> [K,H,W] signed maps. The questions about one sample are one GEMM
     * ([k,C] x [C,HW]), so K contrasts never copy the activation K times.
     */
    public static INDArray rawMaps(INDArray activations, int[] sampleOf, INDArray weights) {
        requireRank4(activations, "activations");
        long c = activations.size(1);
        long h = activations.size(2);
        long w = activations.size(3);
        int k = sampleOf.length;
        if (weights.rank() != 2 || weights.size(0) != k || weights.size(1) != c) {
            throw new IllegalArgumentException("need [" + k + "," + c + "] weights, got " + java.util.Arrays.toString(weights.shape()));
        }
        if (java.util.Arrays.stream(sampleOf).distinct().count() == 1) {
            return Nd4j.gemm(weights.castTo(activations.dataType()), activations.slice(sampleOf[0]).reshape(c, h * w), false, false).reshape(k, h, w);
        }
        if (c <= HEAP_CHANNELS && (long) k * c * h * w <= HEAP_WORK && HeapCopies.denseFloats(activations) != null) {
            return onHeap(activations, sampleOf, weights);
        }
        int q = questionsPerSample(sampleOf);
        if (q > 0) {
            // Every sample asks the same number of questions, one after another (a sliding window, a folder run): one
            // batched product [S, q, C] x [S, C, HW], no copy of the activations when the samples are the batch in order.
            int[] samples = new int[k / q];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = sampleOf[i * q];
            }
            INDArray a = isBatchInOrder(samples, activations.size(0)) ? activations : BatchRows.of(activations, samples);
            INDArray wq = weights.castTo(a.dataType()).reshape(samples.length, q, c);
            return Nd4j.matmul(wq, a.reshape(samples.length, c, h * w)).reshape(k, h, w);
        }
        if ((long) k * c * h * w <= GATHER_LIMIT) {
            // Few questions per sample (a folder run, a sliding window): one gather and one broadcast
            // product instead of a GEMM per sample, whose per-call cost dominates for small maps.
            INDArray a = BatchRows.of(activations, sampleOf).reshape(k, c, h * w);
            INDArray weighted = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp(
                    a, weights.castTo(a.dataType()), a, 0, 1));
            return weighted.sum(1).reshape(k, h, w);
        }
        INDArray out = Nd4j.create(activations.dataType(), k, h * w);
        java.util.Map<Integer, java.util.List<Integer>> bySample = new java.util.LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            bySample.computeIfAbsent(sampleOf[i], s -> new java.util.ArrayList<>()).add(i);
        }
        for (java.util.Map.Entry<Integer, java.util.List<Integer>> e : bySample.entrySet()) {
            int[] rows = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            INDArray a = activations.slice(e.getKey()).reshape(c, h * w);
            INDArray maps = Nd4j.gemm(BatchRows.of(weights, rows).castTo(a.dataType()), a, false, false);
            for (int r = 0; r < rows.length; r++) {
                out.putRow(rows[r], maps.getRow(r));
            }
        }
        return out.reshape(k, h, w);
    }

    /**
     * Multiply-adds up to which a float batch's maps may be summed on the heap ({@link #onHeap}): a section's batch of
     * 32 windows with two questions each is 1.2 million, where libnd4j's batched product of 32 small GEMMs spends most
     * of its time on per-product overhead. Larger products, such as 1,000 contrasts about one image, stay with BLAS.
     */
    static final long HEAP_WORK = 1L << 23;

    /**
     * Channels up to which the heap route is taken: timed per shape against ND4J's products after warm-up
     * (scripts/ProfileGradCamMaps.java), it took about half their time with 32 to 128 channels (a section's windows,
     * small CNNs) and gained nothing with 512 (VGG16, ResNet), which stay with ND4J.
     */
    static final int HEAP_CHANNELS = 128;

    /**
     * The maps of {@link #rawMaps} as sums of the sample's channels scaled by the weights, in float, on the heap: each
     * sample's channels are read once into rows of their own, and every question about it adds them up in a row of its
     * own. Whole rows at offset zero are what HotSpot 17 vectorises: the same sums at offsets into two shared arrays,
     * which might alias for all it knows, ran about five times slower. A question's map depends on its sample alone,
     * not on the rest of the batch.
     */
    private static INDArray onHeap(INDArray activations, int[] sampleOf, INDArray weights) {
        int c = (int) activations.size(1);
        int hw = (int) (activations.size(2) * activations.size(3));
        int k = sampleOf.length;
        float[] wk = HeapCopies.toHeap(weights, null);
        java.nio.FloatBuffer a = HeapCopies.denseFloats(activations);
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> sampleOf[i]));
        float[][] channels = new float[c][hw];
        float[] map = new float[hw];
        float[] out = new float[k * hw];
        int read = -1;
        for (int q : order) {
            if (sampleOf[q] != read) {
                read = sampleOf[q];
                for (int ch = 0; ch < c; ch++) {
                    a.get((read * c + ch) * hw, channels[ch], 0, hw);
                }
            }
            java.util.Arrays.fill(map, 0f);
            for (int ch = 0; ch < c; ch++) {
                addScaled(map, wk[q * c + ch], channels[ch]);
            }
            System.arraycopy(map, 0, out, q * hw, hw);
        }
        java.lang.ref.Reference.reachabilityFence(activations);
        return HeapCopies.floats(out, k, activations.size(2), activations.size(3));
    }

    private static void addScaled(float[] into, float factor, float[] row) {
        for (int i = 0; i < into.length; i++) {
            into[i] += factor * row[i];
        }
    }

    /**
     * q when {@code sampleOf} is runs of q equal entries, each run a different sample (sample s's questions together);
     * 0 otherwise.
     */
    static int questionsPerSample(int[] sampleOf) {
        int q = 1;
        while (q < sampleOf.length && sampleOf[q] == sampleOf[0]) {
            q++;
        }
        if (sampleOf.length % q != 0) {
            return 0;
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < sampleOf.length; i += q) {
            if (!seen.add(sampleOf[i])) {
                return 0;
            }
            for (int j = 1; j < q; j++) {
                if (sampleOf[i + j] != sampleOf[i]) {
                    return 0;
                }
            }
        }
        return q;
    }

    private static boolean isBatchInOrder(int[] samples, long batch) {
        if (samples.length != batch) {
            return false;
        }
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static void requireRank4(INDArray x, String what) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("Grad-CAM needs " + what + " shaped [N,C,H,W], got rank " + x.rank());
        }
    }
}
