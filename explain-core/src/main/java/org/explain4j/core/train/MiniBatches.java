package org.explain4j.core.train;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.explain4j.core.gradient.QuietStdout;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** One epoch of mini-batch steps over arrays in memory, in a seeded order; shared by the trainers. */
final class MiniBatches {

    /** Called after every batch: batch (from 1) of {@code batches}, the batch loss. */
    @FunctionalInterface
    interface Step {
        void done(int batch, int batches, double loss);
    }

    private MiniBatches() {
    }

    /** Runs one epoch of {@code sd.fit} steps (its training config set); returns the mean batch loss. */
    static double epoch(SameDiff sd, String input, String labels, String loss, INDArray x, INDArray y, int batchSize, Random rng,
                        Step step) {
        DataType type = sd.getVariable(input).dataType();
        int n = (int) x.size(0);
        int batches = (n + batchSize - 1) / batchSize;
        long[] order = Arrays.stream(Permutations.of(n, rng)).asLongStream().toArray();
        double sum = 0;
        for (int b = 0; b < batches; b++) {
            long[] rows = Arrays.copyOfRange(order, b * batchSize, Math.min(n, (b + 1) * batchSize));
            INDArray bx = x.get(NDArrayIndex.indices(rows)).castTo(type);
            INDArray by = y.get(NDArrayIndex.indices(rows)).castTo(type);
            // fit builds SameDiff's gradient function on first use, printing a line per op to System.out.
            QuietStdout.run(() -> sd.fit(new DataSet(bx, by)));
            // M2.1's fit(DataSet) returns a History without a loss curve: score the batch after the step.
            double l = sd.output(Map.of(input, bx, labels, by), loss).get(loss).getDouble(0);
            sum += l;
            step.done(b + 1, batches, l);
        }
        return sum / batches;
    }
}
