package org.explain4j.core.saliency.implicit;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The statistic that turns one sample's K pseudo maps m_k into its implicit saliency map, from running sums
 * (so K = 999 labels never sit in memory at once): {@link #MEAN} (1/K) sum m_k; {@link #PROBABILITY_WEIGHTED}
 * sum p_k m_k / sum p_k, p_k the network's probability of label k (plausible alternatives count more);
 * {@link #VARIANCE} (1/K) sum m_k^2 - mean^2, high where the labels disagree about the evidence.
 */
public enum Combination {

    MEAN("mean"),
    PROBABILITY_WEIGHTED("weighted"),
    VARIANCE("variance");

    private final String id;

    Combination(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * [A, P] maps of A samples from the sums over their labels: {@code sum} of m_k, {@code weighted} of p_k m_k,
     * {@code squares} of m_k^2 (each [A, P]), {@code counts} K per sample and {@code weightTotals} sum p_k ([A, 1]).
     */
    INDArray combine(INDArray sum, INDArray weighted, INDArray squares, INDArray counts, INDArray weightTotals) {
        return switch (this) {
            case MEAN -> sum.divColumnVector(counts);
            case PROBABILITY_WEIGHTED -> weighted.divColumnVector(Transforms.max(weightTotals, 1e-30, true));
            case VARIANCE -> {
                INDArray mean = sum.divColumnVector(counts);
                // Rounding can leave a tiny negative variance where every label agrees.
                yield Transforms.relu(squares.divColumnVector(counts).subi(mean.mul(mean)), false);
            }
        };
    }

    public static Combination parse(String text) {
        for (Combination c : values()) {
            if (c.id.equals(text)) {
                return c;
            }
        }
        throw new IllegalArgumentException("combination: give mean, weighted or variance, not '" + text + "'");
    }
}
