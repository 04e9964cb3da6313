package org.explain4j.core.saliency.metrics;

import java.util.Arrays;
import java.util.Random;

/**
 * The MIT/Tuebingen saliency benchmark's metrics, each as its reference code (cvzoya/saliency,
 * code_forMetrics) computes it, step for step: the same resizing (the saliency map to the ground truth's
 * size, {@link ImResize}), the same normalisations, the same threshold sweeps, the same epsilon. The random
 * draws (AUC-Judd's jitter, AUC-Borji's and shuffled AUC's negatives) come from a seeded {@link Random}
 * instead of MATLAB's generator, so those three agree with the reference in distribution, not to the last
 * digit. docs/SALIENCY.md lists the definitions.
 *
 * <p>{@code fixations} are binary fixation maps (fixated pixels &gt; 0); {@code density} is a continuous
 * fixation map (fixations blurred, {@link FixationDensity}). Without fixations the AUCs are NaN, as there.
 */
public final class SaliencyMetrics {

    /** MATLAB's {@code eps}. */
    public static final double EPS = 2.220446049250313e-16;
    public static final int SPLITS = 100;
    public static final double STEP = 0.1;

    private SaliencyMetrics() {
    }

    /** AUC-Judd: thresholds at the map's values on the fixations, tp and fp over every pixel (jitter 1e-7). */
    public static double aucJudd(Grid saliency, Grid fixations, Random jitter) {
        int[] fix = fixations.positives();
        if (fix.length == 0) {
            return Double.NaN;
        }
        Grid map = saliency.resizedLike(fixations);
        double[] jittered = map.values().clone();
        for (int i = 0; i < jittered.length; i++) {
            jittered[i] += jitter.nextDouble() / 10_000_000d;
        }
        double[] s = new Grid(map.height(), map.width(), jittered).minMax().values();
        int nFix = fix.length;
        int nPix = s.length;
        double[] atFix = new double[nFix];
        for (int i = 0; i < nFix; i++) {
            atFix[i] = s[fix[i]];
        }
        double[] thresholds = descending(atFix);
        double[] sorted = s.clone();
        Arrays.sort(sorted);
        double[] tp = new double[nFix + 2];
        double[] fp = new double[nFix + 2];
        tp[nFix + 1] = 1;
        fp[nFix + 1] = 1;
        for (int i = 1; i <= nFix; i++) {
            double t = thresholds[i - 1];
            int above = nPix - lowerBound(sorted, t);
            tp[i] = (double) i / nFix;
            fp[i] = (double) (above - i) / (nPix - nFix);
        }
        return trapz(fp, tp);
    }

    /** AUC-Borji: as many negatives as fixations, drawn uniformly from all pixels, {@link #SPLITS} times; thresholds every 0.1. */
    public static double aucBorji(Grid saliency, Grid fixations, Random draws) {
        int[] fix = fixations.positives();
        if (fix.length == 0) {
            return Double.NaN;
        }
        double[] s = saliency.resizedLike(fixations).minMax().values();
        double[] atFix = at(s, fix);
        double[][] negatives = new double[SPLITS][fix.length];
        // The reference draws the whole [Nfix, Nsplits] matrix at once, column by column.
        for (int split = 0; split < SPLITS; split++) {
            for (int i = 0; i < fix.length; i++) {
                negatives[split][i] = s[draws.nextInt(s.length)];
            }
        }
        double total = 0;
        for (double[] negative : negatives) {
            total += sweptAuc(atFix, negative);
        }
        return total / SPLITS;
    }

    /**
     * Shuffled AUC: negatives are the fixated pixels of other images ({@code otherFixations}, the union of M other
     * images' fixation maps at this map's size), a fresh random order per split, the first min(Nfix, count).
     */
    public static double aucShuffled(Grid saliency, Grid fixations, Grid otherFixations, Random draws) {
        int[] fix = fixations.positives();
        if (fix.length == 0) {
            return Double.NaN;
        }
        if (!otherFixations.sameSize(fixations)) {
            throw new IllegalArgumentException("the other images' fixations are " + otherFixations.height() + "x"
                    + otherFixations.width() + ", this fixation map " + fixations.height() + "x" + fixations.width());
        }
        int[] others = otherFixations.positives();
        if (others.length == 0) {
            return Double.NaN;
        }
        double[] s = saliency.resizedLike(fixations).minMax().values();
        double[] atFix = at(s, fix);
        int n = Math.min(fix.length, others.length);
        double total = 0;
        for (int split = 0; split < SPLITS; split++) {
            int[] order = others.clone();
            shuffle(order, draws);
            double[] negative = new double[n];
            for (int i = 0; i < n; i++) {
                negative[i] = s[order[i]];
            }
            total += sweptAuc(atFix, negative);
        }
        return total / SPLITS;
    }

    /** NSS: the map z-scored (std with N - 1), its mean over the fixated pixels. */
    public static double nss(Grid saliency, Grid fixations) {
        int[] fix = fixations.positives();
        double[] z = saliency.resizedLike(fixations).zScore().values();
        double s = 0;
        for (int i : fix) {
            s += z[i];
        }
        return s / fix.length;
    }

