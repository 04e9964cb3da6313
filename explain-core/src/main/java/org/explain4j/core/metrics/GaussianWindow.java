package org.explain4j.core.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A normalised size x size Gaussian window as a one-channel conv2d kernel [size, size, 1, 1] (SSIM's window, RISE's blur). */
final class GaussianWindow {

    private GaussianWindow() {
    }

    static INDArray of(int size, double sigma) {
        double[] w = new double[size * size];
        double sum = 0;
        int r = size / 2;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double v = Math.exp(-((i - r) * (i - r) + (j - r) * (j - r)) / (2 * sigma * sigma));
                w[i * size + j] = v;
                sum += v;
            }
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return Nd4j.createFromArray(w).reshape(size, size, 1, 1).castTo(DataType.DOUBLE);
    }
}
