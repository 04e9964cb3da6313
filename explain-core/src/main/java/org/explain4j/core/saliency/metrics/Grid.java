package org.explain4j.core.saliency.metrics;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A map on a pixel grid in double precision, row-major: a saliency map, a binary fixation map or a fixation
 * density. The benchmark's metrics are defined on whole images in MATLAB's double arithmetic, so they work
 * on this plain form rather than on ND4J arrays.
 */
public record Grid(int height, int width, double[] values) {

    public Grid {
        if (height < 1 || width < 1 || values.length != (long) height * width) {
            throw new IllegalArgumentException("a " + height + "x" + width + " grid needs " + (long) height * width
                    + " values, got " + values.length);
        }
    }

    /** A [H, W] array (or [1, H, W], [1, 1, H, W]) as a grid. */
    public static Grid of(INDArray map) {
        long[] s = map.shape();
        for (int i = 0; i < s.length - 2; i++) {
            if (s[i] != 1) {
                throw new IllegalArgumentException("a saliency map is one [H, W] plane, got shape " + Arrays.toString(s));
            }
        }
        if (s.length < 2) {
            throw new IllegalArgumentException("a saliency map is one [H, W] plane, got shape " + Arrays.toString(s));
        }
        int h = (int) s[s.length - 2];
        int w = (int) s[s.length - 1];
        return new Grid(h, w, map.castTo(DataType.DOUBLE).reshape(map.length()).toDoubleVector());
    }

    public static Grid of(double[][] rows) {
        int h = rows.length;
        int w = rows[0].length;
        double[] v = new double[h * w];
        for (int y = 0; y < h; y++) {
            if (rows[y].length != w) {
                throw new IllegalArgumentException("ragged rows");
            }
            System.arraycopy(rows[y], 0, v, y * w, w);
        }
        return new Grid(h, w, v);
    }

    public double at(int y, int x) {
        return values[y * width + x];
    }

    public INDArray toArray() {
        return Nd4j.create(values, new long[] {height, width}, DataType.DOUBLE);
    }

    public boolean sameSize(Grid other) {
        return height == other.height && width == other.width;
    }

    /** This map at {@code other}'s size, as the benchmark resizes (MATLAB's imresize); itself when the sizes agree. */
    public Grid resizedLike(Grid other) {
        return sameSize(other) ? this : ImResize.bicubic(this, other.height, other.width);
    }

    public double min() {
        return Arrays.stream(values).min().orElseThrow();
    }

    public double max() {
        return Arrays.stream(values).max().orElseThrow();
    }

    public double sum() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** Whether any value is non-zero (MATLAB's {@code any}). */
    public boolean any() {
        for (double v : values) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }

    /** (v - min) / (max - min), as the benchmark writes it (a flat map gives NaN there too). */
    public Grid minMax() {
        double lo = min();
        double range = max() - lo;
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (values[i] - lo) / range;
        }
        return new Grid(height, width, v);
    }

    /** v / sum. */
    public Grid toDistribution() {
        double s = sum();
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i] / s;
        }
        return new Grid(height, width, v);
    }

    /** (v - mean) / std, std with N - 1 as MATLAB's {@code std}. */
    public Grid zScore() {
        double mean = sum() / values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(ss / (values.length - 1));
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (values[i] - mean) / std;
        }
        return new Grid(height, width, v);
    }

    /** Indices (row-major) of the positive values: the fixated pixels of a fixation map. */
    public int[] positives() {
        int n = 0;
        for (double v : values) {
            if (v > 0) {
                n++;
            }
        }
        int[] idx = new int[n];
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] > 0) {
                idx[k++] = i;
            }
        }
        return idx;
    }
}
