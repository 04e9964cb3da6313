package org.explain4j.datasets.seismic;

import java.util.Random;

/**
 * The geology of one synthetic section, drawn from a seed, and its rendering. A layered earth (sparse reflectivity,
 * boundaries every 4-14 samples) is folded (a sum of Gaussian bumps plus a planar shear), optionally cut by a fault
 * (dip 60-85 degrees, throw 5-30 samples, constant or Gaussian along the plane), pierced by a salt body (near-zero
 * reflectivity inside, a strong top-salt reflection, strata dragged up along the flanks) or replaced by chaotic
 * facies (short reflectors at random dips); then convolved with a Ricker wavelet (20-35 Hz, 4 ms sampling), given
 * band-limited noise at an SNR of 2-5, and scaled to [-1,1]. docs/SEISMIC.md lists the parameters.
 */
final class SeismicModel {


    static final double DT = 0.004;

    /** What a section holds. */
    // kinds: SeismicKind

    private SeismicModel() {
    }

    static Section render(int traces, int samples, SeismicKind kind, Random rng, Random noise) {
        int depth = samples * 3; // a deeper reflectivity column, so shifts never run off its ends
        double[] column = reflectivity(depth, rng);
        double[][] shift = folding(traces, samples, rng);
        boolean[][] faultMask = new boolean[traces][samples];
        boolean[][] saltMask = new boolean[traces][samples];
        double[][] r = new double[traces][samples];
        if (kind == SeismicKind.CHAOTIC) {
            chaotic(r, rng);
        } else {
            if (kind == SeismicKind.FAULT) {
                fault(shift, faultMask, rng);
            }
            for (int x = 0; x < traces; x++) {
                for (int z = 0; z < samples; z++) {
                    r[x][z] = sample(column, samples + z - shift[x][z]);
                }
            }
            if (kind == SeismicKind.SALT_DOME) {
                salt(r, shift, column, saltMask, rng);
            }
        }
        double[][] seismic = convolve(r, 20 + 15 * rng.nextDouble());
        addNoise(seismic, 2 + 3 * rng.nextDouble(), noise);
        return new Section(scale(seismic), faultMask, saltMask);
    }

    /** Sparse reflectivity: a boundary every 4-14 samples, coefficients uniform in [-1,1]. */
    private static double[] reflectivity(int n, Random rng) {
        double[] r = new double[n];
        for (int z = rng.nextInt(6); z < n; z += 4 + rng.nextInt(11)) {
            r[z] = 2 * rng.nextDouble() - 1;
        }
        return r;
    }

    private static double sample(double[] c, double z) {
        int i = (int) Math.floor(z);
        if (i < 0 || i + 1 >= c.length) {
            return 0;
        }
        double f = z - i;
        return c[i] * (1 - f) + c[i + 1] * f;
    }

    /** Vertical shift of the strata: a planar shear plus two to four Gaussian bumps, the same at every depth. */
    private static double[][] folding(int traces, int samples, Random rng) {
        double shear = (rng.nextDouble() - 0.5) * 0.4;
        int bumps = 2 + rng.nextInt(3);
        double[] centre = new double[bumps];
        double[] width = new double[bumps];
        double[] height = new double[bumps];
        for (int b = 0; b < bumps; b++) {
            centre[b] = rng.nextDouble() * traces;
            width[b] = traces * (0.1 + 0.3 * rng.nextDouble());
            height[b] = (rng.nextDouble() - 0.5) * samples * 0.2;
        }
        double[][] s = new double[traces][samples];
        for (int x = 0; x < traces; x++) {
            double v = shear * (x - traces / 2.0);
            for (int b = 0; b < bumps; b++) {
                v += height[b] * Math.exp(-0.5 * Math.pow((x - centre[b]) / width[b], 2));
            }
            java.util.Arrays.fill(s[x], v);
        }
        return s;
    }

    /**
     * A fault plane through the middle third, dipping 60-85 degrees either way; the hanging wall moves down by the
     * throw (constant, or a Gaussian along the plane). The mask marks a band of 3 traces either side of the plane.
     */
    private static void fault(double[][] shift, boolean[][] mask, Random rng) {
        int traces = shift.length;
        int samples = shift[0].length;
        double dip = Math.toRadians(60 + 25 * rng.nextDouble());
        double run = Math.cos(dip) / Math.sin(dip) * (rng.nextBoolean() ? 1 : -1); // traces per sample
        double x0 = traces * (1 / 3.0 + rng.nextDouble() / 3);
        double throwMax = 5 + 25 * rng.nextDouble();
        boolean gaussian = rng.nextBoolean();
        for (int z = 0; z < samples; z++) {
            double plane = x0 + run * (z - samples / 2.0);
            double t = gaussian ? throwMax * Math.exp(-0.5 * Math.pow((z - samples / 2.0) / (samples / 3.0), 2)) : throwMax;
            for (int x = 0; x < traces; x++) {
                if (x > plane) {
                    shift[x][z] += t;
                }
                if (Math.abs(x - plane) <= 3) {
                    mask[x][z] = true;
                }
            }
        }
    }

