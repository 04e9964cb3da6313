package org.explain4j.core.cam;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.image.ResizeBilinear;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The steps from a raw signed map to a picture, kept separate so that callers can stop at any of
 * them (users of the peers asked for unnormalised scores for years).
 */
public final class MapOps {

    /** Below this range a map counts as flat and normalises to zeros instead of NaN. */
    public static final double EPSILON = 1e-12;

    private MapOps() {
    }

    /** Elementwise max(0, x), copied. */
    public static INDArray relu(INDArray maps) {
        return Transforms.relu(maps, true);
    }

    /**
     * [N,h,w] -> [N,height,width], bilinear with half-pixel centres (as PyTorch's
     * interpolate(align_corners=False) and OpenCV's resize).
     */
    public static INDArray upsample(INDArray maps, int height, int width) {
        requireRank3(maps);
        if (maps.size(1) == height && maps.size(2) == width) {
            return maps.dup();
        }
        INDArray nhwc = maps.castTo(DataType.FLOAT).reshape(maps.size(0), maps.size(1), maps.size(2), 1);
        INDArray out = Nd4j.create(DataType.FLOAT, maps.size(0), height, width, 1);
        Nd4j.exec(new ResizeBilinear(nhwc, out, height, width, false, true));
        return out.reshape(maps.size(0), height, width).castTo(maps.dataType());
    }

    /** Per-map min-max scaling to [0,1]; a flat map (range below {@link #EPSILON}) becomes all zeros. */
    public static INDArray normalise(INDArray maps) {
        requireRank3(maps);
        long n = maps.size(0);
        INDArray flat = maps.reshape(n, maps.size(1) * maps.size(2));
        INDArray min = flat.min(1).reshape(n, 1);
        INDArray range = flat.max(1).reshape(n, 1).subi(min);
        INDArray safe = Transforms.max(range, EPSILON, true);
        INDArray flatMask = range.gt(EPSILON).castTo(maps.dataType());
        INDArray out = flat.dup().subiColumnVector(min)
                .diviColumnVector(safe).muliColumnVector(flatMask);
        return out.reshape(maps.shape());
    }

    /** The usual view: ReLU, upsample to the input size, normalise. */
    public static INDArray toDisplay(INDArray rawMaps, int height, int width) {
        return normalise(upsample(relu(rawMaps), height, width));
    }

    private static void requireRank3(INDArray maps) {
        if (maps.rank() != 3) {
            throw new IllegalArgumentException("maps must be shaped [N,H,W], got rank " + maps.rank());
        }
    }
}
