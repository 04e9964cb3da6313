package org.explain4j.core.novelty.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.explain4j.core.novelty.features.GradientFeatures;
import org.explain4j.core.novelty.features.GradientSummary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the scores read of each sample, gathered batch by batch so that the gradients themselves (hundreds of
 * kilobytes a sample) are never kept: the loss, and per gradient site the gradient's L2 norm, its cosine to a
 * reference gradient ({@code cosine}: GradCON's running mean of training gradients) and its cosine to the mean
 * inlier gradient ({@code cosineToMean}: the mean per-sample gradient of the training images under the final model).
 */
public record SampleStatistics(List<String> sites, double[] loss, double[][] norm, double[][] cosine, double[][] cosineToMean) {

    public int size() {
        return loss.length;
    }

    /**
     * The per-site statistics of one batch; {@code reference} and {@code inlierMean} hold one flattened gradient per
     * site, in site order.
     */
    public static SampleStatistics of(GradientFeatures.Batch batch, List<String> sites, List<INDArray> reference,
                                      List<INDArray> inlierMean) {
        Map<String, GradientSummary> summaries = new LinkedHashMap<>();
        for (int s = 0; s < sites.size(); s++) {
            INDArray rows = batch.site(sites.get(s));
            summaries.put(sites.get(s), GradientSummary.ofRows(rows,
                    GradientSummary.References.rows(List.of(reference.get(s), inlierMean.get(s)), rows.dataType())));
        }
        return of(new GradientFeatures.Summaries(summaries, batch.loss(), batch.output()), sites, reference, inlierMean);
    }

    /**
     * The same from summaries whose dots are, per site, with that site's {@code reference} and {@code inlierMean}
     * in that order ({@link #references}).
     */
    public static SampleStatistics of(GradientFeatures.Summaries batch, List<String> sites, List<INDArray> reference,
                                      List<INDArray> inlierMean) {
        double[][] norm = new double[sites.size()][];
        double[][] cos = new double[sites.size()][];
        double[][] toMean = new double[sites.size()][];
        for (int s = 0; s < sites.size(); s++) {
            GradientSummary g = batch.site(sites.get(s));
            norm[s] = g.norms().castTo(DataType.DOUBLE).toDoubleVector();
            INDArray dots = g.dots().castTo(DataType.DOUBLE);
            cos[s] = cosines(dots.getColumn(0).toDoubleVector(), norm[s], reference.get(s));
            toMean[s] = cosines(dots.getColumn(1).toDoubleVector(), norm[s], inlierMean.get(s));
        }
        return new SampleStatistics(List.copyOf(sites), batch.loss().castTo(DataType.DOUBLE).toDoubleVector(), norm, cos, toMean);
    }

    /** Per site, the two references {@link #of(GradientFeatures.Summaries, List, List, List)} expects the dots with. */
    public static Map<String, List<INDArray>> references(List<String> sites, List<INDArray> reference, List<INDArray> inlierMean) {
        Map<String, List<INDArray>> refs = new LinkedHashMap<>();
        for (int s = 0; s < sites.size(); s++) {
            refs.put(sites.get(s), List.of(reference.get(s), inlierMean.get(s)));
        }
        return refs;
    }

    private static double[] cosines(double[] dots, double[] norms, INDArray reference) {
        double rn = reference.castTo(DataType.DOUBLE).norm2Number().doubleValue();
        double[] c = new double[dots.length];
        for (int i = 0; i < c.length; i++) {
            double d = norms[i] * rn;
            c[i] = d == 0 ? 0 : dots[i] / d;
        }
        return c;
    }

    /** These rows followed by {@code more}'s. */
    public SampleStatistics append(SampleStatistics more) {
        if (!sites.equals(more.sites)) {
            throw new IllegalArgumentException("different sites");
        }
        double[][] n = new double[sites.size()][];
        double[][] c = new double[sites.size()][];
        double[][] m = new double[sites.size()][];
        for (int s = 0; s < sites.size(); s++) {
            n[s] = concat(norm[s], more.norm[s]);
            c[s] = concat(cosine[s], more.cosine[s]);
            m[s] = concat(cosineToMean[s], more.cosineToMean[s]);
        }
        return new SampleStatistics(sites, concat(loss, more.loss), n, c, m);
    }

    /** The rows {@code rows}, in that order. */
    public SampleStatistics rows(int[] rows) {
        double[][] n = new double[sites.size()][rows.length];
        double[][] c = new double[sites.size()][rows.length];
        double[][] m = new double[sites.size()][rows.length];
        double[] l = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            l[i] = loss[rows[i]];
            for (int s = 0; s < sites.size(); s++) {
                n[s][i] = norm[s][rows[i]];
                c[s][i] = cosine[s][rows[i]];
                m[s][i] = cosineToMean[s][rows[i]];
            }
        }
        return new SampleStatistics(sites, l, n, c, m);
    }

    /**
     * Per sample: log loss, then each site's log norm, cosine to the reference and cosine to the inlier mean: the
     * columns the fitted scores use.
     */
    double[][] columns() {
        int k = 1 + 3 * sites.size();
        int l = sites.size();
        double[][] rows = new double[size()][k];
        for (int i = 0; i < size(); i++) {
            rows[i][0] = Math.log(Math.max(loss[i], 1e-12));
            for (int s = 0; s < l; s++) {
                rows[i][1 + s] = Math.log(Math.max(norm[s][i], 1e-12));
                rows[i][1 + l + s] = cosine[s][i];
                rows[i][1 + 2 * l + s] = cosineToMean[s][i];
            }
        }
        return rows;
    }

    /** Mean over sites of the cosine to the reference, per sample. */
    double[] meanCosine() {
        return meanOver(cosine);
    }

    /** Mean over sites of the cosine to the inlier mean, per sample. */
    double[] meanCosineToMean() {
        return meanOver(cosineToMean);
    }

    private double[] meanOver(double[][] perSite) {
        double[] m = new double[size()];
        for (double[] c : perSite) {
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
        return new SampleStatistics(List.copyOf(sites), new double[0], new double[sites.size()][0], new double[sites.size()][0],
                new double[sites.size()][0]);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

}
