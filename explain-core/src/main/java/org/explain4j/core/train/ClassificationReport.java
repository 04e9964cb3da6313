package org.explain4j.core.train;

import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Accuracy, per-class accuracy and the confusion matrix (rows: true class, columns: predicted). */
public record ClassificationReport(List<String> classNames, int total, int correct, int[][] confusion) {

    public static ClassificationReport of(INDArray logits, int[] labels, List<String> classNames) {
        int[] predicted = logits.argMax(1).toIntVector();
        int k = classNames.size();
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            confusion[labels[i]][predicted[i]]++;
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return new ClassificationReport(classNames, labels.length, correct, confusion);
    }

    public double accuracy() {
        return total == 0 ? Double.NaN : correct / (double) total;
    }

    public double accuracyOf(int classIndex) {
        int n = 0;
        for (int c : confusion[classIndex]) {
            n += c;
        }
        return n == 0 ? Double.NaN : confusion[classIndex][classIndex] / (double) n;
    }

    /** The confusion matrix as a Markdown table, with each class's accuracy. */
    public String confusionTable() {
        StringBuilder sb = new StringBuilder("| true \\ predicted |");
        for (int c = 0; c < classNames.size(); c++) {
            sb.append(' ').append(c).append(" |");
        }
        sb.append(" accuracy |\n|---|");
        sb.append("---:|".repeat(classNames.size() + 1)).append('\n');
        for (int t = 0; t < classNames.size(); t++) {
            sb.append("| ").append(t).append(' ').append(classNames.get(t)).append(" |");
            for (int p = 0; p < classNames.size(); p++) {
                sb.append(' ').append(confusion[t][p]).append(" |");
            }
            sb.append(String.format(Locale.ROOT, " %.2f%% |%n", 100 * accuracyOf(t)));
        }
        return sb.toString();
    }
}
