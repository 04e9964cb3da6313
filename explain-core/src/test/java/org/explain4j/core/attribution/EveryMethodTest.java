package org.explain4j.core.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.TinyNets;
import org.explain4j.core.question.ClassQuestion.WhatIfNotP;
import org.explain4j.core.question.ClassQuestion.WhyNotFullyP;
import org.explain4j.core.question.ClassQuestion.WhyP;
import org.explain4j.core.question.ClassQuestion.WhyPRatherQ;
import org.explain4j.core.question.CustomQuestion;
import org.explain4j.core.question.Question;
import org.explain4j.core.question.ScoreQuestion.WhyScore;
import org.explain4j.core.question.ScoreQuestion.WhyScoreRather;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every method of {@link MethodSpec#METHODS} answers every built-in question kind and a custom question,
 * for a classifier and a regressor, in one mixed batch whose answers equal each row asked alone.
 */
class EveryMethodTest {

    private static final CustomQuestion SUM_OF_OUTPUTS = new CustomQuestion("sum", "Why these outputs?", (sd, out) -> out.sum());

    private static ExplainableModel classifier;
    private static ExplainableModel regressor;
    private static INDArray inputs;

    @BeforeAll
    static void build() {
        classifier = TinyNets.cnn(DataType.DOUBLE, 7, 5);
        regressor = TinyNets.cnn(DataType.DOUBLE, 11, 1);
        inputs = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(3), 5, 3, 8, 8).castTo(DataType.DOUBLE);
    }

    /** Small settings: the test is about every method and question, not about their defaults' cost. */
    private static MethodSpec spec(String method, double noise) {
        return new MethodSpec(method, "relu2", 3, noise, 4, null, null, 5L, 4);
    }

    @Test
    void everyMethodAnswersEveryClassifierQuestion() {
        List<Question> questions = List.of(new WhyP(1), new WhyPRatherQ(1, 3), new WhyNotFullyP(2), new WhatIfNotP(4), SUM_OF_OUTPUTS);
        checkAll(classifier, questions);
    }

    @Test
    void everyMethodAnswersEveryRegressorQuestion() {
        List<Question> questions = List.of(new WhyScore(), new WhyScoreRather(0.25f), new WhyScoreRather(1f), new WhyScore(), SUM_OF_OUTPUTS);
        checkAll(regressor, questions);
    }

    private static void checkAll(ExplainableModel model, List<Question> questions) {
        GradientEngine engine = new GradientEngine(model);
        for (String name : MethodSpec.METHODS) {
            if (name.equals("implicit")) {
                // Not of the family: it contradicts a classifier's expected class (ImplicitSaliencyTest).
                continue;
            }
            // Noise-free wrappers, so that a row asked alone gets the same copies as in the batch.
            AttributionMethod method = spec(name, 0).create(engine);
            List<Explanation> batch = method.explain(inputs, questions);
            assertEquals(questions.size(), batch.size(), name);
            for (int b = 0; b < questions.size(); b++) {
                Explanation e = batch.get(b);
                assertEquals(questions.get(b), e.question(), name);
                assertEquals(b, e.sample(), name);
                INDArray raw = e.raw();
                long[] expectedShape = e.space() instanceof Space.Layer ? new long[] {4, 4} : new long[] {3, 8, 8};
                assertArrayEquals(expectedShape, raw.shape(), name + " " + e.space());
                assertFalse(raw.isNaN().any() || raw.isInfinite().any(), name + " gives finite maps");
                INDArray alone = method.explain(inputs.get(NDArrayIndex.interval(b, b + 1)), List.of(questions.get(b))).get(0).raw();
                assertEquals(0, alone.sub(raw).amaxNumber().doubleValue(), 1e-9 * Math.max(1, raw.amaxNumber().doubleValue()),
                        name + ": row " + b + " in a mixed batch equals the row alone");
            }
            assertTrue(batch.get(0).raw().amaxNumber().doubleValue() > 0, name + " answers 'Why?' with a non-empty map");
            // With noise, the wrappers still answer; SmoothGrad then differs from the noise-free map.
            if (name.startsWith("smoothgrad") || name.equals("vargrad")) {
                INDArray noisy = spec(name, 0.2).create(engine).explain(inputs, questions).get(0).raw();
                assertTrue(noisy.sub(batch.get(0).raw()).amaxNumber().doubleValue() > 1e-9, name + " adds noise");
            }
        }
    }

    @Test
    void integratedGradientsReportsCompletenessForBuiltInQuestionsOnly() {
        GradientEngine engine = new GradientEngine(classifier);
        AttributionMethod ig = new MethodSpec("integrated-gradients", null, null, null, 64, null, null, null, 64).create(engine);
        List<Explanation> es = ig.explain(inputs.get(NDArrayIndex.interval(0, 2)), List.of(new WhyPRatherQ(1, 3), SUM_OF_OUTPUTS));
        // ReLU kinks along the path from the zero baseline: 64 points get within a few percent of L(x) - L(b).
        double error = es.get(0).detail(Explanation.COMPLETENESS_ERROR).getDouble(0);
        double total = es.get(0).raw().sumNumber().doubleValue();
        assertTrue(Math.abs(error) < 0.05 * Math.max(1e-3, Math.abs(total - error)), "completeness error " + error + " of " + total);
        assertTrue(Double.isNaN(es.get(1).detail(Explanation.COMPLETENESS_ERROR).getDouble(0)), "a custom loss has no Java value");
    }

    @Test
    void unknownMethodsAndBadSettingsAreClearErrors() {
        GradientEngine engine = new GradientEngine(classifier);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MethodSpec.of("lime").create(engine));
        assertTrue(e.getMessage().contains("gradcam++"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MethodSpec.of("integrated-gradients:gradcam").create(engine));
        assertThrows(IllegalArgumentException.class, () -> MethodSpec.of("vanilla:gradcam").create(engine));
        assertThrows(IllegalArgumentException.class, () -> new MethodSpec("smoothgrad", null, 0, null, null, null, null, null, null).create(engine));
        List<String> names = new ArrayList<>();
        for (String m : List.of("smoothgrad:guided-backprop", "vargrad:gradcam", "integrated-gradients:guided-backprop")) {
            names.add(MethodSpec.of(m).withLayer("relu2").create(engine).name());
        }
        assertEquals(List.of("smoothgrad-guided-backprop", "vargrad-gradcam", "integrated-gradients-guided-backprop"), names);
    }
}
