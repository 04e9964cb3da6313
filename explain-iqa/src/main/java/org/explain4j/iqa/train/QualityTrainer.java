package org.explain4j.iqa.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.model.Preprocessing;
import org.explain4j.core.train.ClassifierTraining;
import org.explain4j.datasets.DatasetException;
import org.explain4j.datasets.iqa.QualitySample;
import org.explain4j.iqa.nets.Diqam;
import org.explain4j.iqa.patches.ImageFiles;
import org.explain4j.iqa.score.QualityEvaluation;
import org.explain4j.iqa.score.QualityScorer;
import org.explain4j.core.train.TrainedWeights;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains a DIQaM-family network on a quality data set split by reference image ({@link ReferenceSplit}),
 * on image scores ({@link ImageLevelTraining}), with targets mapped to [0,1] by {@code toUnit}; then
 * scores every held-out image with {@link QualityScorer} and reports SROCC and PLCC, overall and per
 * distortion type. Bosse et al. train 32 random patches per image; here an image gives
 * min(32, the fewest non-overlapping tiles of any training image) random patches per epoch, so that a
 * patch is not seen much more often than in the tiling that scores it.
 */
public final class QualityTrainer {

    public static final int PATCH = 32;
    public static final int MAX_PATCHES_PER_IMAGE = 32;

    /** What to train and how; {@code imagesPerBatch} images with their patches make one step. */
    public record Options(Diqam.Variant variant, double width, int epochs, int imagesPerBatch, double learningRate,
                          double testFraction, long seed) {
    }

    /** The trained model (an inference graph, without the training loss) and its agreement with the held-out scores. */
    public record Result(ExplainableModel model, List<Double> epochLoss, QualityEvaluation.Report heldOut,
                         Set<Integer> testReferences, int patchesPerImage) {
    }

    private QualityTrainer() {
    }

    public static Result train(List<QualitySample> samples, DoubleUnaryOperator toUnit, Options o, ClassifierTraining.Progress progress)
            throws IOException {
        ReferenceSplit split = ReferenceSplit.of(samples, o.testFraction(), o.seed());
        boolean fr = o.variant().fullReference();
        List<ImageLevelTraining.Example> examples = new ArrayList<>();
        for (QualitySample s : split.train()) {
            INDArray image = ImageFiles.read(s.distorted());
            if (image.size(1) < PATCH || image.size(2) < PATCH) {
                throw new DatasetException(s.distorted() + " is smaller than one " + PATCH + "x" + PATCH + " patch");
            }
            INDArray reference = fr ? ImageFiles.read(s.reference()) : null;
            if (reference != null && !java.util.Arrays.equals(reference.shape(), image.shape())) {
                throw new DatasetException(s.reference() + " and " + s.distorted() + " differ in size");
            }
            examples.add(new ImageLevelTraining.Example(image, reference, toUnit.applyAsDouble(s.mos())));
        }
        int perImage = (int) Math.min(MAX_PATCHES_PER_IMAGE, examples.stream()
                .mapToLong(e -> (e.image().size(1) / PATCH) * (e.image().size(2) / PATCH)).min().orElse(1));
        SameDiff trained = Diqam.build(o.variant(), o.width(), o.seed());
        List<Double> losses = ImageLevelTraining.train(trained, examples, perImage,
                new ImageLevelTraining.Settings(o.epochs(), o.imagesPerBatch(), o.learningRate(), o.seed()), progress);
        ExplainableModel model = ExplainableModel.of(inferenceCopy(trained, o), new ModelCard(
                "diqam-" + o.variant().name().toLowerCase(Locale.ROOT).replace('_', '-') + "-w" + o.width(), Diqam.INPUT,
                Diqam.PATCH_SCORE, OutputKind.SCORE, null, new long[] {3, PATCH, PATCH}, Preprocessing.unitRange(), Diqam.LAYER));

        QualityEvaluation.Report report = QualityEvaluation.evaluate(new QualityScorer(model), split.test(), toUnit, done -> { });
        return new Result(model, losses, report, split.testReferences(), perImage);
    }

    /** A fresh graph of the same variant with the trained weights: what is saved carries no loss or target placeholder. */
    private static SameDiff inferenceCopy(SameDiff trained, Options o) {
        SameDiff clean = Diqam.build(o.variant(), o.width(), o.seed());
        TrainedWeights.copy(trained, clean);
        return clean;
    }
}
