package org.explain4j.core.metrics;

import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.MapViews;
import org.explain4j.core.attribution.Space;
import org.explain4j.core.cam.MapOps;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The per-pixel forms of an answer that the metrics compare and rank. */
public final class MetricMaps {

    private MetricMaps() {
    }

    /**
     * The importance that orders pixels for deletion, insertion and ROAD: the displayed view (what a person
     * is shown: ReLU'd CAM map, or sum_c |a_c| for input maps), [H, W] in [0,1].
     */
    public static INDArray importance(Explanation e, int height, int width) {
        return MapViews.toDisplay(e, height, width).castTo(DataType.DOUBLE);
    }

    /** The signed map at the input's size [H, W]: a CAM map upsampled, an input map summed over channels. */
    public static INDArray signed(Explanation e, int height, int width) {
        INDArray raw = e.raw();
        if (e.space() instanceof Space.Layer) {
            return MapOps.upsample(raw.reshape(1, raw.size(0), raw.size(1)), height, width).reshape(height, width).castTo(DataType.DOUBLE);
        }
        INDArray perPixel = raw.rank() == 3 ? raw.sum(0) : raw;
        return MapOps.upsample(perPixel.reshape(1, perPixel.size(0), perPixel.size(1)), height, width).reshape(height, width)
                .castTo(DataType.DOUBLE);
    }

    /** rank[i] = position of pixel i when pixels are sorted by decreasing value (ties by index). */
    public static int[] rankByDecreasing(INDArray map) {
        double[] v = map.castTo(DataType.DOUBLE).reshape(map.length()).toDoubleVector();
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(v[b], v[a]));
        int[] rank = new int[v.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }
}
