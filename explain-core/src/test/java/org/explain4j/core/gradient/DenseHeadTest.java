package org.explain4j.core.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.Layers;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.model.TinyNets;
import org.explain4j.core.question.ClassQuestion.WhatIfNotP;
import org.explain4j.core.question.ClassQuestion.WhyNotFullyP;
import org.explain4j.core.question.ClassQuestion.WhyP;
import org.explain4j.core.question.ClassQuestion.WhyPRatherQ;
import org.explain4j.core.question.Question;
import org.explain4j.core.question.ScoreQuestion.WhyScore;
import org.explain4j.core.question.ScoreQuestion.WhyScoreRather;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The dense-chain shortcut gives the same gradients as SameDiff's head pass on replicated rows. */
class DenseHeadTest {

    private static final int[] SAMPLE_OF = {0, 1, 1, 0, 1};
    private static final List<Question> QUESTIONS = List.of(
            new WhyP(1), new WhyPRatherQ(1, 3), new WhyNotFullyP(2), new WhatIfNotP(4), new WhyPRatherQ(0, 2));

    @Test
    void flattenDenseReluChainMatchesSameDiff() {
        ExplainableModel model = TinyNets.cnn(DataType.DOUBLE, 21, 5);
        GradientEngine engine = new GradientEngine(model);
        assertTrue(engine.denseHead("pool2").isPresent(), "pool2 -> flatten -> fc1 -> relu -> out is a dense chain");
        assertFalse(engine.denseHead("relu2").isPresent(), "an average pool is not part of a dense chain");
        compare(engine, model, "pool2", QUESTIONS);
    }

