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

    /** An autoencoder's reconstruction error ({@link ReconstructionError}). */
    static SampleLoss reconstruction() {
        return (sd, input, output, size) -> ReconstructionError.graph(sd, output, input, size);
    }
}
