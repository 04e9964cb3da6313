package org.explain4j.core.novelty.features;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The loss whose gradients characterise a sample: built from the model's input and output, one value per sample
 * ([N]). Samples must not interact (no batch statistics), so that the gradient of the summed loss at a sample's
 * activations is that sample's own.
 */
@FunctionalInterface
public interface SampleLoss {

    SDVariable perSample(SameDiff sd, SDVariable input, SDVariable output, long valuesPerSample);

    /**
     * The gradient of the summed loss at the output, as graph ops, where the loss knows it in closed form; null
     * otherwise (then {@link GradientFeatures} differentiates with SameDiff, weight gradients and all).
     */
    default SDVariable outputGradient(SameDiff sd, SDVariable input, SDVariable output, long valuesPerSample) {
        return null;
    }

    /** An autoencoder's reconstruction error ({@link ReconstructionError}). */
    static SampleLoss reconstruction() {
        return new SampleLoss() {
            @Override
            public SDVariable perSample(SameDiff sd, SDVariable input, SDVariable output, long valuesPerSample) {
                return ReconstructionError.graph(sd, output, input, valuesPerSample);
            }

            @Override
            public SDVariable outputGradient(SameDiff sd, SDVariable input, SDVariable output, long valuesPerSample) {
                return ReconstructionError.outputGradient(output, input, valuesPerSample);
            }
        };
    }
}
