package org.explain4j.core.cam;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.explain4j.core.model.OutputKind;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One forward pass over a batch: the input, the activations at the explained layer, the output, and
 * every value the pass kept for the backward of the head ({@code kept}, by variable name).
 */
public record Forward(INDArray input, String layer, INDArray activations, INDArray output, OutputKind kind,
                      java.util.Map<String, INDArray> kept) {

    public int batchSize() {
        return (int) input.size(0);
    }

    /** Class probabilities [B, classes] (softmax of logits, or the output itself). */
    public INDArray probabilities() {
        requireClassifier();
        INDArray z = output.reshape(output.size(0), output.length() / output.size(0));
        return kind == OutputKind.PROBABILITIES ? z : Transforms.softmax(z, true);
    }

    /** Classes of sample b from most to least likely. */
    public int[] ranked(int b) {
        requireClassifier();
        // Softmax keeps the order of the logits: rank sample b's own row, not the batch's probabilities.
        double[] p = output.reshape(output.size(0), output.length() / output.size(0)).getRow(b).toDoubleVector();
        return IntStream.range(0, p.length).boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> -p[c]))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The predicted class of sample b (P when the user names none). */
    public int predicted(int b) {
        return ranked(b)[0];
    }

    /** The second most likely class of sample b (the default contrast Q). */
    public int runnerUp(int b) {
        return ranked(b)[1];
    }

    /** The score of sample b for a regressor. */
    public double score(int b) {
        if (kind.isClassifier()) {
            throw new IllegalStateException("a classifier has no single score");
        }
        return output.reshape(output.length()).getDouble(b);
    }

    /** Sample b's activations, [1,C,H,W]. */
    public INDArray activationsOf(int b) {
        return activations.slice(b).reshape(prepend(activations.shape()));
    }

    private void requireClassifier() {
        if (!kind.isClassifier()) {
            throw new IllegalStateException("a regressor has no class probabilities");
        }
    }

    private static long[] prepend(long[] shape) {
        long[] s = Arrays.copyOf(shape, shape.length);
        s[0] = 1;
        return s;
    }
}
