package org.explain4j.core.saliency.metrics;

/**
 * MATLAB's {@code imresize(A, [h w])} with its defaults: bicubic (Keys, a = -0.5), antialiased when shrinking
 * (the kernel widened by 1/scale), symmetric mirroring at the borders, each axis resized on its own. The
 * benchmark resizes every saliency map to the fixation map's size this way before scoring, and the scores
 * depend on it, so the resize is reproduced rather than replaced by a bilinear one.
 */
public final class ImResize {

    private ImResize() {
    }

    public static Grid bicubic(Grid in, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("cannot resize to " + height + "x" + width);
        }
        double scaleY = (double) height / in.height();
        double scaleX = (double) width / in.width();
        // MATLAB resizes along the axis with the smaller scale first.
        if (scaleY <= scaleX) {
            return alongX(alongY(in, height), width);
        }
        return alongY(alongX(in, width), height);
    }

    private static Grid alongY(Grid g, int out) {
        Contributions c = contributions(g.height(), out);
        double[] v = new double[out * g.width()];
        for (int o = 0; o < out; o++) {
            for (int k = 0; k < c.indices[o].length; k++) {
                int src = c.indices[o][k];
                double wgt = c.weights[o][k];
                for (int x = 0; x < g.width(); x++) {
                    v[o * g.width() + x] += wgt * g.values()[src * g.width() + x];
                }
            }
        }
        return new Grid(out, g.width(), v);
    }

    private static Grid alongX(Grid g, int out) {
        Contributions c = contributions(g.width(), out);
        double[] v = new double[g.height() * out];
        for (int y = 0; y < g.height(); y++) {
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int k = 0; k < c.indices[o].length; k++) {
                    s += c.weights[o][k] * g.values()[y * g.width() + c.indices[o][k]];
                }
                v[y * out + o] = s;
            }
        }
        return new Grid(g.height(), out, v);
    }

    private record Contributions(int[][] indices, double[][] weights) {
    }

    /** Which input samples (0-based) feed each output sample, and with what weights (MATLAB's {@code contributions}). */
    static Contributions contributions(int in, int out) {
        double scale = (double) out / in;
        boolean shrink = scale < 1;
        double kernelWidth = shrink ? 4 / scale : 4;
        int taps = (int) Math.ceil(kernelWidth) + 2;
        int[][] indices = new int[out][];
        double[][] weights = new double[out][];
        for (int o = 0; o < out; o++) {
            double u = (o + 1) / scale + 0.5 * (1 - 1 / scale);
            double left = Math.floor(u - kernelWidth / 2);
            double[] w = new double[taps];
            int[] idx = new int[taps];
            double sum = 0;
            for (int p = 0; p < taps; p++) {
                double j = left + p;
                double x = u - j;
                w[p] = shrink ? scale * cubic(scale * x) : cubic(x);
                sum += w[p];
                idx[p] = mirror((long) j, in);
            }
            int kept = 0;
            for (int p = 0; p < taps; p++) {
                w[p] /= sum;
                if (w[p] != 0) {
                    kept++;
                }
            }
            indices[o] = new int[kept];
            weights[o] = new double[kept];
            int k = 0;
            for (int p = 0; p < taps; p++) {
                if (w[p] != 0) {
                    indices[o][k] = idx[p];
                    weights[o][k++] = w[p];
                }
            }
        }
        return new Contributions(indices, weights);
    }

    /** 1-based index j mirrored into [1, n] as {@code [1:n, n:-1:1]} repeats, returned 0-based. */
    private static int mirror(long j, int n) {
        long period = 2L * n;
        long m = Math.floorMod(j - 1, period);
        return (int) (m < n ? m : period - 1 - m);
    }

    private static double cubic(double x) {
        double a = Math.abs(x);
        double a2 = a * a;
        double a3 = a2 * a;
        if (a <= 1) {
            return 1.5 * a3 - 2.5 * a2 + 1;
        }
        if (a <= 2) {
            return -0.5 * a3 + 2.5 * a2 - 4 * a + 2;
        }
        return 0;
    }
}
