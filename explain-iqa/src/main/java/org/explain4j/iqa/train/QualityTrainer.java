package org.explain4j.iqa.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import javax.imageio.ImageIO;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.model.Preprocessing;
import org.explain4j.core.render.Images;
import org.explain4j.core.train.ClassifierTraining;
import org.explain4j.core.train.Permutations;
import org.explain4j.core.train.RegressionTraining;
import org.explain4j.datasets.DatasetException;
import org.explain4j.datasets.iqa.QualitySample;
import org.explain4j.iqa.metrics.Correlation;
import org.explain4j.iqa.nets.Diqam;
import org.explain4j.iqa.patches.Patches;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains DIQaM-NR on a quality data set split by reference image (no reference is seen in both
 * parts): every non-overlapping 32x32 patch of a training image learns the image's score (mapped to
 * [0,1] by {@code toUnit}); an image's predicted score is the mean of its patches'. Reports SROCC and
 * PLCC on the held-out references, overall and per distortion type.
 */
public final class QualityTrainer {

    public static final int PATCH = 32;

    /** What to train and how. */
    public record Options(double width, int epochs, int batchSize, double learningRate, double testFraction, long seed) {
    }

    /** SROCC and PLCC of one group of held-out images. */
    public record Agreement(String group, int images, double srocc, double plcc) {
    }

    /** The trained model and its agreement with the held-out scores. */
    public record Result(ExplainableModel model, List<Double> epochLoss, Agreement overall, List<Agreement> perDistortion,
                         Set<Integer> testReferences) {
    }

    private QualityTrainer() {
    }

    public static Result train(List<QualitySample> samples, DoubleUnaryOperator toUnit, Options o, ClassifierTraining.Progress progress)
            throws IOException {
        List<Integer> refs = new ArrayList<>(new TreeSet<>(samples.stream().map(QualitySample::referenceId).toList()));
        if (refs.size() < 2) {
            throw new DatasetException("a split by reference image needs at least two references, got " + refs.size());
        }
        int[] order = Permutations.of(refs.size(), new Random(o.seed()));
        int nTest = Math.max(1, (int) Math.round(refs.size() * o.testFraction()));
        Set<Integer> testRefs = new TreeSet<>();
        for (int i = 0; i < nTest; i++) {
            testRefs.add(refs.get(order[i]));
        }
        List<INDArray> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (QualitySample s : samples) {
            if (!testRefs.contains(s.referenceId())) {
                INDArray p = Patches.tiles(load(s.distorted()), PATCH);
                xs.add(p);
                for (int i = 0; i < p.size(0); i++) {
                    ys.add(toUnit.applyAsDouble(s.mos()));
                }
            }
        }
        INDArray x = Nd4j.concat(0, xs.toArray(INDArray[]::new));
        INDArray y = Nd4j.createFromArray(ys.stream().mapToDouble(Double::doubleValue).toArray()).reshape(ys.size(), 1)
                .castTo(x.dataType());
        SameDiff sd = Diqam.build(Diqam.Variant.NR, o.width(), o.seed());
        List<Double> losses = RegressionTraining.train(sd, Diqam.INPUT, Diqam.PATCH_SCORE, x, y,
                new RegressionTraining.Settings(o.epochs(), o.batchSize(), o.learningRate(), o.seed()), progress);
        ExplainableModel model = ExplainableModel.of(sd, new ModelCard("diqam-nr-w" + o.width(), Diqam.INPUT, Diqam.PATCH_SCORE,
                OutputKind.SCORE, null, new long[] {3, PATCH, PATCH}, Preprocessing.unitRange(), Diqam.LAYER));

        Map<Integer, List<double[]>> byDistortion = new LinkedHashMap<>();
        List<double[]> all = new ArrayList<>();
        for (QualitySample s : samples) {
            if (testRefs.contains(s.referenceId())) {
                double predicted = score(model, load(s.distorted()));
                double[] pair = {predicted, toUnit.applyAsDouble(s.mos())};
                all.add(pair);
                byDistortion.computeIfAbsent(s.distortion(), k -> new ArrayList<>()).add(pair);
            }
        }
        List<Agreement> per = new ArrayList<>();
        byDistortion.forEach((d, pairs) -> per.add(agreement(String.format(Locale.ROOT, "distortion %02d", d), pairs)));
        return new Result(model, losses, agreement("all", all), per, testRefs);
    }

    /** An image's score: the mean of its non-overlapping patches' scores. */
    public static double score(ExplainableModel model, INDArray chw) {
        INDArray p = Patches.tiles(chw, PATCH);
        return model.forward(p, List.of(model.outputVariable())).get(model.outputVariable()).meanNumber().doubleValue();
    }

    private static Agreement agreement(String group, List<double[]> pairs) {
        double[] a = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] b = pairs.stream().mapToDouble(p -> p[1]).toArray();
        boolean enough = a.length >= 3;
        return new Agreement(group, a.length, enough ? Correlation.spearman(a, b) : Double.NaN, enough ? Correlation.pearson(a, b) : Double.NaN);
    }

    private static INDArray load(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new DatasetException("cannot read " + file + " as an image");
        }
        return Images.toArray(img);
    }
}
