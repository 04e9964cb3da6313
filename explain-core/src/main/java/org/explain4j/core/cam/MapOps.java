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

    /**
     * The weights {@link #upsample} applies along one axis, as a matrix [out, in]: resizing is separable, so a map
     * M [h, w] resized is {@code interpolation(height, h) M interpolation(width, w)^T}. Half-pixel centres: output o
     * samples input coordinate (o + 0.5) in / out - 0.5, between its floor and ceil, both clamped to the map (as
     * TensorFlow's and ND4J's resize compute them). For callers that need the resize inside a larger linear map (a
     * sliding-window paste is one matrix product instead of one operation per window).
     */
    public static double[][] interpolation(int out, int in) {
        double[][] r = new double[out][in];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double x = (o + 0.5) * scale - 0.5;
            double f = Math.floor(x);
            int lower = (int) Math.min(Math.max(f, 0), in - 1);
            int upper = (int) Math.max(Math.min(Math.ceil(x), in - 1), 0);
            double lerp = x - f;
            r[o][lower] += 1 - lerp;
            r[o][upper] += lerp;
        }
        return r;
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
