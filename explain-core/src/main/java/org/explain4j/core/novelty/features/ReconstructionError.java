package org.explain4j.core.novelty.features;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reconstruction loss of an autoencoder, per sample: the mean over every value of (output - input)^2, as
 * PyTorch's {@code mse_loss} computes it for a batch of one. The one definition that training (its batch mean),
 * gradient features and the activation baseline score all use.
 */
public final class ReconstructionError {

    private ReconstructionError() {
    }

    /** Per-sample MSE [N] in a graph; {@code valuesPerSample} is C x H x W. */
    public static SDVariable graph(SameDiff sd, SDVariable output, SDVariable target, long valuesPerSample) {
        return sd.math().square(output.sub(target)).reshape(-1, valuesPerSample).mean(1);
    }

    /**
     * d(sum over samples of {@link #graph})/d(output) = 2 (output - target) / valuesPerSample: each sample's own
     * gradient, since the sum's n-th term involves only sample n.
     */
    public static SDVariable outputGradient(SDVariable output, SDVariable target, long valuesPerSample) {
        return output.sub(target).mul(2.0 / valuesPerSample);
    }

    /** Per-sample MSE [N] of arrays [N, ...]. */
    public static INDArray of(INDArray output, INDArray target) {
        INDArray d = output.sub(target);
        return d.muli(d).reshape(d.size(0), -1).mean(1);
    }
}
