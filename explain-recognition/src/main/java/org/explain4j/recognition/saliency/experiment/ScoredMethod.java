package org.explain4j.recognition.saliency.experiment;

import java.util.List;
import org.explain4j.core.saliency.metrics.SaliencyScores;

/**
 * One saliency model's scores on a set of images under one condition ({@code clean}, {@code sigma 0.1},
 * {@code layer relu1}): each metric's mean and standard deviation (N - 1) over the images, in
 * {@link SaliencyScores#NAMES} order; {@code scored} counts the images whose metric is a number.
 */
public record ScoredMethod(String method, String condition, double[] mean, double[] std, int[] scored) {

    public static ScoredMethod of(String method, String condition, List<SaliencyScores> scores) {
        int m = SaliencyScores.NAMES.size();
        double[] mean = new double[m];
        double[] std = new double[m];
        int[] n = new int[m];
        for (int k = 0; k < m; k++) {
            double s = 0;
            for (SaliencyScores sc : scores) {
                double v = sc.values()[k];
                if (!Double.isNaN(v)) {
                    s += v;
                    n[k]++;
                }
            }
            mean[k] = n[k] == 0 ? Double.NaN : s / n[k];
            double ss = 0;
            for (SaliencyScores sc : scores) {
                double v = sc.values()[k];
                if (!Double.isNaN(v)) {
                    ss += (v - mean[k]) * (v - mean[k]);
                }
            }
            std[k] = n[k] < 2 ? Double.NaN : Math.sqrt(ss / (n[k] - 1));
        }
        return new ScoredMethod(method, condition, mean, std, n);
    }

    public double mean(String metric) {
        return mean[SaliencyScores.NAMES.indexOf(metric)];
    }
}
