package org.explain4j.core.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class GradientEngineTest {

    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-6;
    private static final List<Question> MIXED = List.of(
            new WhyP(1), new WhyPRatherQ(1, 3), new WhyNotFullyP(2), new WhatIfNotP(4));

    private static ExplainableModel classifier;
    private static ExplainableModel regressor;
    private static INDArray inputs;

    @BeforeAll
    static void build() {
        classifier = TinyNets.cnn(DataType.DOUBLE, 7, 5);
        regressor = TinyNets.cnn(DataType.DOUBLE, 11, 1);
        inputs = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(3), 4, 3, 8, 8).castTo(DataType.DOUBLE);
    }

    @Test
    void classQuestionsMatchFiniteDifferencesAtTheInput() {
        GradientEngine engine = new GradientEngine(classifier);
        Gradients g = engine.compute(inputs, MIXED, List.of(TinyNets.INPUT));
        checkAgainstInputDifferences(classifier, g.gradient(TinyNets.INPUT), MIXED);
    }

    @Test
    void scoreQuestionsMatchFiniteDifferencesAtTheInput() {
        List<Question> qs = List.of(new WhyScore(), new WhyScoreRather(0.25f), new WhyScoreRather(1.0f), new WhyScore());
        Gradients g = new GradientEngine(regressor).compute(inputs, qs, List.of(TinyNets.INPUT));
        checkAgainstInputDifferences(regressor, g.gradient(TinyNets.INPUT), qs);
    }

    @Test
    void everyQuestionMatchesFiniteDifferencesAtIntermediateLayers() {
        GradientEngine engine = new GradientEngine(classifier);
        for (String layer : List.of("bn1", "relu1", "pool1", "relu2", "pool2", "fc1_relu")) {
            Gradients g = engine.compute(inputs, MIXED, List.of(layer));
            checkAgainstLayerDifferences(classifier, layer, g.activation(layer), g.gradient(layer), MIXED);
        }
        List<Question> scoreQs = List.of(new WhyScoreRather(0.5f), new WhyScore(), new WhyScoreRather(-2f), new WhyScore());
        Gradients g = new GradientEngine(regressor).compute(inputs, scoreQs, List.of("relu2"));
        checkAgainstLayerDifferences(regressor, "relu2", g.activation("relu2"), g.gradient("relu2"), scoreQs);
    }

    @Test
    void headOnlyPassEqualsWholeGraphPass() {
        GradientEngine engine = new GradientEngine(classifier);
        Gradients whole = engine.compute(inputs, MIXED, List.of("relu2"));
        assertTrue(engine.canCutAt("relu2"));
        Gradients head = engine.computeAbove("relu2", whole.activation("relu2"), MIXED);
        assertClose(whole.gradient("relu2"), head.gradient("relu2"), 1e-12);
        assertClose(whole.output(), head.output(), 1e-12);
    }

    @Test
    void crossEntropyGradientAtTheLogitsIsSoftmaxMinusOneHot() {
        int q = 3;
        Gradients g = new GradientEngine(classifier).compute(inputs.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)),
                List.of(new WhyPRatherQ(0, q)), List.of(TinyNets.OUTPUT));
        double[] z = g.activation(TinyNets.OUTPUT).toDoubleVector();
        double max = java.util.Arrays.stream(z).max().orElseThrow();
        double sum = java.util.Arrays.stream(z).map(v -> Math.exp(v - max)).sum();
        double[] dz = g.gradient(TinyNets.OUTPUT).toDoubleVector();
        for (int c = 0; c < z.length; c++) {
            double expected = Math.exp(z[c] - max) / sum - (c == q ? 1 : 0);
            assertEquals(expected, dz[c], 1e-12, "class " + c);
        }
    }

    @Test
    void whyNotFullyPIsCrossEntropyToP() {
        GradientEngine engine = new GradientEngine(classifier);
        INDArray two = inputs.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2));
        Gradients notFully = engine.compute(two, List.of(new WhyNotFullyP(2), new WhyNotFullyP(0)), List.of("relu2"));
        Gradients ce = engine.compute(two, List.of(new WhyPRatherQ(4, 2), new WhyPRatherQ(1, 0)), List.of("relu2"));
        assertClose(ce.gradient("relu2"), notFully.gradient("relu2"), 0);
        Gradients p = engine.compute(two, List.of(new WhyP(2), new WhyP(0)), List.of("relu2"));
        assertTrue(Transforms.abs(p.gradient("relu2").sub(notFully.gradient("relu2"))).maxNumber().doubleValue() > 1e-6,
                "CE-to-P must differ from the logit gradient");
    }

    @Test
    void mixedBatchEqualsEachSampleExplainedAlone() {
        GradientEngine engine = new GradientEngine(classifier);
        Gradients batch = engine.compute(inputs, MIXED, List.of("relu1", TinyNets.INPUT));
        for (int b = 0; b < MIXED.size(); b++) {
            INDArray one = inputs.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(b, b + 1));
            Gradients alone = engine.compute(one, List.of(MIXED.get(b)), List.of("relu1", TinyNets.INPUT));
            assertClose(alone.gradient("relu1").slice(0), batch.gradient("relu1").slice(b), 1e-12);
            assertClose(alone.gradient(TinyNets.INPUT).slice(0), batch.gradient(TinyNets.INPUT).slice(b), 1e-12);
        }
    }

    @Test
    void customQuestionWithItsOwnLossMixesWithBuiltIns() {
        INDArray w = Nd4j.createFromArray(new double[][] {{0.5, -1, 0, 2, 0}});
        CustomQuestion custom = new CustomQuestion("weighted", "weighted logits",
                (SameDiff sd, org.nd4j.autodiff.samediff.SDVariable out) -> out.mul(sd.constant(w)).sum());
        List<Question> qs = List.of(new WhyP(1), custom, new WhyPRatherQ(2, 0), custom);
        Gradients g = new GradientEngine(classifier).compute(inputs, qs, List.of(TinyNets.INPUT, "conv1_W"));
        double[] weights = w.toDoubleVector();
        checkAgainstInputDifferences(classifier, g.gradient(TinyNets.INPUT), qs, (q, z) -> q == custom
                ? java.util.stream.IntStream.range(0, z.length).mapToDouble(c -> weights[c] * z[c]).sum()
                : FiniteDifferences.loss(q, z));
        assertEquals(List.of(3L, 3L, 3L, 4L), java.util.Arrays.stream(g.gradient("conv1_W").shape()).boxed().toList());
    }

    @Test
    void wrongQuestionsAreRejectedWithClearMessages() {
        GradientEngine engine = new GradientEngine(classifier);
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> engine.compute(inputs, List.of(new WhyP(0), new WhyP(5), new WhyP(0), new WhyP(0)), List.of("relu2")));
        assertTrue(range.getMessage().contains("class index 5 is out of range"), range.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> engine.compute(inputs, List.of(new WhyScore(), new WhyScore(), new WhyScore(), new WhyScore()), List.of("relu2")));
        assertTrue(kind.getMessage().contains("classifier"), kind.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> engine.compute(inputs, List.of(new WhyP(0)), List.of("relu2")));
        assertTrue(count.getMessage().contains("one question per sample"), count.getMessage());
    }

    private static void checkAgainstInputDifferences(ExplainableModel model, INDArray grad, List<Question> qs) {
        checkAgainstInputDifferences(model, grad, qs, FiniteDifferences::loss);
    }

    private static void checkAgainstInputDifferences(ExplainableModel model, INDArray grad, List<Question> qs,
                                                     java.util.function.ToDoubleBiFunction<Question, double[]> loss) {
        Random pick = new Random(5);
        for (int b = 0; b < qs.size(); b++) {
            INDArray x = inputs.slice(b).dup().reshape(1, 3, 8, 8);
            Question q = qs.get(b);
            for (int checked = 0, tries = 0; checked < 12 && tries < 200; tries++) {
                long idx = pick.nextInt((int) x.length());
                double fd = FiniteDifferences.derivative(x, idx, H, v -> {
                    x.putScalar(idx, v);
                    return loss.applyAsDouble(q, model.forward(x, List.of(TinyNets.OUTPUT)).get(TinyNets.OUTPUT).toDoubleVector());
                });
                if (Double.isNaN(fd)) {
                    continue;
                }
                checked++;
                double analytic = grad.slice(b).reshape(x.length()).getDouble(idx);
                assertEquals(fd, analytic, TOLERANCE * Math.max(1, Math.abs(fd)), "sample " + b + " " + q + " input element " + idx);
            }
        }
    }

    private static void checkAgainstLayerDifferences(ExplainableModel model, String layer, INDArray acts, INDArray grad,
                                                     List<Question> qs) {
        SameDiff head = model.headAbove(layer).orElseThrow();
        Random pick = new Random(9);
        for (int b = 0; b < qs.size(); b++) {
            long[] shape = acts.shape().clone();
            shape[0] = 1;
            INDArray a = acts.slice(b).dup().reshape(shape);
            Question q = qs.get(b);
            int checked = 0;
            for (int tries = 0; checked < 12 && tries < 200; tries++) {
                long idx = pick.nextInt((int) a.length());
                double fd = FiniteDifferences.derivative(a, idx, H, v -> {
                    a.putScalar(idx, v);
                    Map<String, INDArray> out = head.output(Map.of(layer, a), TinyNets.OUTPUT);
                    return FiniteDifferences.loss(q, out.get(TinyNets.OUTPUT).toDoubleVector());
                });
                if (Double.isNaN(fd)) {
                    continue;
                }
                checked++;
                double analytic = grad.slice(b).reshape(a.length()).getDouble(idx);
                assertEquals(fd, analytic, TOLERANCE * Math.max(1, Math.abs(fd)), layer + " sample " + b + " " + q + " element " + idx);
            }
            assertEquals(12, checked, "too few differentiable points at " + layer);
        }
    }

    static void assertClose(INDArray expected, INDArray actual, double tol) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()));
        double diff = Transforms.abs(expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE))).maxNumber().doubleValue();
        assertTrue(diff <= tol, "max difference " + diff + " > " + tol);
    }
}
