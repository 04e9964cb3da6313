package org.explain4j.core.novelty.score;

import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;

/**
 * A novelty score of each sample from its {@link SampleStatistics}: higher means more likely novel. The activation
 * baseline (reconstruction error) and the gradient scores of Kwon et al. / GradCON are here side by side, so that
 * one run compares them on the same samples.
 */
public sealed interface NoveltyScore permits NoveltyScore.Reconstruction, NoveltyScore.GradientNorm,
        NoveltyScore.GradientCosine, NoveltyScore.InlierCosine, NoveltyScore.GradCon, NoveltyScore.Mahalanobis, NoveltyScore.LearnedHead {

    /** A short name for tables and files. */
    String name();

    double[] of(SampleStatistics s);

    private static double[] negated(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    /** The activation perspective: the reconstruction error (the loss). */
    record Reconstruction() implements NoveltyScore {
        @Override
        public String name() {
            return "reconstruction";
        }

        @Override
        public double[] of(SampleStatistics s) {
            return s.loss().clone();
        }
    }

    /** The mean over sites of the gradient's L2 norm: how large an update the sample asks for. */
    record GradientNorm() implements NoveltyScore {
        @Override
        public String name() {
            return "gradient-norm";
        }

        @Override
        public double[] of(SampleStatistics s) {
            return s.meanNorm();
        }
    }

    /** Minus the mean over sites of the cosine to the reference: how differently directed the update is. */
    record GradientCosine() implements NoveltyScore {
        @Override
        public String name() {
            return "gradient-cosine";
        }

        @Override
        public double[] of(SampleStatistics s) {
            return negated(s.meanCosine());
        }
    }

    /**
     * Minus the mean over sites of the cosine to the mean inlier gradient: how differently directed the update is from
     * the update the inliers ask of the final model.
     */
    record InlierCosine() implements NoveltyScore {
        @Override
        public String name() {
            return "inlier-cosine";
        }

        @Override
        public double[] of(SampleStatistics s) {
            return negated(s.meanCosineToMean());
        }
    }

    /** GradCON's anomaly score, negated to read "higher = novel": MSE - weight x mean cosine (weight 0.12 there). */
    record GradCon(double weight) implements NoveltyScore {
        @Override
        public String name() {
            return "gradcon";
        }

        @Override
        public double[] of(SampleStatistics s) {
            double[] c = s.meanCosine();
            double[] out = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                out[i] = s.loss()[i] - weight * c[i];
            }
            return out;
        }
    }

    /**
     * Mahalanobis distance of a sample's per-layer statistics (log loss; log norm and both cosines per site) from their
     * inlier mean, under their inlier covariance (ridge 1e-6 x its mean variance, so few or collinear inliers still
     * give an inverse).
     */
    record Mahalanobis(double[] mean, double[][] inverseCovariance) implements NoveltyScore {
        public static Mahalanobis fit(SampleStatistics inliers) {
            double[][] x = inliers.columns();
            if (x.length < 2) {
                throw new IllegalArgumentException("Mahalanobis needs at least two inliers to fit");
            }
            int k = x[0].length;
            double[] mean = new double[k];
            for (double[] r : x) {
                for (int j = 0; j < k; j++) {
                    mean[j] += r[j] / x.length;
                }
            }
            RealMatrix cov = new Covariance(x, true).getCovarianceMatrix();
            double ridge = 1e-6 * Math.max(1e-12, cov.getTrace() / k);
            for (int j = 0; j < k; j++) {
                cov.addToEntry(j, j, ridge);
            }
            // a small k x k inverse in double (ND4J's matrix_inverse gives up on small determinants)
            return new Mahalanobis(mean, new LUDecomposition(cov).getSolver().getInverse().getData());
        }

        @Override
        public String name() {
            return "mahalanobis";
        }

        @Override
        public double[] of(SampleStatistics s) {
            double[][] x = s.columns();
            double[] out = new double[x.length];
            int k = mean.length;
            double[] d = new double[k];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < k; j++) {
                    d[j] = x[i][j] - mean[j];
                }
                double q = 0;
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                        q += d[a] * inverseCovariance[a][b] * d[b];
                    }
                }
                out[i] = Math.sqrt(Math.max(0, q));
            }
            return out;
        }
    }

    /**
     * A learned head: logistic regression on the standardised per-layer statistics, fitted to samples labelled
     * novel or not (full-batch gradient descent, L2 1e-3, from zero: deterministic). Needs labelled novel samples,
     * so it suits detection of known kinds of novelty (challenge conditions), not the one-class protocol.
     */
    record LearnedHead(double[] mean, double[] scale, double[] weights, double bias) implements NoveltyScore {
        public static LearnedHead fit(SampleStatistics s, boolean[] novel, int iterations) {
            double[][] x = s.columns();
            if (x.length != novel.length) {
                throw new IllegalArgumentException(x.length + " samples but " + novel.length + " labels");
            }
            int k = x[0].length;
            double[] mean = new double[k];
            double[] scale = new double[k];
            for (double[] r : x) {
                for (int j = 0; j < k; j++) {
                    mean[j] += r[j] / x.length;
                }
            }
            for (double[] r : x) {
                for (int j = 0; j < k; j++) {
                    scale[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / x.length;
                }
            }
            for (int j = 0; j < k; j++) {
                scale[j] = scale[j] > 0 ? Math.sqrt(scale[j]) : 1;
            }
            double[] w = new double[k];
            double b = 0;
            double rate = 0.5;
            for (int it = 0; it < iterations; it++) {
                double[] gw = new double[k];
                double gb = 0;
                for (int i = 0; i < x.length; i++) {
                    double z = b;
                    for (int j = 0; j < k; j++) {
                        z += w[j] * (x[i][j] - mean[j]) / scale[j];
                    }
                    double err = 1 / (1 + Math.exp(-z)) - (novel[i] ? 1 : 0);
                    for (int j = 0; j < k; j++) {
                        gw[j] += err * (x[i][j] - mean[j]) / scale[j] / x.length;
                    }
                    gb += err / x.length;
                }
                for (int j = 0; j < k; j++) {
                    w[j] -= rate * (gw[j] + 1e-3 * w[j]);
                }
                b -= rate * gb;
            }
            return new LearnedHead(mean, scale, w, b);
        }

        @Override
        public String name() {
            return "learned-head";
        }

        @Override
        public double[] of(SampleStatistics s) {
            double[][] x = s.columns();
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double z = bias;
                for (int j = 0; j < weights.length; j++) {
                    z += weights[j] * (x[i][j] - mean[j]) / scale[j];
                }
                out[i] = z;
            }
            return out;
        }
    }
}
