package org.explain4j.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Mini-batch training of a SameDiff regressor on arrays in memory: mean absolute error (the DIQaM
 * loss), Adam, batches shuffled from an explicit seed. The graph gains a target placeholder
 * ({@value #TARGETS}) and a loss ({@value #LOSS}).
 */
public final class RegressionTraining {

    public static final String TARGETS = "explain4j_targets";
    public static final String LOSS = "explain4j_regression_loss";

    /** Hyper-parameters. */
    public record Settings(int epochs, int batchSize, double learningRate, long seed) {
        public Settings {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("epochs and batch size must be at least 1 and the learning rate positive");
            }
        }
    }

    private RegressionTraining() {
    }

    /** Trains {@code sd} in place towards {@code y} [N,1]; returns the mean loss of each epoch. */
    public static List<Double> train(SameDiff sd, String input, String output, INDArray x, INDArray y, Settings s,
                                     ClassifierTraining.Progress progress) {
        if (x.size(0) != y.size(0)) {
            throw new IllegalArgumentException(x.size(0) + " inputs but " + y.size(0) + " targets");
        }
        if (!sd.hasVariable(TARGETS)) {
            SDVariable t = sd.placeHolder(TARGETS, sd.getVariable(input).dataType(), -1, 1);
            sd.loss().absoluteDifference(LOSS, t, sd.getVariable(output), null);
        }
        sd.setLossVariables(LOSS);
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(s.learningRate()))
                .dataSetFeatureMapping(input).dataSetLabelMapping(TARGETS).build());
        Random rng = new Random(s.seed());
        List<Double> losses = new ArrayList<>();
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            int e = epoch;
            losses.add(MiniBatches.epoch(sd, input, TARGETS, LOSS, x, y.reshape(y.length(), 1), s.batchSize(), rng,
                    (b, all, loss) -> progress.step(e, b, all, loss)));
        }
        return losses;
    }
}
