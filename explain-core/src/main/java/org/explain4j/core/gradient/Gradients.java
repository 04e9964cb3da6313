package org.explain4j.core.gradient;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one engine call returns: the model output, the activations of the requested activation
 * variables, and the gradient of each sample's question loss at every requested variable. Per-sample
 * arrays have the batch as first axis; a weight's gradient is the sum over the batch.
 */
public record Gradients(INDArray output, Map<String, INDArray> activations, Map<String, INDArray> gradients) {

    public INDArray activation(String variable) {
        INDArray a = activations.get(variable);
        if (a == null) {
            throw new IllegalArgumentException("no activation was computed for '" + variable + "'");
        }
        return a;
    }

    public INDArray gradient(String variable) {
        INDArray g = gradients.get(variable);
        if (g == null) {
            throw new IllegalArgumentException("no gradient was computed for '" + variable + "'");
        }
        return g;
    }
}
