package org.explain4j.core.saliency.baseline;

import org.explain4j.core.saliency.metrics.Fft2;
import org.explain4j.core.saliency.metrics.Grid;
import org.explain4j.core.saliency.metrics.ImResize;

/**
 * The classic bottom-up saliency model of Hou and Zhang (CVPR 2007), "Saliency detection: a spectral residual
 * approach": the grey image at 64 pixels across, its log-amplitude spectrum minus that spectrum's 3x3 local
 * average (the "spectral residual", what is unexpected), back to the image domain with the original phase,
 * squared, smoothed by a Gaussian (10x10, sigma 2.5, zero padding, as their MATLAB code's imfilter), and
 * resized to the image. One deviation: the image is resized to 64 x 64 rather than to 64 across with its aspect
 * kept, because the transform here needs power-of-two sides; for the square inputs of the benchmarks here
 * the two agree.
 */
public final class SpectralResidual {

    public static final int SIDE = 64;

    private SpectralResidual() {
    }

    /** The saliency map of a grey image, at its size, scaled to [0, 1]. */
    public static Grid map(Grid grey) {
        Grid small = ImResize.bicubic(grey, SIDE, SIDE);
        double[][] re = new double[SIDE][SIDE];
        double[][] im = new double[SIDE][SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                re[y][x] = small.at(y, x);
            }
        }
        Fft2.forward(re, im);
        double[][] logAmp = new double[SIDE][SIDE];
        double[][] phase = new double[SIDE][SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                // A zero coefficient (a flat image's) has log amplitude -inf in MATLAB too; keep it finite instead.
                logAmp[y][x] = Math.log(Math.max(Math.hypot(re[y][x], im[y][x]), 1e-300));
                phase[y][x] = Math.atan2(im[y][x], re[y][x]);
            }
        }
        double[][] averaged = averageReplicate(logAmp);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double mag = Math.exp(logAmp[y][x] - averaged[y][x]);
                re[y][x] = mag * Math.cos(phase[y][x]);
                im[y][x] = mag * Math.sin(phase[y][x]);
            }
        }
        Fft2.inverse(re, im);
        double[] power = new double[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                power[y * SIDE + x] = re[y][x] * re[y][x] + im[y][x] * im[y][x];
            }
        }
        Grid smoothed = gaussian(new Grid(SIDE, SIDE, power));
        Grid resized = ImResize.bicubic(smoothed, grey.height(), grey.width());
        double lo = resized.min();
        double range = resized.max() - lo;
        double[] v = new double[resized.values().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = range > 0 ? (resized.values()[i] - lo) / range : 0;
        }
        return new Grid(grey.height(), grey.width(), v);
    }

    private static double[][] averageReplicate(double[][] a) {
        int n = a.length;
        double[][] out = new double[n][n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double s = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        s += a[clamp(y + dy, n)][clamp(x + dx, n)];
                    }
                }
                out[y][x] = s / 9;
            }
        }
        return out;
    }

    /** fspecial('gaussian', [10 10], 2.5) applied by imfilter: correlation, zero padding, centre at tap 5 of 10. */
    private static Grid gaussian(Grid g) {
        int size = 10;
        double sigma = 2.5;
        double[] k = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double x = i - (size - 1) / 2.0;
            k[i] = Math.exp(-x * x / (2 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] /= sum;
        }
        int centre = (size + 1) / 2 - 1;
        int h = g.height();
        int w = g.width();
        double[] rows = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = 0; i < size; i++) {
                    int xx = x + i - centre;
                    if (xx >= 0 && xx < w) {
                        s += k[i] * g.at(y, xx);
                    }
                }
                rows[y * w + x] = s;
            }
        }
        double[] out = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = 0; i < size; i++) {
                    int yy = y + i - centre;
                    if (yy >= 0 && yy < h) {
                        s += k[i] * rows[yy * w + x];
                    }
                }
                out[y * w + x] = s;
            }
        }
        return new Grid(h, w, out);
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }
}
