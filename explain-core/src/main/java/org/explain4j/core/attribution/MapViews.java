package org.explain4j.core.attribution;

import org.explain4j.core.cam.MapOps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What a picture shows of a raw map, by the space it lives in: a layer-grid map (CAM methods) is ReLU'd,
 * upsampled bilinearly to the picture and scaled to [0,1] (docs/METHODS.md §1.4); an input-space map
 * [C, H, W] is reduced to one value per pixel as the peers display gradients, the sum over channels of
 * |a| (the visualisation repository's choice for vanilla gradients; Captum takes |a| per channel), then
 * resized if the picture differs and scaled to [0,1]. A flat map is all zeros, never NaN.
 */
public final class MapViews {

    private MapViews() {
    }

    /** The view [height, width] of one answer. */
    public static INDArray toDisplay(Explanation e, int height, int width) {
        INDArray raw = e.raw();
        if (e.space() instanceof Space.Layer) {
            return MapOps.toDisplay(raw.reshape(1, raw.size(0), raw.size(1)), height, width).reshape(height, width);
        }
        INDArray perPixel = perPixel(raw);
        INDArray resized = MapOps.upsample(perPixel.reshape(1, perPixel.size(0), perPixel.size(1)), height, width);
        return MapOps.normalise(resized).reshape(height, width);
    }

    /** An input-space map [C, H, W] (or [H, W]) as one value per pixel, sum_c |a_c|: [H, W]. */
    public static INDArray perPixel(INDArray raw) {
        if (raw.rank() == 2) {
            return Transforms.abs(raw, true);
        }
        if (raw.rank() != 3) {
            throw new IllegalArgumentException("an input-space map is [C,H,W], got rank " + raw.rank());
        }
        return Transforms.abs(raw, true).sum(0);
    }
}
