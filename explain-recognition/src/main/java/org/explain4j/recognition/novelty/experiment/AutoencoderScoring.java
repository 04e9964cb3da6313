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
 * each decoder weight, the norm of dMSE/dW, its cosine to GradCON's training reference and its cosine to the mean
 * inlier gradient (the mean per-sample gradient of the training images, measured once under the final weights) —
 * batch by batch (one forward, one backward each), the per-sample gradients summarised without being kept
 * ({@link GradientFeatures#summarise}).
 */
public final class AutoencoderScoring {

    /** Called after every batch with the images done so far. */
    @FunctionalInterface
    public interface Progress {
        void done(int images, int total);
    }

    private final GradientFeatures features;
    private final List<INDArray> reference = new ArrayList<>();
    private final List<INDArray> inlierMean = new ArrayList<>();
    private final int batchSize;

    /**
     * @param inliers  the training images, whose mean gradient is the second reference
     * @param progress told of that pass over the inliers
     */
    public AutoencoderScoring(SameDiff autoencoder, int channels, ReferenceGradient ref, INDArray inliers, int batchSize,
                              Progress progress) {
        this.features = features(autoencoder, channels);
        this.batchSize = batchSize;
        for (int i = 0; i < ref.size(); i++) {
            reference.add(ref.of(i).reshape(-1).dup());
        }
        int n = (int) inliers.size(0);
        for (int s = 0; s < n; s += batchSize) {
            GradientFeatures.Batch b = features.compute(inliers.get(NDArrayIndex.interval(s, Math.min(n, s + batchSize))));
            for (int i = 0; i < GradConAutoencoder.DECODER_WEIGHTS.size(); i++) {
                INDArray sum = b.site(GradConAutoencoder.DECODER_WEIGHTS.get(i)).sum(0);
                if (s == 0) {
                    inlierMean.add(sum);
                } else {
                    inlierMean.get(i).addi(sum);
                }
            }
            progress.done(Math.min(n, s + batchSize), n);
        }
        inlierMean.forEach(m -> m.divi(n));
    }

    /**
     * A saved detector's scoring: the two references as they were measured (flattened, one per decoder weight, in
     * {@link GradConAutoencoder#DECODER_WEIGHTS} order), nothing recomputed.
     */
    public AutoencoderScoring(SameDiff autoencoder, int channels, List<INDArray> reference, List<INDArray> inlierMean, int batchSize) {
        this.features = features(autoencoder, channels);
        this.batchSize = batchSize;
        this.reference.addAll(reference);
        this.inlierMean.addAll(inlierMean);
    }

    private static GradientFeatures features(SameDiff autoencoder, int channels) {
        return new GradientFeatures(autoencoder, GradConAutoencoder.INPUT, GradConAutoencoder.OUTPUT, SampleLoss.reconstruction(),
                channels * 28L * 28L, GradConAutoencoder.DECODER_WEIGHTS);
    }

    /** GradCON's training reference, flattened, one per decoder weight. */
    public List<INDArray> reference() {
        return List.copyOf(reference);
    }

    /** The mean inlier gradient, one per decoder weight. */
    public List<INDArray> inlierMean() {
        return List.copyOf(inlierMean);
    }

    public SampleStatistics statistics(INDArray images, Progress progress) {
        int n = (int) images.size(0);
        SampleStatistics all = SampleStatistics.empty(GradConAutoencoder.DECODER_WEIGHTS);
        GradientFeatures.Prepared refs = features.prepare(SampleStatistics.references(GradConAutoencoder.DECODER_WEIGHTS, reference,
                inlierMean));
        for (int s = 0; s < n; s += batchSize) {
            INDArray x = images.get(NDArrayIndex.interval(s, Math.min(n, s + batchSize)));
            all = all.append(SampleStatistics.of(features.summarise(x, refs), GradConAutoencoder.DECODER_WEIGHTS, reference, inlierMean));
            progress.done(Math.min(n, s + batchSize), n);
        }
        return all;
    }
}
