package org.explain4j.core.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * Mini-batch training of a SameDiff classifier on arrays in memory: softmax cross-entropy on the
 * logits, Adam with the learning rate divided by 10 every {@code lrStepEpochs} epochs, batches
 * shuffled from an explicit seed, and, given a validation set, early stopping on validation accuracy
 * with the best epoch's weights restored at the end. The graph gains a label placeholder
 * ({@value #LABELS}) and a loss ({@value #LOSS}); the explained part (input to logits) is unchanged.
 */
public final class ClassifierTraining {

    public static final String LABELS = "explain4j_labels";
    public static final String LOSS = "explain4j_training_loss";
    private static final int EVAL_BATCH = 500;

    /**
     * Hyper-parameters. {@code lrStepEpochs} 0 keeps the rate constant; {@code patience} 0 never stops
     * early (it needs a validation set).
     */
    public record Settings(int epochs, int batchSize, double learningRate, int lrStepEpochs, int patience, long seed) {
        public Settings {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || lrStepEpochs < 0 || patience < 0) {
                throw new IllegalArgumentException("epochs and batch size must be at least 1, the learning rate positive, "
                        + "the step and the patience 0 or more");
            }
        }

        public Settings(int epochs, int batchSize, double learningRate, long seed) {
            this(epochs, batchSize, learningRate, 0, 0, seed);
        }
    }

    /** What happened in one epoch. */
    public record Epoch(int epoch, double trainLoss, double validationAccuracy, double learningRate, boolean best) {
    }

    /** Called after every batch and every epoch. */
    public interface Listener {
        void batch(int epoch, int batch, int batches, double loss);

        default void epoch(Epoch e) {
        }
    }

    /** Called after every batch: epoch (from 1), batch (from 1) of {@code batches}, the batch loss. */
    @FunctionalInterface
    public interface Progress extends Listener {
        void step(int epoch, int batch, int batches, double loss);

        @Override
        default void batch(int epoch, int batch, int batches, double loss) {
            step(epoch, batch, batches, loss);
        }
    }

    /** The epochs run and the one whose weights the model now holds (the last without validation). */
    public record Result(List<Epoch> epochs, int bestEpoch, boolean stoppedEarly) {
        public List<Double> epochLoss() {
            return epochs.stream().map(Epoch::trainLoss).toList();
        }
    }

    private ClassifierTraining() {
    }

    /** Trains without validation; returns the mean loss of each epoch. {@code y} is one-hot [N, classes]. */
    public static List<Double> train(SameDiff sd, String input, String logits, INDArray x, INDArray y, Settings s,
                                     Progress progress) {
        return train(sd, input, logits, x, y, null, null, s, progress).epochLoss();
    }

    /** Trains in place; {@code valX}/{@code valLabels} may be null (no validation, no early stopping). */
    public static Result train(SameDiff sd, String input, String logits, INDArray x, INDArray y, INDArray valX, int[] valLabels,
                               Settings s, Listener listener) {
        if (x.size(0) != y.size(0)) {
            throw new IllegalArgumentException(x.size(0) + " inputs but " + y.size(0) + " labels");
        }
        DataType type = sd.getVariable(input).dataType();
        if (!sd.hasVariable(LABELS)) {
            SDVariable labels = sd.placeHolder(LABELS, type, -1, y.size(1));
            sd.loss().softmaxCrossEntropy(LOSS, labels, sd.getVariable(logits), null);
        }
        sd.setLossVariables(LOSS);
        int n = (int) x.size(0);
        int batches = (n + s.batchSize() - 1) / s.batchSize();
        Adam adam = s.lrStepEpochs() == 0 ? new Adam(s.learningRate())
                : new Adam(new StepSchedule(ScheduleType.ITERATION, s.learningRate(), 0.1, (double) s.lrStepEpochs() * batches));
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(adam)
                .dataSetFeatureMapping(input)
                .dataSetLabelMapping(LABELS)
                .build());
        Random rng = new Random(s.seed());
        List<Epoch> epochs = new ArrayList<>();
        double bestAccuracy = -1;
        int bestEpoch = 0;
        Map<String, INDArray> bestWeights = null;
        boolean stopped = false;
        int iteration = 0;
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            double rate = adam.getLearningRate(iteration, epoch - 1);
            int e = epoch;
            double meanLoss = MiniBatches.epoch(sd, input, LABELS, LOSS, x, y, s.batchSize(), rng,
                    (b, all, loss) -> listener.batch(e, b, all, loss));
            iteration += batches;
            double valAccuracy = Double.NaN;
            boolean best = valX == null;
            if (valX != null) {
                valAccuracy = accuracy(predict(sd, input, logits, valX), valLabels);
                if (valAccuracy > bestAccuracy) {
                    bestAccuracy = valAccuracy;
                    bestEpoch = epoch;
                    bestWeights = snapshot(sd);
                    best = true;
                }
            } else {
                bestEpoch = epoch;
            }
            Epoch done = new Epoch(epoch, meanLoss, valAccuracy, rate, best);
            epochs.add(done);
            listener.epoch(done);
            if (valX != null && s.patience() > 0 && epoch - bestEpoch >= s.patience()) {
                stopped = epoch < s.epochs();
                break;
            }
        }
        if (bestWeights != null) {
            restore(sd, bestWeights);
        }
        return new Result(epochs, bestEpoch, stopped);
    }

    /** Logits for every row of {@code x}, computed in batches. */
    public static INDArray predict(SameDiff sd, String input, String logits, INDArray x) {
        DataType type = sd.getVariable(input).dataType();
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < x.size(0); from += EVAL_BATCH) {
            long to = Math.min(x.size(0), from + EVAL_BATCH);
            INDArray bx = x.get(NDArrayIndex.interval(from, to)).castTo(type);
            parts.add(sd.output(Map.of(input, bx), logits).get(logits));
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
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

    private static Map<String, INDArray> snapshot(SameDiff sd) {
        Map<String, INDArray> out = new HashMap<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                out.put(v.name(), v.getArr().dup());
            }
        }
        return out;
    }

    private static void restore(SameDiff sd, Map<String, INDArray> weights) {
        weights.forEach((name, arr) -> sd.getVariable(name).getArr().assign(arr));
    }
}