    /**
     * A dome: top at depth top(x) = apex + curvature (x - centre)^2 within its half-width, down to the bottom.
     * Inside, reflectivity is 2% of the layers'; its top reflects strongly (0.9); strata within 12 traces of the
     * flanks are dragged up, linearly less with distance.
     */
    private static void salt(double[][] r, double[][] shift, double[] column, boolean[][] mask, Random rng) {
        int traces = r.length;
        int samples = r[0].length;
        double centre = traces * (0.3 + 0.4 * rng.nextDouble());
        double half = traces * (0.15 + 0.15 * rng.nextDouble());
        double apex = samples * (0.2 + 0.3 * rng.nextDouble());
        double curvature = (samples - apex) * 0.8 / (half * half);
        double drag = 4 + 8 * rng.nextDouble();
        for (int x = 0; x < traces; x++) {
            double dx = Math.abs(x - centre);
            double top = dx <= half ? apex + curvature * dx * dx : Double.POSITIVE_INFINITY;
            double flank = dx - half;
            double up = flank > 0 && flank < 12 ? drag * (1 - flank / 12) : 0;
            for (int z = 0; z < samples; z++) {
                if (z >= top) {
                    mask[x][z] = true;
                    r[x][z] = z < top + 1 ? 0.9 : 0.02 * r[x][z];
                } else if (up > 0) {
                    r[x][z] = sample(column, samples + z - shift[x][z] + up);
                }
            }
        }
    }

    /** Chaotic facies: short reflector segments (5-30 traces) at random depths and dips (up to 40 degrees). */
    private static void chaotic(double[][] r, Random rng) {
        int traces = r.length;
        int samples = r[0].length;
        int segments = traces * samples / 60;
        for (int s = 0; s < segments; s++) {
            double x0 = rng.nextDouble() * traces;
            double z0 = rng.nextDouble() * samples;
            double slope = Math.tan(Math.toRadians((rng.nextDouble() - 0.5) * 80));
            int length = 5 + rng.nextInt(26);
            double a = 2 * rng.nextDouble() - 1;
            for (int i = 0; i < length; i++) {
                int x = (int) (x0 + i);
                int z = (int) Math.round(z0 + slope * i);
                if (x >= 0 && x < traces && z >= 0 && z < samples) {
                    r[x][z] = a;
                }
            }
        }
    }

    /** Each trace convolved with a zero-phase Ricker wavelet of peak frequency {@code f} Hz. */
    private static double[][] convolve(double[][] r, double f) {
        int half = (int) Math.ceil(1.5 / (f * DT)) + 1;
        double[] w = new double[2 * half + 1];
        for (int i = -half; i <= half; i++) {
            double a = Math.PI * f * i * DT;
            w[i + half] = (1 - 2 * a * a) * Math.exp(-a * a);
        }
        double[][] out = new double[r.length][r[0].length];
        for (int x = 0; x < r.length; x++) {
            for (int z = 0; z < r[x].length; z++) {
                double v = r[x][z];
                if (v == 0) {
                    continue;
                }
                for (int k = -half; k <= half; k++) {
                    int t = z + k;
                    if (t >= 0 && t < r[x].length) {
                        out[x][t] += v * w[k + half];
                    }
                }
            }
        }
        return out;
    }

    /** Gaussian noise smoothed over 3 samples (band-limited), scaled so that std(signal) / std(noise) = snr. */
    private static void addNoise(double[][] s, double snr, Random rng) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (double[] t : s) {
            for (double v : t) {
                sum += v;
                sq += v * v;
                n++;
            }
        }
        double std = Math.sqrt(Math.max(sq / n - (sum / n) * (sum / n), 1e-12));
        double[][] noise = new double[s.length][s[0].length];
        double nsq = 0;
        for (int x = 0; x < s.length; x++) {
            double prev = 0;
            for (int z = 0; z < s[x].length; z++) {
                double g = rng.nextGaussian();
                noise[x][z] = (g + prev) / 2;
                prev = g;
                nsq += noise[x][z] * noise[x][z];
            }
        }
        double scale = std / snr / Math.sqrt(nsq / n);
        for (int x = 0; x < s.length; x++) {
            for (int z = 0; z < s[x].length; z++) {
                s[x][z] += noise[x][z] * scale;
            }
        }
    }

    private static float[][] scale(double[][] s) {
        double max = 1e-12;
        for (double[] t : s) {
            for (double v : t) {
                max = Math.max(max, Math.abs(v));
            }
        }
        float[][] out = new float[s.length][s[0].length];
        for (int x = 0; x < s.length; x++) {
            for (int z = 0; z < s[x].length; z++) {
                out[x][z] = (float) (s[x][z] / max);
            }
        }
        return out;
    }
}
