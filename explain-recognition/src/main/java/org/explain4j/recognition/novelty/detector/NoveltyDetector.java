package org.explain4j.recognition.novelty.detector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.model.ModelLoadException;
import org.explain4j.core.novelty.score.NoveltyScore;
import org.explain4j.core.novelty.score.SampleStatistics;
import org.explain4j.recognition.nets.GradConAutoencoder;
import org.explain4j.recognition.novelty.experiment.AutoencoderScoring;
import org.explain4j.recognition.novelty.experiment.OneClassExperiment;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained one-class novelty detector kept on disk, so that a data set can be scored later (or across a cluster)
 * exactly as the experiment scored its test set: GradCON's autoencoder, its training reference gradient and the mean
 * inlier gradient per decoder weight, the GradCON weight and the Mahalanobis score fitted on the validation inliers.
 * A folder: {@value #MODEL}, {@value #SETTINGS}, {@code reference-<i>.npy}, {@code inlier-mean-<i>.npy}.
 */
public final class NoveltyDetector {

    public static final String MODEL = "autoencoder.fb";
    public static final String SETTINGS = "detector.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What {@value #SETTINGS} holds. */
    public record Settings(String data, int inlier, int channels, double gradconWeight, List<String> sites, double[] mahalanobisMean,
                           double[][] mahalanobisInverseCovariance) {
    }

    private final SameDiff autoencoder;
    private final Settings settings;
    private final List<INDArray> reference;
    private final List<INDArray> inlierMean;

    public NoveltyDetector(SameDiff autoencoder, Settings settings, List<INDArray> reference, List<INDArray> inlierMean) {
        this.autoencoder = autoencoder;
        this.settings = settings;
        this.reference = List.copyOf(reference);
        this.inlierMean = List.copyOf(inlierMean);
    }

    public Settings settings() {
        return settings;
    }

    /** The same detector naming the data set it was trained on. */
    public NoveltyDetector withData(String data) {
        return new NoveltyDetector(autoencoder, new Settings(data, settings.inlier(), settings.channels(), settings.gradconWeight(),
                settings.sites(), settings.mahalanobisMean(), settings.mahalanobisInverseCovariance()), reference, inlierMean);
    }

    /** The files of a detector folder with {@code sites} decoder weights. */
    public static List<String> files(int sites) {
        List<String> names = new ArrayList<>(List.of(MODEL, SETTINGS));
        for (int i = 0; i < sites; i++) {
            names.add("reference-" + i + ".npy");
            names.add("inlier-mean-" + i + ".npy");
        }
        return names;
    }

    /** Writes the folder whole or not at all. */
    public void save(Path dir) throws IOException {
        try (OutputStaging staging = new OutputStaging(dir)) {
            autoencoder.save(staging.file(MODEL).toFile(), false);
            AtomicFiles.write(staging.file(SETTINGS), tmp -> JSON.writeValue(tmp.toFile(), settings));
            for (int i = 0; i < reference.size(); i++) {
                NpyFiles.write(staging.file("reference-" + i + ".npy"), reference.get(i));
                NpyFiles.write(staging.file("inlier-mean-" + i + ".npy"), inlierMean.get(i));
            }
            staging.commit();
        }
    }

    public static NoveltyDetector load(Path dir) {
        Path settingsFile = dir.resolve(SETTINGS);
        if (!Files.isRegularFile(settingsFile) || !Files.isRegularFile(dir.resolve(MODEL))) {
            throw new ModelLoadException(dir + " is no novelty detector: it needs " + MODEL + " and " + SETTINGS
                    + " (written by bin/explain recognition novelty --save-detectors DIR)");
        }
        Settings settings;
        SameDiff ae;
        try {
            settings = JSON.readValue(settingsFile.toFile(), Settings.class);
            ae = SameDiff.load(dir.resolve(MODEL).toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot read the novelty detector in " + dir + " (" + ModelLoadException.firstLine(e) + ")", e);
        }
        if (!GradConAutoencoder.DECODER_WEIGHTS.equals(settings.sites())) {
            throw new ModelLoadException(dir + ": the detector's gradient sites " + settings.sites() + " are not GradCON's decoder weights");
        }
        int columns = 1 + 3 * settings.sites().size();
        double[][] inverse = settings.mahalanobisInverseCovariance();
        if (settings.channels() != 1 && settings.channels() != 3 || settings.mahalanobisMean() == null
                || settings.mahalanobisMean().length != columns || inverse == null || inverse.length != columns
                || java.util.Arrays.stream(inverse).anyMatch(r -> r == null || r.length != columns)) {
            throw new ModelLoadException(dir.resolve(SETTINGS) + " does not fit a GradCON detector: channels 1 or 3 and a "
                    + columns + "-column Mahalanobis mean and " + columns + "x" + columns + " inverse covariance expected");
        }
        if (java.util.stream.Stream.concat(java.util.Arrays.stream(settings.mahalanobisMean()).boxed(),
                java.util.Arrays.stream(inverse).flatMapToDouble(java.util.Arrays::stream).boxed()).anyMatch(v -> !Double.isFinite(v))) {
            throw new ModelLoadException(dir.resolve(SETTINGS) + " holds NaN or infinite Mahalanobis values");
        }
        List<INDArray> reference = new ArrayList<>();
        List<INDArray> inlierMean = new ArrayList<>();
        for (int i = 0; i < settings.sites().size(); i++) {
            long size = ae.getVariable(settings.sites().get(i)).getArr().length();
            reference.add(gradient(dir.resolve("reference-" + i + ".npy"), size));
            inlierMean.add(gradient(dir.resolve("inlier-mean-" + i + ".npy"), size));
        }
        return new NoveltyDetector(ae, settings, reference, inlierMean);
    }

    /** A saved gradient: as many finite values as its weight has. */
    private static INDArray gradient(Path file, long size) {
        INDArray g = NpyFiles.read(file);
        if (g.length() != size) {
            throw new ModelLoadException(file + " holds " + g.length() + " values; its decoder weight has " + size);
        }
        if (g.isNaN().any() || g.isInfinite().any()) {
            throw new ModelLoadException(file + " holds NaN or infinite values");
        }
        return g;
    }

    /** The scoring of this detector, {@code batch} images per backward pass. */
    public AutoencoderScoring scoring(int batch) {
        return new AutoencoderScoring(autoencoder, settings.channels(), reference, inlierMean, batch);
    }

    /** The experiment's scores, in its table order ({@link OneClassExperiment#SCORES}); higher means more novel. */
    public List<NoveltyScore> scores() {
        return List.of(new NoveltyScore.Reconstruction(), new NoveltyScore.GradientCosine(), new NoveltyScore.GradCon(settings.gradconWeight()),
                new NoveltyScore.InlierCosine(), new NoveltyScore.GradientNorm(),
                new NoveltyScore.Mahalanobis(settings.mahalanobisMean(), settings.mahalanobisInverseCovariance()));
    }

    /** Every score of every sample of {@code s}, by score name. */
    public Map<String, double[]> score(SampleStatistics s) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (NoveltyScore score : scores()) {
            out.put(score.name(), score.of(s));
        }
        return out;
    }
}
