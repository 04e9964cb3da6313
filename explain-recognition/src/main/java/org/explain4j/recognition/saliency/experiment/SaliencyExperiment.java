package org.explain4j.recognition.saliency.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.saliency.baseline.CenterBias;
import org.explain4j.core.saliency.metrics.GroundTruth;
import org.explain4j.core.saliency.metrics.Grid;
import org.explain4j.core.saliency.metrics.SaliencyScores;
import org.explain4j.core.train.ClassifierTraining;
import org.explain4j.datasets.saliency.CompositeBenchmark;
import org.explain4j.datasets.saliency.CompositeBenchmark.Composite;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Saliency models scored on composites by every benchmark metric: on the clean images, under Gaussian noise
 * of each level (added to the [0, 1] image, then clipped to it; the ground truth stays), and per explained
 * layer. Shuffled AUC draws its negatives from the union of the fixations of {@link #OTHER_IMAGES} other
 * composites (Borji's M); information gain is over the centre bias.
 */
public final class SaliencyExperiment {

    public static final int OTHER_IMAGES = 10;

    /** Noise levels (sigma in [0, 1] pixel units), a seed, the batch the models run on. */
    public record Settings(List<Double> noiseLevels, long seed, int batch) {
    }

    /** Images scored so far, out of all the experiment scores. */
    public interface Progress {
        void scored(long done, long total);
    }

    /**
     * Everything one run prints: accuracy of the recogniser on the composites per condition, and the tables. {@code byOutcome}
     * splits the clean scores by whether the recogniser named the pasted object's class ({@code recognised}) or not: an
     * explanation of a wrong expectation points at whatever the network took for its answer.
     */
    public record Results(int images, double cleanAccuracy, List<Double> noiseLevels, List<Double> noiseAccuracy,
                          List<ScoredMethod> clean, List<ScoredMethod> noise, List<ScoredMethod> layers, List<ScoredMethod> byOutcome) {
    }

    private final ExplainableModel model;
    private final List<Composite> composites;
    private final Settings settings;
    private final INDArray images;
    private final List<GroundTruth> truths = new ArrayList<>();
    private final List<Grid> others = new ArrayList<>();
    private final Grid centre;

    public SaliencyExperiment(ExplainableModel model, List<Composite> composites, Settings settings) {
        if (composites.size() < 2) {
            throw new IllegalArgumentException("score at least two composites (shuffled AUC needs other images)");
        }
        this.model = model;
        this.composites = composites;
        this.settings = settings;
        this.images = CompositeBenchmark.images(composites).castTo(model.dataType());
        for (Composite c : composites) {
            truths.add(new GroundTruth(c.fixations(), c.density()));
        }
        Random r = new Random(settings.seed());
        for (int i = 0; i < composites.size(); i++) {
            double[] union = new double[composites.get(i).fixations().values().length];
            for (int k = 0; k < Math.min(OTHER_IMAGES, composites.size() - 1); k++) {
                int j = r.nextInt(composites.size() - 1);
                j = j >= i ? j + 1 : j;
                double[] f = composites.get(j).fixations().values();
                for (int p = 0; p < union.length; p++) {
                    union[p] = Math.max(union[p], f[p]);
                }
            }
            Grid g = composites.get(i).fixations();
            others.add(new Grid(g.height(), g.width(), union));
        }
        centre = CenterBias.standard().map(composites.get(0).fixations().height(), composites.get(0).fixations().width());
    }

    /**
     * Scores {@code models} clean and under every noise level, and {@code perLayer(layer)} (the models to compare at a
     * layer) for each of {@code layers}.
     */
    public Results run(List<SaliencyModel> models, List<String> layers, Function<String, List<SaliencyModel>> perLayer, Progress progress) {
        long perPass = composites.size();
        long total = perPass * (models.size() * (1L + settings.noiseLevels().size()));
        for (String l : layers) {
            total += perPass * perLayer.apply(l).size();
        }
        long[] done = {0};
        long all = total;
        Progress step = (d, ignored) -> progress.scored(done[0] += d, all);
        List<ScoredMethod> clean = new ArrayList<>();
        List<ScoredMethod> byOutcome = new ArrayList<>();
        boolean[] right = recognised(images);
        for (SaliencyModel m : models) {
            List<SaliencyScores> scores = scores(m, images, step);
            clean.add(ScoredMethod.of(m.name(), "clean", scores));
            List<SaliencyScores> yes = new ArrayList<>();
            List<SaliencyScores> no = new ArrayList<>();
            for (int i = 0; i < scores.size(); i++) {
                (right[i] ? yes : no).add(scores.get(i));
            }
            byOutcome.add(ScoredMethod.of(m.name(), "recognised (" + yes.size() + ")", yes));
            byOutcome.add(ScoredMethod.of(m.name(), "misrecognised (" + no.size() + ")", no));
        }
        List<ScoredMethod> noise = new ArrayList<>();
        List<Double> noiseAccuracy = new ArrayList<>();
        for (int level = 0; level < settings.noiseLevels().size(); level++) {
            double sigma = settings.noiseLevels().get(level);
            INDArray noisy = noisy(sigma, settings.seed() + 1000 + level);
            noiseAccuracy.add(accuracy(noisy));
            for (SaliencyModel m : models) {
                noise.add(score(m, noisy, String.format(Locale.ROOT, "sigma %.2f", sigma), step));
            }
        }
        List<ScoredMethod> byLayer = new ArrayList<>();
        for (String l : layers) {
            for (SaliencyModel m : perLayer.apply(l)) {
                byLayer.add(score(m, images, "layer " + l, step));
            }
        }
        return new Results(composites.size(), accuracy(images), settings.noiseLevels(), noiseAccuracy, clean, noise, byLayer, byOutcome);
    }

    /** The composites with Gaussian noise of {@code sigma}, clipped to [0, 1], seeded. */
    public INDArray noisy(double sigma, long seed) {
        return withNoise(images, sigma, seed);
    }

    /** {@code x} (pixels in [0, 1]) plus Gaussian noise of {@code sigma}, clipped back to [0, 1]; seeded. */
    public static INDArray withNoise(INDArray x, double sigma, long seed) {
        INDArray n = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(seed), x.shape()).castTo(x.dataType()).muli(sigma);
        return org.nd4j.linalg.ops.transforms.Transforms.min(org.nd4j.linalg.ops.transforms.Transforms.max(x.add(n), 0.0, false), 1.0, false);
    }

    public INDArray images() {
        return images;
    }

    private ScoredMethod score(SaliencyModel model, INDArray x, String condition, Progress step) {
        return ScoredMethod.of(model.name(), condition, scores(model, x, step));
    }

    private List<SaliencyScores> scores(SaliencyModel model, INDArray x, Progress step) {
        List<SaliencyScores> scores = new ArrayList<>();
        int n = (int) x.size(0);
        for (int start = 0; start < n; start += settings.batch()) {
            int end = Math.min(n, start + settings.batch());
            List<Grid> maps = model.maps(x.get(NDArrayIndex.interval(start, end)));
            for (int i = start; i < end; i++) {
                scores.add(SaliencyScores.of(maps.get(i - start), truths.get(i), others.get(i), centre, settings.seed() + i));
            }
            step.scored(end - start, 0);
        }
        return scores;
    }

    /** The recogniser's accuracy on the composites' object classes. */
    private double accuracy(INDArray x) {
        boolean[] right = recognised(x);
        int n = 0;
        for (boolean r : right) {
            n += r ? 1 : 0;
        }
        return (double) n / right.length;
    }

    /** Whether the recogniser names each composite's object class. */
    private boolean[] recognised(INDArray x) {
        INDArray logits = ClassifierTraining.predict(model.graph(), model.inputVariable(), model.outputVariable(), x);
        int[] predicted = logits.argMax(1).toIntVector();
        boolean[] right = new boolean[predicted.length];
        for (int i = 0; i < predicted.length; i++) {
            right[i] = predicted[i] == composites.get(i).label();
        }
        return right;
    }

}
