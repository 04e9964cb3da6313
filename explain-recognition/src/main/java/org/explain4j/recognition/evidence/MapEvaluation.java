package org.explain4j.recognition.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.metrics.ConfidenceChange;
import org.explain4j.core.metrics.Curve;
import org.explain4j.core.metrics.DeletionInsertion;
import org.explain4j.core.metrics.MetricMaps;
import org.explain4j.core.metrics.Road;
import org.explain4j.core.metrics.SanityCheck;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.Question;
import org.explain4j.core.run.QuestionPolicy;
import org.explain4j.core.run.Runner;
import org.explain4j.core.run.SampleAnswers;
import org.explain4j.core.run.Source;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every method judged by every map-quality metric on the same images, in one run: for each image "Why P?"
 * and "Why P, rather than Q?" (P predicted, Q the runner-up) are answered by the library runner; the "Why
 * P?" maps get deletion and insertion on the probability of P, average drop / increase, ROAD and the
 * sanity check (on the first {@code sanityImages} images); the contrast maps get deletion and insertion on
 * the margin logit_P - logit_Q. A seeded random map is scored beside them as the floor to beat.
 */
public final class MapEvaluation {

    /** One method's numbers: means over the images (sanity check: after randomising every layer). */
    public record MethodScores(String method, int images, double deletion, double insertion, double contrastDeletion,
                               double contrastInsertion, double averageDrop, double increase, double roadMorf, double roadLerf,
                               double road, double sanitySpearmanAbs, double sanitySsim, Boolean sanityPasses, double seconds,
                               double[] meanDeletionCurve, double[] meanInsertionCurve) {
    }

    public record Settings(MethodSpec template, int pixelsPerStep, int batch, int sanityImages, long seed) {
    }

    /** The input-perturbation metrics of one set of maps. */
    private record Perturbation(double deletion, double insertion, double contrastDeletion, double contrastInsertion,
                                double averageDrop, double increase, double roadMorf, double roadLerf, double[] deletionCurve,
                                double[] insertionCurve) {

        MethodScores with(String method, int images, double spearman, double ssim, Boolean passes, double seconds) {
            return new MethodScores(method, images, deletion, insertion, contrastDeletion, contrastInsertion, averageDrop, increase,
                    roadMorf, roadLerf, (roadLerf - roadMorf) / 2, spearman, ssim, passes, seconds, deletionCurve, insertionCurve);
        }
    }

    private final ExplainableModel model;
    private final Settings settings;
    private final Consumer<String> progress;

    public MapEvaluation(ExplainableModel model, Settings settings, Consumer<String> progress) {
        this.model = model;
        this.settings = settings;
        this.progress = progress;
    }

    /** {@code images} [N,C,H,W]; {@code methods} as {@link MethodSpec} names; "random" adds the seeded random floor. */
    public List<MethodScores> run(INDArray images, List<String> methods) {
        List<MethodScores> out = new ArrayList<>();
        GradientEngine engine = new GradientEngine(model);
        for (String name : methods) {
            progress.accept(name);
            long start = System.nanoTime();
            out.add(name.equals("random") ? random(images, start) : method(name, engine, images, start));
        }
        return out;
    }

    private MethodSpec spec(String method) {
        MethodSpec t = settings.template();
        return new MethodSpec(method, t.layer(), t.samples(), t.noise(), t.steps(), t.quadrature(), t.baseline(), t.seed(), t.batchSize());
    }

