package org.explain4j.core.attribution;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.IntStream;
import org.explain4j.core.model.OutputKind;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One forward pass over a batch: the input, the output, and every value the pass kept by variable name
 * ({@code kept}: a CAM method keeps its layer's activations and what the head's backward reuses).
 * {@code layer} names the explained layer of a CAM method, null for a method on the input.
 */
public record Forward(INDArray input, String layer, INDArray activations, INDArray output, OutputKind kind,
                      Map<String, INDArray> kept) {

    /** A pass that kept no layer (input-space methods). */
    public static Forward ofOutput(INDArray input, INDArray output, OutputKind kind) {
        return new Forward(input, null, null, output, kind, Map.of());
    }

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
        double[] p = outputRow(b);
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

    /** Sample b's output row, in double precision. */
    public double[] outputRow(int b) {
        int per = (int) (output.length() / output.size(0));
        if (output.rank() != 2) {
            return output.reshape(output.size(0), per).getRow(b).toDoubleVector();
        }
        // Read element by element: a sliding-window run asks this of thousands of rows, and each row view costs
        // native shape buffers.
        double[] row = new double[per];
        for (int c = 0; c < per; c++) {
            row[c] = output.getDouble(b, c);
        }
        return row;
    }

    /** Every sample's output row, in double precision, read in one copy (for a caller that wants them all). */
    public double[][] outputRows() {
        int rows = (int) output.size(0);
        int per = (int) (output.length() / rows);
        double[] all = org.explain4j.core.memory.HeapCopies.toDoubles(output);
        double[][] out = new double[rows][];
        for (int b = 0; b < rows; b++) {
            out[b] = Arrays.copyOfRange(all, b * per, (b + 1) * per);
        }
        return out;
    }

    /** Sample b's activations at the layer, [1,C,H,W]. */
    public INDArray activationsOf(int b) {
        if (activations == null) {
            throw new IllegalStateException("this forward pass kept no layer activations");
        }
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
