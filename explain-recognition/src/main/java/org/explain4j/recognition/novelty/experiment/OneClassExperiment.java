package org.explain4j.recognition.novelty.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.explain4j.core.metrics.Detection;
import org.explain4j.core.novelty.score.NoveltyScore;
import org.explain4j.core.novelty.score.SampleStatistics;
import org.explain4j.recognition.nets.GradConAutoencoder;
import org.explain4j.recognition.novelty.detector.NoveltyDetector;
import org.explain4j.recognition.novelty.protocol.OneClassSplit;
import org.explain4j.recognition.novelty.train.GradConTraining;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One inlier class of the one-class protocol: trains GradCON's autoencoder on the class, then scores the test set by
 * the activation baseline (reconstruction error) and the gradient scores in the same pass, and measures each.
 * The Mahalanobis score is fitted on the validation inliers (never on the test set).
 */
public final class OneClassExperiment {

    /** The scores of a run, in table order. */
    public static final List<String> SCORES = List.of("reconstruction", "gradient-cosine", "gradcon", "inlier-cosine", "gradient-norm",
            "mahalanobis");

    public record Settings(int epochs, boolean constrained, double gradconWeight, long seed) {
    }

    /** One inlier class's measurements, and its detector (to save and score other data with later). */
    public record ClassResult(int inlier, Map<String, Detection> byScore, GradConTraining.Result training, int trainImages,
                              int testImages, double seconds, NoveltyDetector detector) {
    }


    private final Settings settings;

    public OneClassExperiment(Settings settings) {
        this.settings = settings;
    }

    public ClassResult run(OneClassSplit split, int channels, NoveltyProgress progress) {
        long start = System.nanoTime();
        SameDiff ae = GradConAutoencoder.build(channels, settings.seed() + split.inlier(), DataType.FLOAT);
        GradConTraining.Result trained = new GradConTraining(ae, t -> GradConAutoencoder.build(channels, 0, t),
                GradConAutoencoder.INPUT, GradConAutoencoder.OUTPUT, GradConAutoencoder.DECODER_WEIGHTS,
                GradConTraining.Settings.gradcon(settings.epochs(), settings.constrained(), settings.seed()))
                .train(split.train(), split.validation(), (e, b, n, l) -> progress.training(e, settings.epochs(), b, n, l));
        int trainN = (int) split.train().size(0);
        int valN = (int) split.validation().size(0);
        int total = trainN + valN + (int) split.test().size(0);
        AutoencoderScoring scoring = new AutoencoderScoring(ae, channels, trained.reference(), split.train(), 64,
                (d, n) -> progress.scoring(d, total));
        SampleStatistics val = scoring.statistics(split.validation(), (d, n) -> progress.scoring(trainN + d, total));
        SampleStatistics test = scoring.statistics(split.test(), (d, n) -> progress.scoring(trainN + valN + d, total));
        NoveltyScore.Mahalanobis mahalanobis = NoveltyScore.Mahalanobis.fit(val);
        NoveltyDetector detector = new NoveltyDetector(ae, new NoveltyDetector.Settings(null, split.inlier(), channels,
                settings.gradconWeight(), GradConAutoencoder.DECODER_WEIGHTS, mahalanobis.mean(), mahalanobis.inverseCovariance()),
                scoring.reference(), scoring.inlierMean());
        Map<String, Detection> by = new LinkedHashMap<>();
        for (NoveltyScore s : detector.scores()) {
            by.put(s.name(), Detection.of(s.of(test), split.novel()));
        }
        return new ClassResult(split.inlier(), by, trained, (int) split.train().size(0), test.size(),
                (System.nanoTime() - start) / 1e9, detector);
    }
}