    private MethodScores method(String name, GradientEngine engine, INDArray images, long start) {
        AttributionMethod method = spec(name).create(engine);
        int n = (int) images.size(0);
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sources.add(Source.of("image " + i, new ModelInput(images.get(NDArrayIndex.interval(i, i + 1)).dup(), null)));
        }
        List<SampleAnswers> answered = new Runner(method, QuestionPolicy.ClassContrasts.predictedVsRunnerUp(), settings.batch()).run(sources);
        List<Explanation> why = answered.stream().map(a -> a.explanations().get(0)).toList();
        List<Explanation> rather = answered.stream().map(a -> a.explanations().get(1)).toList();
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        List<INDArray> importance = why.stream().map(e -> MetricMaps.importance(e, h, w)).toList();
        List<INDArray> contrastImportance = rather.stream().map(e -> MetricMaps.importance(e, h, w)).toList();
        Perturbation partial = perturbationScores(images, importance, contrastImportance,
                why.stream().map(Explanation::question).toList(), rather.stream().map(Explanation::question).toList());
        int k = Math.min(settings.sanityImages(), n);
        double spearman = Double.NaN;
        double ssim = Double.NaN;
        Boolean passes = null;
        if (k > 0) {
            SanityCheck.Result r = new SanityCheck(model, e -> spec(name).create(e), settings.seed())
                    .run(images.get(NDArrayIndex.interval(0, k)).dup(), why.subList(0, k).stream().map(Explanation::question).toList());
            SanityCheck.Step last = r.steps().get(r.steps().size() - 1);
            spearman = last.spearmanAbs();
            ssim = last.ssim();
            passes = r.passes(0.5);
        }
        return partial.with(name, n, spearman, ssim, passes, (System.nanoTime() - start) / 1e9);
    }

    private MethodScores random(INDArray images, long start) {
        int n = (int) images.size(0);
        org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(settings.seed());
        INDArray z = model.forward(images, List.of(model.outputVariable())).get(model.outputVariable());
        List<INDArray> maps = new ArrayList<>();
        List<Question> why = new ArrayList<>();
        List<Question> rather = new ArrayList<>();
        org.explain4j.core.attribution.Forward f = org.explain4j.core.attribution.Forward.ofOutput(images, z, model.outputKind());
        for (int i = 0; i < n; i++) {
            maps.add(Nd4j.rand(rng, new long[] {images.size(2), images.size(3)}).castTo(DataType.DOUBLE));
            int[] ranked = f.ranked(i);
            why.add(new org.explain4j.core.question.ClassQuestion.WhyP(ranked[0]));
            rather.add(new org.explain4j.core.question.ClassQuestion.WhyPRatherQ(ranked[0], ranked[1]));
        }
        return perturbationScores(images, maps, maps, why, rather)
                .with("random", n, Double.NaN, Double.NaN, null, (System.nanoTime() - start) / 1e9);
    }

    private Perturbation perturbationScores(INDArray images, List<INDArray> importance, List<INDArray> contrastImportance,
                                            List<Question> why, List<Question> rather) {
        int n = (int) images.size(0);
        DeletionInsertion di = new DeletionInsertion(model, settings.pixelsPerStep(), Math.max(settings.batch(), 32));
        Road road = new Road(model, settings.seed(), 300);
        double del = 0;
        double ins = 0;
        double cdel = 0;
        double cins = 0;
        double morf = 0;
        double lerf = 0;
        double[] delCurve = null;
        double[] insCurve = null;
        INDArray views = Nd4j.create(DataType.DOUBLE, n, images.size(2), images.size(3));
        for (int i = 0; i < n; i++) {
            INDArray x = images.slice(i);
            Curve d = di.deletion(x, importance.get(i), why.get(i));
            Curve in = di.insertion(x, importance.get(i), why.get(i));
            del += d.auc();
            ins += in.auc();
            delCurve = accumulate(delCurve, d.scores());
            insCurve = accumulate(insCurve, in.scores());
            cdel += di.deletion(x, contrastImportance.get(i), rather.get(i)).auc();
            cins += di.insertion(x, contrastImportance.get(i), rather.get(i)).auc();
            Road.Result r = road.of(x, importance.get(i), why.get(i));
            morf += java.util.Arrays.stream(r.morf()).average().orElseThrow();
            lerf += java.util.Arrays.stream(r.lerf()).average().orElseThrow();
            views.putSlice(i, importance.get(i));
        }
        ConfidenceChange.Result cc = new ConfidenceChange(model).of(images, views, why);
        for (int s = 0; s < delCurve.length; s++) {
            delCurve[s] /= n;
            insCurve[s] /= n;
        }
        return new Perturbation(del / n, ins / n, cdel / n, cins / n, cc.averageDrop(), cc.increase(), morf / n, lerf / n, delCurve, insCurve);
    }

    private static double[] accumulate(double[] sum, double[] add) {
        double[] s = sum == null ? new double[add.length] : sum;
        for (int i = 0; i < add.length; i++) {
            s[i] += add[i];
        }
        return s;
    }
}
