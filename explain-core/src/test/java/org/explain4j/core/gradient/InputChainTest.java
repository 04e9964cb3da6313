package org.explain4j.core.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.Layers;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.TinyNets;
import org.explain4j.core.question.ClassQuestion.WhatIfNotP;
import org.explain4j.core.question.ClassQuestion.WhyNotFullyP;
import org.explain4j.core.question.ClassQuestion.WhyP;
import org.explain4j.core.question.ClassQuestion.WhyPRatherQ;
import org.explain4j.core.question.Question;
import org.explain4j.core.question.ScoreQuestion.WhyScore;
import org.explain4j.core.question.ScoreQuestion.WhyScoreRather;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Input gradients of a plain CNN by the hand-written backward ({@link GradientEngine#inputGradients}): equal to
 * SameDiff's whole-graph backward under every ReLU rule, and to central differences in double precision.
 */
class InputChainTest {

    private static final List<Question> QUESTIONS = List.of(
            new WhyP(1), new WhyPRatherQ(1, 3), new WhyNotFullyP(2), new WhatIfNotP(4), new WhyPRatherQ(0, 2));

    /**
     * conv 3x3 pad 1 -> ReLU -> 2x2 max pool -> conv 3x3 stride 2 without padding (10 -> 4 columns, so the transposed
     * convolution gives back 9 and the last input row and column are zero-padded) with a bias -> ReLU -> flatten ->
     * dense -> ReLU -> dense.
     */
    private static ExplainableModel plainCnn(int outputs) {
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.DOUBLE, 31);
        Layers.T x = l.maxPool("pool1", l.relu("relu1", l.conv("conv1", l.input("input", 2, 20, 20), 3, 3, 1, 1)), 2, 2);
        x = l.relu("relu2", l.conv("conv2", x, 4, 3, 2, 0));
        x = l.relu("relu3", l.dense("fc3", l.flatten("flat", x), 6));
        l.dense("out", x, outputs);
        return ExplainableModel.of(sd, new ModelCard("plain", "input", "out", null, null, null, null, "relu2"));
    }

    private static INDArray input(int rows) {
        return Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(7), new long[] {rows, 2, 20, 20}).castTo(DataType.DOUBLE);
    }

    @Test
    void aPlainCnnIsAChainFromItsInputAndMatchesSameDiffUnderEveryRule() {
        ExplainableModel model = plainCnn(5);
        GradientEngine engine = new GradientEngine(model);
        assertTrue(engine.denseHead("input").isPresent(), "conv, ReLU, max pool, flatten and dense make a chain from the input");
        INDArray x = input(QUESTIONS.size());
        INDArray plain = null;
        for (BackwardRule rule : BackwardRule.values()) {
            INDArray fast = engine.inputGradients(x, QUESTIONS, rule);
            INDArray reference = engine.compute(x, QUESTIONS, List.of("input"), rule).gradient("input");
            assertTrue(reference.amaxNumber().doubleValue() > 1e-6, rule + ": a gradient with something in it");
            GradientEngineTest.assertClose(reference, fast, 1e-10 * Math.max(1, reference.amaxNumber().doubleValue()));
            if (plain == null) {
                plain = fast;
            } else {
                assertTrue(fast.sub(plain).amaxNumber().doubleValue() > 1e-6, rule + " changes the gradient");
            }
        }
    }

    @Test
    void theChainsGradientIsTheLossesCentralDifference() {
        ExplainableModel model = plainCnn(5);
        GradientEngine engine = new GradientEngine(model);
        INDArray x = input(1);
        Question q = new WhyPRatherQ(1, 3);
        INDArray g = engine.inputGradients(x, List.of(q), BackwardRule.PLAIN);
        int checked = 0;
        for (long i = 0; i < x.length(); i += 7) {
            long index = i;
            double d = FiniteDifferences.derivative(x, index, 1e-6, v -> {
                INDArray moved = x.dup();
                moved.putScalar(index, v);
                double[] z = model.forward(moved, List.of("out")).get("out").toDoubleVector();
                return FiniteDifferences.loss(q, z);
            });
            if (!Double.isNaN(d)) {
                assertEquals(d, g.getDouble(index), 1e-6 * Math.max(1, Math.abs(d)), "input element " + index);
                checked++;
            }
        }
        assertTrue(checked > 80, "most elements away from a kink: " + checked);
    }

    @Test
    void scoreQuestionsOnARegressorMatchSameDiff() {
        ExplainableModel model = plainCnn(1);
        GradientEngine engine = new GradientEngine(model);
        List<Question> scores = List.of(new WhyScore(), new WhyScoreRather(0.25f), new WhyScoreRather(-3f));
        INDArray x = input(scores.size());
        INDArray reference = engine.compute(x, scores, List.of("input"), BackwardRule.PLAIN).gradient("input");
        GradientEngineTest.assertClose(reference, engine.inputGradients(x, scores, BackwardRule.PLAIN),
                1e-10 * Math.max(1, reference.amaxNumber().doubleValue()));
    }

    @Test
    void aNetworkThatIsNoChainFallsBackToSameDiff() {
        ExplainableModel model = TinyNets.cnn(DataType.DOUBLE, 21, 5); // an average pool: no chain step
        GradientEngine engine = new GradientEngine(model);
        assertFalse(engine.denseHead(TinyNets.INPUT).isPresent());
        long[] shape = model.inputShape();
        INDArray x = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(3), new long[] {QUESTIONS.size(), shape[0], shape[1], shape[2]})
                .castTo(DataType.DOUBLE);
        GradientEngineTest.assertClose(engine.compute(x, QUESTIONS, List.of(TinyNets.INPUT), BackwardRule.GUIDED).gradient(TinyNets.INPUT),
                engine.inputGradients(x, QUESTIONS, BackwardRule.GUIDED), 0);
    }
}
