package org.explain4j.core.saliency.implicit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.cam.MapOps;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.TinyNets;
import org.explain4j.core.question.ClassQuestion.WhyP;
import org.explain4j.core.question.ClassQuestion.WhyPRatherQ;
import org.explain4j.core.question.CustomQuestion;
import org.explain4j.core.question.Question;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Implicit saliency against its definition, built from independent pieces: each conflicting label's pseudo map
 * from Grad-CAM asked that contrast alone ({@link CamExplainer}, itself checked by hand and by finite differences),
 * or from the whole graph's gradient; then the statistics written out here.
 */
class ImplicitSaliencyTest {

    private static final int CLASSES = 7;
    private static ExplainableModel model;
    private static GradientEngine engine;
    private static INDArray inputs;

    @BeforeAll
    static void build() {
        model = TinyNets.cnn(DataType.DOUBLE, 17, CLASSES);
        engine = new GradientEngine(model);
        inputs = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(5), 3, 3, 8, 8).castTo(DataType.DOUBLE);
    }

    private static ImplicitSaliency implicit(ConflictingLabels labels, PseudoMap pseudo, Combination c, String... layers) {
        return new ImplicitSaliency(engine, List.of(layers), labels, pseudo, c);
    }

    /** The conflicting labels of sample b for expectation p, most likely first, and their probabilities. */
    private static int[] conflicting(int b, int p) {
        Forward f = new CamExplainer(engine, "relu2").forward(inputs);
        return new ConflictingLabels.AllButExpected().of(f.ranked(b), p);
    }

    /** relu(contrastive Grad-CAM) of sample b for "Why p, rather than q?", asked alone. */
    private static INDArray gradCamPseudo(String layer, int b, int p, int q) {
        INDArray x = inputs.get(NDArrayIndex.interval(b, b + 1));
        INDArray raw = new CamExplainer(engine, layer).explain(x, List.of(new WhyPRatherQ(p, q))).get(0).raw();
        return MapOps.relu(raw);
    }

    @Test
    void oneConflictingLabelIsTheContrastiveGradCamMap() {
        int p = 2;
        int q = 5;
        Explanation e = implicit(new ConflictingLabels.Given(Set.of(q)), PseudoMap.GRAD_CAM, Combination.MEAN, "relu2")
                .explain(inputs.get(NDArrayIndex.interval(1, 2)), List.of(new WhyP(p))).get(0);
        assertClose(gradCamPseudo("relu2", 1, p, q), e.raw(), "one label");
        assertEquals(q, e.detail(ImplicitSaliency.CONFLICTING).getInt(0));
        assertEquals(-1, e.detail(ImplicitSaliency.CONFLICTING).getInt(1), "fewer than three labels: -1");
    }

    @Test
    void everyCombinationIsItsStatisticOverThePseudoMaps() {
        int b = 0;
        int p = 3;
        INDArray probs = new CamExplainer(engine, "relu2").forward(inputs).probabilities();
        int[] labels = conflicting(b, p);
        assertEquals(CLASSES - 1, labels.length);
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, 4, 4);
        INDArray squares = Nd4j.zeros(DataType.DOUBLE, 4, 4);
        INDArray weighted = Nd4j.zeros(DataType.DOUBLE, 4, 4);
        double total = 0;
        List<INDArray> pseudo = new ArrayList<>();
        for (int q : labels) {
            INDArray m = gradCamPseudo("relu2", b, p, q);
            pseudo.add(m);
            sum.addi(m);
            squares.addi(m.mul(m));
            double pq = probs.getDouble(b, q);
            weighted.addi(m.mul(pq));
            total += pq;
        }
        INDArray mean = sum.div(labels.length);
        INDArray variance = squares.div(labels.length).sub(mean.mul(mean));
        INDArray x = inputs.get(NDArrayIndex.interval(b, b + 1));
        List<Question> why = List.of(new WhyP(p));
        assertClose(mean, method(Combination.MEAN).explain(x, why).get(0).raw(), "mean");
        assertClose(weighted.div(total), method(Combination.PROBABILITY_WEIGHTED).explain(x, why).get(0).raw(), "weighted");
        Explanation v = method(Combination.VARIANCE).explain(x, why).get(0);
        assertClose(variance, v.raw(), "variance");
        // The three pseudo maps shown are those of the three most likely conflicting labels, in that order.
        for (int k = 0; k < 3; k++) {
            assertEquals(labels[k], v.detail(ImplicitSaliency.CONFLICTING).getInt(k));
            assertClose(pseudo.get(k), v.detail(ImplicitSaliency.PSEUDO_MAPS).slice(k), "pseudo map " + k);
            assertTrue(probs.getDouble(b, labels[k]) >= probs.getDouble(b, labels[k + 1]), "most likely first");
        }
    }

    private static ImplicitSaliency method(Combination c) {
        return implicit(new ConflictingLabels.AllButExpected(), PseudoMap.GRAD_CAM, c, "relu2");
    }

    @Test
    void gradientMagnitudeIsTheSumOfAbsoluteGradientsOfTheWholeGraph() {
        int b = 2;
        int p = 0;
        int[] labels = new ConflictingLabels.RunnersUp(2).of(new CamExplainer(engine, "relu2").forward(inputs).ranked(b), p);
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, 8, 8);
        INDArray x = inputs.get(NDArrayIndex.interval(b, b + 1));
        for (int q : labels) {
            // The whole graph's backward: not the head-only path the method takes at a clean cut.
            INDArray g = engine.compute(x, List.of(new WhyPRatherQ(p, q)), List.of("relu1")).gradient("relu1");
            expected.addi(Transforms.abs(g, true).sum(1).reshape(8, 8));
        }
        Explanation e = implicit(new ConflictingLabels.RunnersUp(2), PseudoMap.GRADIENT_MAGNITUDE, Combination.MEAN, "relu1")
                .explain(x, List.of(new WhyP(p))).get(0);
        assertClose(expected.div(labels.length), e.raw(), "magnitude");
    }

    @Test
    void aBatchAnswersEachSampleAsAlone() {
        ImplicitSaliency method = implicit(new ConflictingLabels.RunnersUp(4), PseudoMap.GRAD_CAM, Combination.VARIANCE, "relu2");
        List<Question> questions = List.of(new WhyP(1), new WhyPRatherQ(4, 2), new WhyP(6));
        List<Explanation> batch = method.explain(inputs, questions);
        for (int b = 0; b < 3; b++) {
            Explanation alone = method.explain(inputs.get(NDArrayIndex.interval(b, b + 1)), List.of(questions.get(b))).get(0);
            assertClose(alone.raw(), batch.get(b).raw(), "sample " + b);
            assertClose(alone.detail(ImplicitSaliency.PSEUDO_MAPS), batch.get(b).detail(ImplicitSaliency.PSEUDO_MAPS), "pseudo " + b);
        }
    }

    @Test
    void severalLayersAreScaledResizedToTheFinestGridAndAveraged() {
        INDArray x = inputs.get(NDArrayIndex.interval(0, 1));
        List<Question> why = List.of(new WhyP(2));
        INDArray low = implicit(new ConflictingLabels.AllButExpected(), PseudoMap.GRAD_CAM, Combination.MEAN, "relu1").explain(x, why).get(0).raw();
        INDArray high = implicit(new ConflictingLabels.AllButExpected(), PseudoMap.GRAD_CAM, Combination.MEAN, "relu2").explain(x, why).get(0).raw();
        INDArray expected = MapOps.normalise(low.reshape(1, 8, 8)).add(MapOps.normalise(MapOps.upsample(high.reshape(1, 4, 4), 8, 8))).div(2);
        Explanation fused = implicit(new ConflictingLabels.AllButExpected(), PseudoMap.GRAD_CAM, Combination.MEAN, "relu2", "relu1")
                .explain(x, why).get(0);
        assertEquals("layer:relu1", fused.space().describe());
        assertClose(expected.reshape(8, 8), fused.raw(), "fused");
    }

    @Test
    void theMethodSpecBuildsItWithItsSettings() {
        MethodSpec spec = MethodSpec.of("implicit").withLayer("relu1, relu2").withImplicit(new MethodSpec.Implicit("top:3", "magnitude", "variance"));
        AttributionMethod m = spec.create(engine);
        assertEquals("implicit (conflicting top:3, magnitude pseudo maps, variance, at relu1+relu2)", ((ImplicitSaliency) m).describe());
        assertTrue(spec.needsLayer());
        assertThrows(IllegalArgumentException.class, () -> MethodSpec.of("implicit").withLayer("relu2")
                .withImplicit(new MethodSpec.Implicit("top:x", null, null)).create(engine));
        assertThrows(IllegalArgumentException.class, () -> MethodSpec.of("implicit").withLayer("relu2")
                .withImplicit(new MethodSpec.Implicit(null, "lrp", null)).create(engine));
        assertThrows(IllegalArgumentException.class, () -> MethodSpec.of("implicit").withLayer("relu2")
                .withImplicit(new MethodSpec.Implicit(null, null, "median")).create(engine));
        assertThrows(IllegalArgumentException.class, () -> MethodSpec.of("implicit").withLayer("nope").create(engine));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MethodSpec.of("implicit").withLayer("relu2")
                .withImplicit(new MethodSpec.Implicit("2,7", null, null)).create(engine));
        assertTrue(e.getMessage().contains("conflicting label 7 is not a class (the model has 7)"), e.getMessage());
    }

    @Test
    void regressorsCustomQuestionsAndEmptyLabelSetsAreClearErrors() {
        ExplainableModel regressor = TinyNets.cnn(DataType.DOUBLE, 3, 1);
        assertThrows(IllegalArgumentException.class, () -> new ImplicitSaliency(new GradientEngine(regressor), List.of("relu2"),
                new ConflictingLabels.AllButExpected(), PseudoMap.GRAD_CAM, Combination.MEAN));
        INDArray x = inputs.get(NDArrayIndex.interval(0, 1));
        ImplicitSaliency m = method(Combination.MEAN);
        CustomQuestion custom = new CustomQuestion("sum", "sum", (sd, out) -> out.sum());
        assertThrows(IllegalArgumentException.class, () -> m.explain(x, List.of(custom)));
        ImplicitSaliency onlyP = implicit(new ConflictingLabels.Given(Set.of(2)), PseudoMap.GRAD_CAM, Combination.MEAN, "relu2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> onlyP.explain(x, List.of(new WhyP(2))));
        assertTrue(e.getMessage().contains("no conflicting label"), e.getMessage());
    }

    @Test
    void conflictingLabelsParseAndOrderByLikelihood() {
        int[] ranked = {4, 1, 0, 3, 2};
        assertArrayEquals(new int[] {1, 0, 3, 2}, ConflictingLabels.parse("all").of(ranked, 4));
        assertArrayEquals(new int[] {4, 0}, ConflictingLabels.parse("top:2").of(ranked, 1));
        assertArrayEquals(new int[] {4, 2}, ConflictingLabels.parse("2, 4,1").of(ranked, 1));
        assertThrows(IllegalArgumentException.class, () -> ConflictingLabels.parse("top:0"));
        assertThrows(IllegalArgumentException.class, () -> ConflictingLabels.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> ConflictingLabels.parse("a,b"));
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = Math.max(1e-12, expected.amaxNumber().doubleValue());
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 1e-9 * scale, what);
    }
}