    @Test
    void globalMeanHeadMatchesSameDiff() {
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.DOUBLE, 5);
        Layers.T x = l.relu("feat", l.conv("conv", l.input("input", 3, 6, 6), 4, 3, 1, 1));
        l.dense("out", l.globalAvgPool("gap", x), 5);
        ExplainableModel model = ExplainableModel.of(sd, new ModelCard("gap", "input", "out", null, null, null, null, "feat"));
        GradientEngine engine = new GradientEngine(model);
        assertTrue(engine.denseHead("feat").isPresent());
        compare(engine, model, "feat", QUESTIONS);
    }

    @Test
    void keptDimensionsMeanThenFlattenHeadMatchesSameDiff() {
        // What the ONNX importer writes for torchvision's ResNet head: GlobalAveragePool keeps [N,C,1,1], Flatten, Gemm.
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.DOUBLE, 5);
        Layers.T x = l.relu("feat", l.conv("conv", l.input("input", 3, 6, 6), 4, 3, 1, 1));
        SDVariable gap = sd.mean("gap", x.v(), true, 2, 3);
        SDVariable flat = sd.reshape("flat", gap, sd.constant(Nd4j.createFromArray(-1L, 4L)));
        SDVariable w = sd.var("w", Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(3), 4, 5).castTo(DataType.DOUBLE));
        SDVariable b = sd.var("b", Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(4), 5).castTo(DataType.DOUBLE));
        flat.mmul(w).add("out", b);
        ExplainableModel model = ExplainableModel.of(sd, new ModelCard("onnx-gap", "input", "out", null, null, null, null, "feat"));
        GradientEngine engine = new GradientEngine(model);
        assertTrue(engine.denseHead("feat").isPresent(), "mean with kept dimensions -> flatten -> x W + b is a dense chain");
        compare(engine, model, "feat", QUESTIONS);
    }

    @Test
    void theAdjointCheckTellsALinearHeadsBackwardFromAMisreadOne() {
        // f(x) = x W + b on [1, 6]: its backward is y W^T. The same weights read in another layout (what a wrong
        // flatten order or a missed transpose gives) have the right shape and the wrong values.
        INDArray w = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(5), 6, 4).castTo(DataType.FLOAT);
        INDArray b = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(6), 1, 4).castTo(DataType.FLOAT);
        java.util.function.UnaryOperator<INDArray> f = x -> x.mmul(w).addi(b);
        long[] shape = {1, 6};
        assertTrue(DenseHead.isAdjoint(f, y -> y.mmul(w.transpose()), shape, DataType.FLOAT));
        assertFalse(DenseHead.isAdjoint(f, y -> y.mmul(w.reshape('f', 4, 6)), shape, DataType.FLOAT));
        assertFalse(DenseHead.isAdjoint(f, y -> y.mmul(w.transpose()).muli(1.01), shape, DataType.FLOAT), "1 % off is caught");
        assertFalse(DenseHead.isAdjoint(f, y -> y.mmul(w.transpose()).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5)), shape, DataType.FLOAT), "a backward of another length");
    }

    @Test
    void maxPoolThenDenseMatchesSameDiffIncludingTies() {
        // VGG's head: the explained ReLU feeds a 2x2 max pool; windows of ReLU zeros are ties.
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.DOUBLE, 6);
        Layers.T x = l.relu("feat", l.conv("conv", l.input("input", 3, 8, 8), 4, 3, 1, 1));
        x = l.relu("fc1_relu", l.dense("fc1", l.flatten("flat", l.maxPool("pool", x, 2, 2)), 7));
        l.dense("out", x, 5);
        ExplainableModel model = ExplainableModel.of(sd, new ModelCard("pool", "input", "out", null, null, null, null, "feat"));
        GradientEngine engine = new GradientEngine(model);
        assertTrue(engine.denseHead("feat").isPresent());
        compare(engine, model, "feat", QUESTIONS);
    }

    @Test
    void aSideBranchAndAShiftedReluOutputStillMakeADenseChain() {
        // WaDIQaM: the features feed both the score head and a weight branch whose output is ReLU + 1e-6.
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.DOUBLE, 8);
        Layers.T x = l.relu("feat", l.conv("conv", l.input("input", 3, 4, 4), 4, 3, 1, 1));
        Layers.T f = l.flatten("flat", l.maxPool("pool", x, 2, 2));
        l.dense("score", l.relu("s1_relu", l.dense("s1", f, 6)), 1);
        Layers.T w = l.dense("w2", l.relu("w1_relu", l.dense("w1", f, 6)), 1);
        sd.nn().relu(w.v(), 0).add("weight", 1e-6);
        List<Question> scores = List.of(new WhyScore(), new WhyScoreRather(0.25f), new WhyScoreRather(3f), new WhyScore(),
                new WhyScoreRather(-1f));
        for (String output : List.of("score", "weight")) {
            ExplainableModel model = ExplainableModel.of(sd, new ModelCard("wa", "input", output, null, null, null, null, "feat"));
            GradientEngine engine = new GradientEngine(model);
            assertTrue(engine.denseHead("feat").isPresent(), output);
            compare(engine, model, "feat", scores);
        }
    }

    @Test
    void moreQuestionsAboutOneSampleThanChannelsTakeTheTransferMatrixToTheSameWeights() {
        // 4 channels at 'feat', 7 questions about sample 1: the head's backward is multiplied from the channel end.
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.DOUBLE, 9);
        Layers.T x = l.relu("feat", l.conv("conv", l.input("input", 3, 8, 8), 4, 3, 1, 1));
        x = l.relu("fc1_relu", l.dense("fc1", l.flatten("flat", l.maxPool("pool", x, 2, 2)), 7));
        x = l.relu("fc2_relu", l.dense("fc2", x, 6));
        l.dense("out", x, 5);
        ExplainableModel model = ExplainableModel.of(sd, new ModelCard("pool", "input", "out", null, null, null, null, "feat"));
        GradientEngine engine = new GradientEngine(model);
        INDArray input = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(8), new long[] {2, 3, 8, 8}).castTo(DataType.DOUBLE);
        List<Question> questions = List.of(new WhyP(1), new WhyPRatherQ(1, 0), new WhyPRatherQ(1, 2), new WhyPRatherQ(1, 3),
                new WhyPRatherQ(1, 4), new WhyNotFullyP(1), new WhatIfNotP(1));
        int[] sampleOf = {1, 1, 1, 1, 1, 1, 1};
        List<String> kept = new java.util.ArrayList<>(engine.headVariables("feat"));
        kept.add("feat");
        java.util.Map<String, INDArray> values = model.forward(input, kept.stream().distinct().toList());
        INDArray weights = engine.gradCamWeights("feat", values, sampleOf, questions);
        INDArray rows = Nd4j.create(DataType.DOUBLE, 7, 4, 8, 8);
        for (int k = 0; k < 7; k++) {
            rows.putSlice(k, values.get("feat").slice(1));
        }
        INDArray reference = engine.computeAbove("feat", rows, questions, BackwardRule.PLAIN).gradient("feat").mean(2, 3);
        assertTrue(reference.amaxNumber().doubleValue() > 1e-6);
        GradientEngineTest.assertClose(reference, weights, 1e-12 * Math.max(1, reference.amaxNumber().doubleValue()));
    }

    @Test
    void guidedAndDeconvnetRulesMatchSameDiffsRewrittenBackward() {
        // VGG-like head with a ReLU between dense layers: the rule must change the shortcut's ReLU step
        // exactly as it changes SameDiff's gradient graph (a forward-sign mask alone would undo it).
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.DOUBLE, 6);
        Layers.T x = l.relu("feat", l.conv("conv", l.input("input", 3, 8, 8), 4, 3, 1, 1));
        x = l.relu("fc1_relu", l.dense("fc1", l.flatten("flat", l.maxPool("pool", x, 2, 2)), 7));
        l.dense("out", x, 5);
        ExplainableModel model = ExplainableModel.of(sd, new ModelCard("pool", "input", "out", null, null, null, null, "feat"));
        GradientEngine engine = new GradientEngine(model);
        INDArray plain = null;
        for (BackwardRule rule : BackwardRule.values()) {
            assertTrue(engine.denseHead("feat", rule).isPresent(), rule + ": the shortcut agrees with SameDiff on its check");
            INDArray g = compare(engine, model, "feat", QUESTIONS, rule);
            if (plain == null) {
                plain = g;
            } else {
                assertTrue(g.sub(plain).amaxNumber().doubleValue() > 1e-6, rule + " changes the gradient");
            }
        }
    }

    @Test
    void smallHeadsTakeGradCamWeightsOnTheHeapUnderEveryRuleAsTheFullBackwardDoes() {
        // The seismic and MNIST nets' heads: Grad-CAM's weights run in double on the heap (HeapTail), which must give
        // the spatial means of the ND4J backward for every rule, in double and in float.
        for (DataType type : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            SameDiff sd = SameDiff.create();
            Layers l = new Layers(sd, type, 10);
            Layers.T x = l.relu("feat", l.conv("conv", l.input("input", 3, 8, 8), 4, 3, 1, 1));
            x = l.relu("fc1_relu", l.dense("fc1", l.flatten("flat", l.maxPool("pool", x, 2, 2)), 7));
            x = l.relu("fc2_relu", l.dense("fc2", x, 6));
            l.dense("out", x, 5);
            ExplainableModel model = ExplainableModel.of(sd, new ModelCard("pool", "input", "out", null, null, null, null, "feat"));
            DenseHead head = new GradientEngine(model).denseHead("feat").orElseThrow();
            assertTrue(head.meansOnHeap(QUESTIONS.size()));
            assertFalse(head.meansOnHeap(1 << 21), "two million questions go through BLAS");
            INDArray input = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(11), new long[] {2, 3, 8, 8}).castTo(type);
            DenseHead.Pass pass = head.forward(model.forward(input, List.of("feat")).get("feat"));
            for (BackwardRule rule : BackwardRule.values()) {
                INDArray means = head.backwardMeans(pass, SAMPLE_OF, QUESTIONS, OutputKind.LOGITS, rule);
                INDArray reference = head.backward(pass, SAMPLE_OF, QUESTIONS, OutputKind.LOGITS, rule).mean(2, 3);
                assertTrue(reference.amaxNumber().doubleValue() > 1e-6, rule + ": the weights must not vanish");
                assertEquals(type, means.dataType());
                double tolerance = (type == DataType.DOUBLE ? 1e-12 : 1e-5) * Math.max(1, reference.amaxNumber().doubleValue());
                GradientEngineTest.assertClose(reference.castTo(DataType.DOUBLE), means.castTo(DataType.DOUBLE), tolerance);
            }
        }
    }

    @Test
    void scoreQuestionsMatchSameDiff() {
        ExplainableModel model = TinyNets.cnn(DataType.DOUBLE, 22, 1);
        GradientEngine engine = new GradientEngine(model);
        assertTrue(engine.denseHead("pool2").isPresent());
        compare(engine, model, "pool2", List.of(new WhyScore(), new WhyScoreRather(0.25f), new WhyScoreRather(3f),
                new WhyScore(), new WhyScoreRather(-1f)));
    }

    private static void compare(GradientEngine engine, ExplainableModel model, String layer, List<Question> questions) {
        compare(engine, model, layer, questions, BackwardRule.PLAIN);
    }

    private static INDArray compare(GradientEngine engine, ExplainableModel model, String layer, List<Question> questions,
                                    BackwardRule rule) {
        long[] shape = model.inputShape();
        INDArray x = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(4), new long[] {2, shape[0], shape[1], shape[2]})
                .castTo(DataType.DOUBLE);
        INDArray acts = model.forward(x, List.of(layer)).get(layer);
        INDArray fast = engine.layerGradients(layer, acts, SAMPLE_OF, questions, rule);
        long[] rowShape = acts.shape().clone();
        rowShape[0] = SAMPLE_OF.length;
        INDArray rows = Nd4j.create(DataType.DOUBLE, rowShape);
        for (int k = 0; k < SAMPLE_OF.length; k++) {
            rows.putSlice(k, acts.slice(SAMPLE_OF[k]));
        }
        INDArray reference = engine.computeAbove(layer, rows, questions, rule).gradient(layer);
        GradientEngineTest.assertClose(reference, fast, 1e-12 * Math.max(1, reference.amaxNumber().doubleValue()));
        // Grad-CAM weights from the values a whole-graph forward kept, without recomputing the head.
        List<String> kept = new java.util.ArrayList<>(engine.headVariables(layer));
        kept.add(layer);
        java.util.Map<String, INDArray> values = model.forward(x, kept.stream().distinct().toList());
        assertTrue(values.size() > 2, "the head's variables are kept");
        if (rule == BackwardRule.PLAIN) {
            INDArray weights = engine.gradCamWeights(layer, values, SAMPLE_OF, questions);
            GradientEngineTest.assertClose(reference.mean(2, 3), weights, 1e-12 * Math.max(1, reference.amaxNumber().doubleValue()));
        }
        assertTrue(reference.amaxNumber().doubleValue() > 1e-6, "the gradients must not vanish, or the comparison proves nothing");
        return fast;
    }
}