    /** CC: Pearson correlation of the map (resized to the density's size) with the fixation density. */
    public static double cc(Grid saliency, Grid density) {
        double[] a = saliency.resizedLike(density).zScore().values();
        double[] b = density.zScore().values();
        // corr2 of two z-scored maps: sum(a b) / sqrt(sum a^2 sum b^2) after removing their (zero) means.
        double ma = mean(a);
        double mb = mean(b);
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i] - ma;
            double y = b[i] - mb;
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** SIM: each map min-max normalised and divided by its sum (an all-zero map stays zero), the sum of the minima. */
    public static double similarity(Grid saliency, Grid density) {
        Grid a = saliency.resizedLike(density);
        Grid b = density;
        if (a.any()) {
            a = a.minMax().toDistribution();
        }
        if (b.any()) {
            b = b.minMax().toDistribution();
        }
        if (allNaN(a.values()) || allNaN(b.values())) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < a.values().length; i++) {
            s += Math.min(a.values()[i], b.values()[i]);
        }
        return s;
    }

    /** KL: sum q log(eps + q / (p + eps)), p the map and q the density, each divided by its sum (no min-max). */
    public static double kl(Grid saliency, Grid density) {
        Grid p = saliency.resizedLike(density);
        Grid q = density;
        if (p.any()) {
            p = p.toDistribution();
        }
        if (q.any()) {
            q = q.toDistribution();
        }
        double s = 0;
        for (int i = 0; i < p.values().length; i++) {
            double qi = q.values()[i];
            s += qi * Math.log(EPS + qi / (p.values()[i] + EPS));
        }
        return s;
    }

    /**
     * Information gain over {@code baseline} (a centre bias, say): both min-max normalised into distributions,
     * the mean over fixated pixels of log2(eps + p) - log2(eps + b), in bits per fixation.
     */
    public static double infoGain(Grid saliency, Grid fixations, Grid baseline) {
        int[] fix = fixations.positives();
        double[] p = ImResize.bicubic(saliency, fixations.height(), fixations.width()).minMax().toDistribution().values();
        double[] b = ImResize.bicubic(baseline, fixations.height(), fixations.width()).minMax().toDistribution().values();
        double s = 0;
        for (int i : fix) {
            s += log2(EPS + p[i]) - log2(EPS + b[i]);
        }
        return s / fix.length;
    }

    /** Borji's threshold sweep: 0:0.1:max over positives and negatives, descending, tp and fp with >=, trapezoid. */
    static double sweptAuc(double[] positives, double[] negatives) {
        double max = Math.max(Arrays.stream(positives).max().orElse(0), Arrays.stream(negatives).max().orElse(0));
        double[] ascending = colon(0, STEP, max);
        int count = ascending.length;
        double[] tp = new double[count + 2];
        double[] fp = new double[count + 2];
        tp[count + 1] = 1;
        fp[count + 1] = 1;
        for (int i = 0; i < count; i++) {
            double t = ascending[count - 1 - i];
            tp[i + 1] = fractionAtLeast(positives, t);
            fp[i + 1] = fractionAtLeast(negatives, t);
        }
        return trapz(fp, tp);
    }

    /**
     * MATLAB's {@code a:d:b}: the first half counted up from a, the second half down from a + n d, so that 0:0.1:1
     * holds 0.6 itself rather than 6 x 0.1 = 0.6000000000000001 (a threshold the benchmark's values then miss).
     */
    static double[] colon(double a, double d, double b) {
        if (b < a) {
            return new double[0];
        }
        double tol = 2 * EPS * Math.max(Math.abs(a), Math.abs(b));
        int n = (int) Math.floor((b - a) / d + tol / d);
        double end = a + n * d;
        double[] v = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            v[k] = k <= n / 2 ? a + k * d : end - (n - k) * d;
        }
        return v;
    }

    private static double fractionAtLeast(double[] v, double t) {
        int n = 0;
        for (double x : v) {
            if (x >= t) {
                n++;
            }
        }
        return (double) n / v.length;
    }

    static double trapz(double[] x, double[] y) {
        double s = 0;
        for (int i = 1; i < x.length; i++) {
            s += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        }
        return s;
    }

    private static double[] descending(double[] v) {
        double[] d = v.clone();
        Arrays.sort(d);
        for (int i = 0, j = d.length - 1; i < j; i++, j--) {
            double t = d[i];
            d[i] = d[j];
            d[j] = t;
        }
        return d;
    }

    /** The first index whose value is >= t in an ascending array. */
    private static int lowerBound(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double[] at(double[] s, int[] idx) {
        double[] v = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            v[i] = s[idx[i]];
        }
        return v;
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static boolean allNaN(double[] v) {
        for (double x : v) {
            if (!Double.isNaN(x)) {
                return false;
            }
        }
        return true;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
