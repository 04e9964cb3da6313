package org.explain4j.core.novelty.features;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What scores read of a batch's per-sample gradients at one site, without keeping the gradients: each sample's L2
 * norm {@code norms} [N] and its dot products with K reference gradients {@code dots} [N, K] (references flattened
 * in the site's own layout, as {@link GradientSite#perSample} flattens the gradients).
 */
public record GradientSummary(INDArray norms, INDArray dots) {

    /** The summary of gradients already laid out as rows [N, d]. */
    public static GradientSummary ofRows(INDArray rows, List<INDArray> references) {
        INDArray g = rows.reshape(rows.size(0), -1);
        if (references.isEmpty()) {
            return new GradientSummary(g.norm2(1), noDots(g.size(0), g.dataType()));
        }
        return new GradientSummary(g.norm2(1), g.mmul(referenceColumns(references, g.size(1), g)));
    }

    /**
     * The [N, 0] dots of a summary without references, made outside any workspace (ND4J's workspaces refuse empty
     * arrays).
     */
    static INDArray noDots(long n, DataType type) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.create(type, n, 0);
        }
    }

    /** The references as the columns of a [d, K] matrix in {@code like}'s data type. */
    static INDArray referenceColumns(List<INDArray> references, long d, INDArray like) {
        INDArray r = Nd4j.create(like.dataType(), d, references.size());
        for (int k = 0; k < references.size(); k++) {
            INDArray ref = references.get(k);
            if (ref.length() != d) {
                throw new IllegalArgumentException("a reference has " + ref.length() + " values, the gradient " + d);
            }
            r.getColumn(k).assign(ref.reshape(-1).castTo(like.dataType()));
        }
        return r;
    }
}
