package org.explain4j.recognition.novelty.experiment;

import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.novelty.features.GradientFeatures;
import org.explain4j.core.novelty.features.SampleLoss;
import org.explain4j.core.novelty.score.SampleStatistics;
import org.explain4j.recognition.nets.GradConAutoencoder;
import org.explain4j.recognition.novelty.train.ReferenceGradient;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The statistics of a trained autoencoder's gradients over a set of images: per-sample reconstruction error and, at
 * each decoder weight, the norm of dMSE/dW and its cosine to the training reference — batch by batch (one forward,
 * one backward each), the gradients dropped after each batch.
 */
public final class AutoencoderScoring {

    /** Called after every batch with the images done so far. */
    @FunctionalInterface
    public interface Progress {
        void done(int images, int total);
    }

    private final GradientFeatures features;
    private final List<INDArray> reference = new ArrayList<>();
    private final int batchSize;

    public AutoencoderScoring(SameDiff autoencoder, int channels, ReferenceGradient ref, int batchSize) {
        this.features = new GradientFeatures(autoencoder, GradConAutoencoder.INPUT, GradConAutoencoder.OUTPUT,
                SampleLoss.reconstruction(), channels * 28L * 28L, GradConAutoencoder.DECODER_WEIGHTS);
        for (int i = 0; i < ref.size(); i++) {
            reference.add(ref.of(i).reshape(-1).dup());
        }
        this.batchSize = batchSize;
    }

    public SampleStatistics statistics(INDArray images, Progress progress) {
        int n = (int) images.size(0);
        SampleStatistics all = SampleStatistics.empty(GradConAutoencoder.DECODER_WEIGHTS);
        for (int s = 0; s < n; s += batchSize) {
            INDArray x = images.get(NDArrayIndex.interval(s, Math.min(n, s + batchSize)));
            all = all.append(SampleStatistics.of(features.compute(x), GradConAutoencoder.DECODER_WEIGHTS, reference));
            progress.done(Math.min(n, s + batchSize), n);
        }
        return all;
    }
}
