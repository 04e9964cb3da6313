package org.explain4j.core.metrics;

/** A score followed while pixels are removed or inserted: {@code fractions} of pixels changed, the scores, and the area. */
public record Curve(double[] fractions, double[] scores, double auc) {

    /** Area by the trapezoid rule over the fraction axis. */
    public static Curve of(double[] fractions, double[] scores) {
        double area = 0;
        for (int i = 1; i < scores.length; i++) {
            area += (fractions[i] - fractions[i - 1]) * (scores[i] + scores[i - 1]) / 2;
        }
        return new Curve(fractions, scores, area);
    }
}
