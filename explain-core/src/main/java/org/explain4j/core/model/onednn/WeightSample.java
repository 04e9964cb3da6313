package org.explain4j.core.model.onednn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * The array a plan copied its weights from, and up to {@value #SAMPLES} of its values spread over its length: enough
 * to notice the array replaced or rewritten (training, randomisation), not a proof that no single value changed.
 */
record WeightSample(INDArray array, long[] at, double[] values) {

    static final int SAMPLES = 256;

    static WeightSample of(INDArray array) {
        long n = array.length();
        int k = (int) Math.min(n, SAMPLES);
        long[] at = new long[k];
        double[] values = new double[k];
        for (int i = 0; i < k; i++) {
            at[i] = i * n / k + (i * 7919L) % Math.max(1, n / k);
            values[i] = read(array, at[i]);
        }
        return new WeightSample(array, at, values);
    }

    /** Whether {@code now} is the same array still holding the sampled values. */
    boolean matches(INDArray now) {
        if (now != array) {
            return false;
        }
        for (int i = 0; i < at.length; i++) {
            if (Double.compare(read(now, at[i]), values[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value at linear (C-order) index {@code i}: straight from the buffer when the array is a plain one, else by
     * its indices (a reshaped copy per read would cost an allocation each, on every pass).
     */
    private static double read(INDArray a, long i) {
        return !a.isView() && a.ordering() == 'c' ? a.data().getDouble(i) : a.getDouble(Shape.ind2subC(a.shape(), i));
    }
}
