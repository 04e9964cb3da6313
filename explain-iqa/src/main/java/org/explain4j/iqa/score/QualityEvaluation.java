package org.explain4j.iqa.score;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntConsumer;
import org.explain4j.datasets.iqa.QualitySample;
import org.explain4j.core.metrics.Correlation;
import org.explain4j.iqa.patches.ImageFiles;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Scores a list of rated images and measures the agreement (SROCC, PLCC) with their ratings, overall and per distortion type. */
public final class QualityEvaluation {

    /** SROCC and PLCC of one group of images. */
    public record Agreement(String group, int images, double srocc, double plcc) {
    }

    /** Agreement over all images and per distortion type (in order of first appearance). */
    public record Report(Agreement overall, List<Agreement> perDistortion) {
    }

    private QualityEvaluation() {
    }

    /** {@code toUnit} maps a published rating to [0,1]; {@code done} hears the count of images scored so far. */
    public static Report evaluate(QualityScorer scorer, List<QualitySample> samples, DoubleUnaryOperator toUnit, IntConsumer done)
            throws IOException {
        boolean fr = scorer.variant().fullReference();
        Map<Integer, List<double[]>> byDistortion = new LinkedHashMap<>();
        List<double[]> all = new ArrayList<>();
        for (QualitySample s : samples) {
            INDArray image = ImageFiles.read(s.distorted());
            double predicted = (fr ? scorer.score(image, ImageFiles.read(s.reference())) : scorer.score(image)).score();
            double[] pair = {predicted, toUnit.applyAsDouble(s.mos())};
            all.add(pair);
            byDistortion.computeIfAbsent(s.distortion(), k -> new ArrayList<>()).add(pair);
            done.accept(all.size());
        }
        List<Agreement> per = new ArrayList<>();
        byDistortion.forEach((d, pairs) -> per.add(agreement(String.format(Locale.ROOT, "distortion %02d", d), pairs)));
        return new Report(agreement("all", all), per);
    }

    /** NaN where fewer than three images make the group (no rank correlation to speak of). */
    static Agreement agreement(String group, List<double[]> pairs) {
        double[] a = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] b = pairs.stream().mapToDouble(p -> p[1]).toArray();
        boolean enough = a.length >= 3;
        return new Agreement(group, a.length, enough ? Correlation.spearman(a, b) : Double.NaN, enough ? Correlation.pearson(a, b) : Double.NaN);
    }
}
