package org.explain4j.recognition.bench;

import java.util.Map;
import org.explain4j.core.bench.Stopwatch;
import org.explain4j.recognition.nets.GradConAutoencoder;
import org.explain4j.recognition.novelty.experiment.AutoencoderScoring;
import org.explain4j.recognition.novelty.train.ReferenceGradient;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The cost of gradient features against the forward pass alone, on GradCON's autoencoder (its weights do not change
 * the work): a whole set of images scored by per-sample decoder-weight gradients (norms and cosines of all four
 * layers, the reconstruction error) versus the same images reconstructed, alternately, same batch size, after a
 * settled warm-up ({@link Stopwatch#settledPaired}).
 */
public final class NoveltyBenchmark {

    /** Medians over the repetitions: seconds for the whole set, and the per-repetition ratio. */
    public record Result(int images, int batch, double featureSeconds, double forwardSeconds, double ratio, int warmupPairs) {
        public double featureRate() {
            return images / featureSeconds;
        }

        public double forwardRate() {
            return images / forwardSeconds;
        }
    }

    private final int warmup;
    private final int reps;
    private final long seed;

    public NoveltyBenchmark(int warmup, int reps, long seed) {
        this.warmup = warmup;
        this.reps = reps;
        this.seed = seed;
    }

    public Result run(INDArray images, int batch) {
        SameDiff ae = GradConAutoencoder.build((int) images.size(1), seed, DataType.FLOAT);
        ReferenceGradient ref = new ReferenceGradient();
        java.util.List<INDArray> shapes = new java.util.ArrayList<>();
        for (String w : GradConAutoencoder.DECODER_WEIGHTS) {
            shapes.add(Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), ae.getVariable(w).getArr().shape())
                    .castTo(DataType.FLOAT));
        }
        ref.update(shapes);
        AutoencoderScoring scoring = new AutoencoderScoring(ae, (int) images.size(1), ref, images.get(NDArrayIndex.interval(0, batch)), batch,
                (d, t) -> { });
        INDArray x = images.castTo(DataType.FLOAT);
        int n = (int) x.size(0);
        Runnable features = () -> scoring.statistics(x, (d, t) -> { });
        Runnable forward = () -> {
            for (int s = 0; s < n; s += batch) {
                ae.output(Map.of(GradConAutoencoder.INPUT, x.get(NDArrayIndex.interval(s, Math.min(n, s + batch)))),
                        GradConAutoencoder.OUTPUT);
            }
        };
        Stopwatch.SettledPair s = new Stopwatch(warmup, reps).settledPaired(features, forward);
        Stopwatch.Paired p = s.paired();
        return new Result(n, batch, p.taskSeconds(), p.baselineSeconds(), p.medianRatio(), s.warmupPairs());
    }
}
