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

    /**
     * K references laid out once for a site's summaries, which read them every batch: {@code rows} [K, d] in the layout
     * the site's formed gradients take, and {@code stacked}, the layout a weight site's dots without formed gradients
     * multiply (a window site's references as one convolution's output channels [kh, kw, A, K B], a dense site's side
     * by side [I, K O]; null for an activation site) and {@code grouped}, a window site's references as rows [K, B A kh kw]
     * in the layout oneDNN's per-sample gradients take ({@link TransposedProduct#windowSummary}; null elsewhere). All null
     * when there are no references.
     */
    public record References(int count, INDArray rows, INDArray stacked, INDArray grouped) {

        public References(int count, INDArray rows, INDArray stacked) {
            this(count, rows, stacked, null);
        }

        /** References flattened as the rows of a [K, d] matrix of {@code type}. */
        public static References rows(List<INDArray> references, DataType type) {
            if (references.isEmpty()) {
                return new References(0, null, null);
            }
            INDArray[] rows = new INDArray[references.size()];
            for (int k = 0; k < rows.length; k++) {
                rows[k] = references.get(k).castTo(type).reshape(1, -1);
                if (rows[k].length() != rows[0].length()) {
                    throw new IllegalArgumentException("references of " + rows[0].length() + " and " + rows[k].length() + " values");
                }
            }
            return new References(rows.length, Nd4j.concat(0, rows), null);
        }

        /** [N, K]: each row of {@code g} [N, d] dotted with each reference row. */
        INDArray dotsOf(INDArray g) {
            if (count == 0) {
                return noDots(g.size(0), g.dataType());
            }
            if (rows.size(1) != g.size(1)) {
                throw new IllegalArgumentException("a reference has " + rows.size(1) + " values, the gradient " + g.size(1));
            }
            return Nd4j.gemm(g, rows.castTo(g.dataType()), false, true);
        }
    }

    /** The summary of gradients already laid out as rows [N, d]. */
    public static GradientSummary ofRows(INDArray rows, References references) {
        INDArray g = rows.reshape(rows.size(0), -1);
        return new GradientSummary(g.norm2(1), references.dotsOf(g));
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
}
