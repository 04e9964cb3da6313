package org.explain4j.core.saliency.metrics;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * A 2-D discrete Fourier transform of a power-of-two square or rectangle, rows then columns, on separate real and
 * imaginary planes (commons-math's radix-2 transform underneath). MATLAB's conventions: {@link #forward} is
 * unnormalised, {@link #inverse} divides by the number of points.
 */
public final class Fft2 {


    private Fft2() {
    }

    /** Transforms {@code re}, {@code im} [rows][cols] in place. */
    public static void forward(double[][] re, double[][] im) {
        transform(re, im, TransformType.FORWARD);
    }

    public static void inverse(double[][] re, double[][] im) {
        transform(re, im, TransformType.INVERSE);
    }

    private static void transform(double[][] re, double[][] im, TransformType type) {
        int rows = re.length;
        int cols = re[0].length;
        for (int y = 0; y < rows; y++) {
            double[][] d = {re[y], im[y]};
            FastFourierTransformer.transformInPlace(d, DftNormalization.STANDARD, type);
        }
        double[] cr = new double[rows];
        double[] ci = new double[rows];
        for (int x = 0; x < cols; x++) {
            for (int y = 0; y < rows; y++) {
                cr[y] = re[y][x];
                ci[y] = im[y][x];
            }
            double[][] d = {cr, ci};
            FastFourierTransformer.transformInPlace(d, DftNormalization.STANDARD, type);
            for (int y = 0; y < rows; y++) {
                re[y][x] = cr[y];
                im[y][x] = ci[y];
            }
        }
    }

    /** The smallest power of two >= n. */
    public static int powerOfTwoAtLeast(int n) {
        int p = 1;
        while (p < n) {
            p <<= 1;
        }
        return p;
    }

}
