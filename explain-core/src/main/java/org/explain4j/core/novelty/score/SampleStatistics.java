package org.explain4j.core.novelty.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.explain4j.core.novelty.features.GradientFeatures;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the scores read of each sample, gathered batch by batch so that the gradients themselves (hundreds of
 * kilobytes a sample) are never kept: the loss, and per gradient site the gradient's L2 norm and its cosine to a
 * reference gradient (GradCON's running mean of training gradients, or the mean inlier gradient).
 */
public record SampleStatistics(List<String> sites, double[] loss, double[][] norm, double[][] cosine) {

    public int size() {
        return loss.length;
    }

    /** The per-site statistics of one batch; {@code reference} holds one flattened gradient per site, in site order. */
    public static SampleStatistics of(GradientFeatures.Batch batch, List<String> sites, List<INDArray> reference) {
        int n = (int) batch.loss().length();
        double[][] norm = new double[sites.size()][];
        double[][] cos = new double[sites.size()][];
        for (int s = 0; s < sites.size(); s++) {
            INDArray g = batch.site(sites.get(s));
            INDArray r = reference.get(s).reshape(1, -1).castTo(g.dataType());
            INDArray norms = g.norm2(1);
            double rn = r.norm2Number().doubleValue();
            INDArray dots = g.mmul(r.reshape(-1, 1)).reshape(n);
            norm[s] = norms.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
            cos[s] = new double[n];
            for (int i = 0; i < n; i++) {
                double d = norm[s][i] * rn;
                cos[s][i] = d == 0 ? 0 : dots.getDouble(i) / d;
            }
        }
        return new SampleStatistics(List.copyOf(sites), batch.loss().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .toDoubleVector(), norm, cos);
    }

    /** These rows followed by {@code more}'s. */
    public SampleStatistics append(SampleStatistics more) {
        if (!sites.equals(more.sites)) {
            throw new IllegalArgumentException("different sites");
        }
        double[][] n = new double[sites.size()][];
        double[][] c = new double[sites.size()][];
        for (int s = 0; s < sites.size(); s++) {
            n[s] = concat(norm[s], more.norm[s]);
            c[s] = concat(cosine[s], more.cosine[s]);
        }
        return new SampleStatistics(sites, concat(loss, more.loss), n, c);
    }

    /** The rows {@code rows}, in that order. */
    public SampleStatistics rows(int[] rows) {
        double[][] n = new double[sites.size()][rows.length];
        double[][] c = new double[sites.size()][rows.length];
        double[] l = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            l[i] = loss[rows[i]];
            for (int s = 0; s < sites.size(); s++) {
                n[s][i] = norm[s][rows[i]];
                c[s][i] = cosine[s][rows[i]];
            }
        }
        return new SampleStatistics(sites, l, n, c);
    }

    /** Per sample: log loss, then each site's log norm, then each site's cosine: the columns the fitted scores use. */
    double[][] columns() {
        int k = 1 + 2 * sites.size();
        double[][] rows = new double[size()][k];
        for (int i = 0; i < size(); i++) {
            rows[i][0] = Math.log(Math.max(loss[i], 1e-12));
            for (int s = 0; s < sites.size(); s++) {
                rows[i][1 + s] = Math.log(Math.max(norm[s][i], 1e-12));
                rows[i][1 + sites.size() + s] = cosine[s][i];
            }
        }
        return rows;
    }

    /** Mean over sites of the cosine, per sample. */
    double[] meanCosine() {
        double[] m = new double[size()];
        for (double[] c : cosine) {
            for (int i = 0; i < m.length; i++) {
                m[i] += c[i] / cosine.length;
            }
        }
        return m;
    }

    /** Mean over sites of the norm, per sample. */
    double[] meanNorm() {
        double[] m = new double[size()];
        for (double[] c : norm) {
            for (int i = 0; i < m.length; i++) {
                m[i] += c[i] / norm.length;
            }
        }
        return m;
    }

    public static SampleStatistics empty(List<String> sites) {
        double[][] none = new double[sites.size()][0];
        return new SampleStatistics(List.copyOf(sites), new double[0], none, Arrays.stream(none).map(a -> new double[0])
                .toArray(double[][]::new));
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

}
