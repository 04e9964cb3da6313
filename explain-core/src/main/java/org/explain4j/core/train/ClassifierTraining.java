package org.explain4j.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.explain4j.core.gradient.QuietStdout;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Mini-batch training of a SameDiff classifier on arrays in memory: softmax cross-entropy on the
 * logits, Adam, batches shuffled from an explicit seed. The graph gains a label placeholder
 * ({@value #LABELS}) and a loss ({@value #LOSS}); the explained part (input to logits) is unchanged.
 */
public final class ClassifierTraining {

    public static final String LABELS = "explain4j_labels";
    public static final String LOSS = "explain4j_training_loss";

    /** Hyper-parameters. */
    public record Settings(int epochs, int batchSize, double learningRate, long seed) {
        public Settings {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("epochs and batch size must be at least 1 and the learning rate positive");
            }
        }
    }

    /** Called after every batch: epoch (from 1), batch (from 1) of {@code batches}, the batch loss. */
    @FunctionalInterface
    public interface Progress {
        void step(int epoch, int batch, int batches, double loss);
    }

    private ClassifierTraining() {
    }

    /** Trains {@code sd} in place; returns the mean loss of each epoch. {@code y} is one-hot [N, classes]. */
    public static List<Double> train(SameDiff sd, String input, String logits, INDArray x, INDArray y, Settings s,
                                     Progress progress) {
        if (x.size(0) != y.size(0)) {
            throw new IllegalArgumentException(x.size(0) + " inputs but " + y.size(0) + " labels");
        }
        DataType type = sd.getVariable(input).dataType();
        if (!sd.hasVariable(LABELS)) {
            SDVariable labels = sd.placeHolder(LABELS, type, -1, y.size(1));
            sd.loss().softmaxCrossEntropy(LOSS, labels, sd.getVariable(logits), null);
        }
        sd.setLossVariables(LOSS);
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(s.learningRate()))
                .dataSetFeatureMapping(input)
                .dataSetLabelMapping(LABELS)
                .build());
        int n = (int) x.size(0);
        int batches = (n + s.batchSize() - 1) / s.batchSize();
        Random rng = new Random(s.seed());
        List<Double> epochLoss = new ArrayList<>();
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            long[] order = shuffled(n, rng);
            double sum = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * s.batchSize();
                int to = Math.min(n, from + s.batchSize());
                INDArray idx = Nd4j.createFromArray(java.util.Arrays.copyOfRange(order, from, to));
                INDArray bx = x.get(NDArrayIndex.indices(idx.toLongVector())).castTo(type);
                INDArray by = y.get(NDArrayIndex.indices(idx.toLongVector())).castTo(type);
                // fit builds SameDiff's gradient function on first use, printing a line per op to System.out.
                QuietStdout.run(() -> sd.fit(new DataSet(bx, by)));
                // M2.1's fit(DataSet) returns a History without a loss curve: score the batch after the step.
                double loss = sd.output(java.util.Map.of(input, bx, LABELS, by), LOSS).get(LOSS).getDouble(0);
                sum += loss;
                progress.step(epoch, b + 1, batches, loss);
            }
            epochLoss.add(sum / batches);
        }
        return epochLoss;
    }

    /** Fraction of rows whose largest logit is the label. */
    public static double accuracy(INDArray logits, int[] labels) {
        INDArray predicted = logits.argMax(1);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted.getInt(i) == labels[i]) {
                correct++;
            }
        }
        return correct / (double) labels.length;
    }

    private static long[] shuffled(int n, Random rng) {
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            long t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
