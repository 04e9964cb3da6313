package org.explain4j.core.saliency.metrics;

/**
 * A fixation map blurred into a continuous density, as the benchmark makes its ground truth for CC, SIM and
 * KL when it has only fixations: Torralba's Gaussian low-pass ({@code antonioGaussian.m}) with the cut-off
 * {@code fc} in cycles per image (the MIT benchmark used 8, about one degree of visual angle). The image is
 * zero-padded to 2n x 2n (n the next power of two of its longer side), filtered in the Fourier domain by
 * exp(-(fx^2 + fy^2) / s^2) with s = 2 fc / sqrt(ln 2) over frequencies |fx|, |fy| &lt; n/2, and cropped back.
 */
public final class FixationDensity {

    /** The benchmark's cut-off, in cycles per image. */
    public static final double BENCHMARK_CUTOFF = 8;

    private FixationDensity() {
    }

    public static Grid blur(Grid fixations, double cutoff) {
        if (!(cutoff > 0)) {
            throw new IllegalArgumentException("the cut-off frequency must be positive, got " + cutoff);
        }
        int h = fixations.height();
        int w = fixations.width();
        int longer = Math.max(h, w);
        int n = Fft2.powerOfTwoAtLeast(longer + longer % 2);
        int n2 = 2 * n;
        double[][] re = new double[n2][n2];
        double[][] im = new double[n2][n2];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                re[n + y][n + x] = fixations.at(y, x);
            }
        }
        Fft2.forward(re, im);
        double s = (n2 / n) * cutoff / Math.sqrt(Math.log(2));
        for (int ky = 0; ky < n2; ky++) {
            int fy = ky < n2 / 2 ? ky : ky - n2;
            for (int kx = 0; kx < n2; kx++) {
                int fx = kx < n2 / 2 ? kx : kx - n2;
                double g = fx >= -n / 2 && fx < n / 2 && fy >= -n / 2 && fy < n / 2
                        ? Math.exp(-((double) fx * fx + (double) fy * fy) / (s * s)) : 0;
                re[ky][kx] *= g;
                im[ky][kx] *= g;
            }
        }
        Fft2.inverse(re, im);
        double[] v = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = re[n + y][n + x];
            }
        }
        return new Grid(h, w, v);
    }
}
