package org.explain4j.seismic.train;

import java.util.Locale;
import java.util.Random;
import org.explain4j.core.gradient.BatchRows;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.train.ClassificationReport;
import org.explain4j.core.train.ClassifierTraining;
import org.explain4j.core.train.Permutations;
import org.explain4j.core.train.TrainedWeights;
import org.explain4j.datasets.LabelledImages;
import org.explain4j.seismic.nets.SeismicNet;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains {@link SeismicNet} on LANDMASS-layout patches: a seeded split into test (20 %), validation (10 % of the
 * rest, for early stopping) and training, Adam on the softmax cross-entropy, then the test set's accuracy,
 * confusion matrix and per-class precision and recall.
 */
public final class SeismicTrainer {

    /** Hyper-parameters and the seed of the split and the weights. */
    public record Options(int epochs, int batch, double learningRate, int patience, long seed) {
    }

    /** The trained model (inference graph, no loss) and what the test set says of it. */
    public record Result(ExplainableModel model, ClassificationReport test, int trainSize, int validationSize, ClassifierTraining.Result training) {

        /** Precision of class c: of the patches called c, the share that are c. */
        public double precisionOf(int c) {
            int called = 0;
            for (int[] row : test.confusion()) {
                called += row[c];
            }
            return called == 0 ? Double.NaN : test.confusion()[c][c] / (double) called;
        }

        public String markdown() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "test accuracy %.2f%% (%d of %d); %d training and %d validation patches%n%n",
                    100 * test.accuracy(), test.correct(), test.total(), trainSize, validationSize));
            sb.append("| class | precision | recall |\n|---|---:|---:|\n");
            for (int c = 0; c < test.classNames().size(); c++) {
                sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f |%n", test.classNames().get(c), precisionOf(c), test.accuracyOf(c)));
            }
            sb.append('\n').append(test.confusionTable());
            return sb.toString();
        }
    }

    private SeismicTrainer() {
    }

    public static Result train(LabelledImages data, Options o, ClassifierTraining.Listener listener) {
        int n = data.size();
        if (n < 10) {
            throw new IllegalArgumentException("too few patches to split into training, validation and test: " + n);
        }
        int[] order = Permutations.of(n, new Random(o.seed()));
        int testSize = Math.max(1, n / 5);
        int valSize = Math.max(1, (n - testSize) / 10);
        int[] test = java.util.Arrays.copyOfRange(order, 0, testSize);
        int[] val = java.util.Arrays.copyOfRange(order, testSize, testSize + valSize);
        int[] train = java.util.Arrays.copyOfRange(order, testSize + valSize, n);
        ExplainableModel model = SeismicNet.build(o.seed());
        INDArray x = rows(data.images(), train);
        INDArray y = rows(data.oneHot(), train);
        ClassifierTraining.Result r = ClassifierTraining.train(model.graph(), SeismicNet.INPUT, SeismicNet.OUTPUT, x, y,
                rows(data.images(), val), labels(data.labels(), val),
                new ClassifierTraining.Settings(o.epochs(), o.batch(), o.learningRate(), 0, o.patience(), o.seed()), listener);
        ExplainableModel inference = SeismicNet.build(o.seed());
        TrainedWeights.copy(model.graph(), inference.graph());
        INDArray logits = ClassifierTraining.predict(model.graph(), SeismicNet.INPUT, SeismicNet.OUTPUT, rows(data.images(), test));
        ClassificationReport report = ClassificationReport.of(logits, labels(data.labels(), test), data.classNames());
        return new Result(inference, report, train.length, val.length, r);
    }

    private static INDArray rows(INDArray a, int[] idx) {
        return BatchRows.of(a, idx);
    }

    private static int[] labels(int[] all, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = all[idx[i]];
        }
        return out;
    }
}
