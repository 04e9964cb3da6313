package org.explain4j.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How well a score separates positives (novel inputs) from negatives (inliers), higher scores meaning "more
 * likely positive". Tied scores form one threshold, as in scikit-learn's {@code roc_curve}: the ROC moves
 * diagonally across a tie, so a tie counts half in the AUROC.
 *
 * <ul>
 *   <li>AUROC: the area under the ROC curve, equal to P(score of a positive > score of a negative) + P(tie) / 2;</li>
 *   <li>AUPR: average precision, sum over thresholds of (R_k - R_(k-1)) P_k (scikit-learn's
 *       {@code average_precision_score}), positives being the novel inputs;</li>
 *   <li>FPR at 95% TPR: the false positive rate at the highest threshold whose true positive rate reaches 0.95.</li>
 * </ul>
 */
public record Detection(double auroc, double aupr, double fprAt95Tpr, List<Point> roc, int positives, int negatives) {

    /** One threshold of the ROC curve. */
    public record Point(double threshold, double fpr, double tpr, double precision) {
    }

    public static Detection of(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " labels");
        }
        int pos = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            pos += positive[i] ? 1 : 0;
        }
        int neg = scores.length - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException("detection needs positives and negatives (" + pos + " and " + neg + ")");
        }
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        List<Point> roc = new ArrayList<>();
        roc.add(new Point(Double.POSITIVE_INFINITY, 0, 0, 1));
        double auroc = 0;
        double ap = 0;
        double fpr95 = Double.NaN;
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < order.length; ) {
            double t = scores[order[k]];
            while (k < order.length && scores[order[k]] == t) {
                if (positive[order[k]]) {
                    tp++;
                } else {
                    fp++;
                }
                k++;
            }
            Point last = roc.get(roc.size() - 1);
            Point p = new Point(t, (double) fp / neg, (double) tp / pos, (double) tp / (tp + fp));
            auroc += (p.fpr() - last.fpr()) * (p.tpr() + last.tpr()) / 2;
            ap += (p.tpr() - last.tpr()) * p.precision();
            if (Double.isNaN(fpr95) && p.tpr() >= 0.95) {
                fpr95 = p.fpr();
            }
            roc.add(p);
        }
        return new Detection(auroc, ap, fpr95, List.copyOf(roc), pos, neg);
    }
}
