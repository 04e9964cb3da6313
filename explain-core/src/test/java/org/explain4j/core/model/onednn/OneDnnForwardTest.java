package org.explain4j.core.model.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.explain4j.core.gradient.BackwardRule;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.Layers;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.question.ClassQuestion;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

class OneDnnForwardTest {

    /**
     * A small residual network with every trunk operation: a strided stem, a padded max pool, identity and projected
     * shortcuts, both average-pool divisors, then SameDiff's global mean and dense layer. Biases are random, not zero.
     */
    private static ExplainableModel residualNet(DataType type) {
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, type, 7);
        Layers.T x = l.input("input", 3, 20, 20);
        Layers.T stem = l.relu("stem", l.conv("stem_conv", x, 8, 3, 2, 1));
        Layers.T pooled = l.maxPool("pool", stem, 3, 2, 1);
        Layers.T a = l.relu("a1", l.conv("a1_conv", pooled, 8, 3, 1, 1));
        Layers.T block1 = l.relu("block1", l.add("block1_add", l.conv("a2_conv", a, 8, 3, 1, 1), pooled));
        Layers.T b = l.relu("b1", l.conv("b1_conv", block1, 16, 3, 2, 1));
        Layers.T shortcut = l.conv("b_down", block1, 16, 1, 2, 0);
        Layers.T block2 = l.relu("block2", l.add("block2_add", l.conv("b2_conv", b, 16, 3, 1, 1), shortcut));
        // Unpadded: M2.1's backward of an average counting padding is wrong, and SameDiff is the reference here.
        SDVariable include = sd.cnn().avgPooling2d("avg_include", block2.v(), Pooling2DConfig.builder().kH(2).kW(2).sH(1).sW(1)
                .pH(0).pW(0).divisor(Pooling2D.Divisor.INCLUDE_PADDING).extra(1).isNHWC(false).build());
        SDVariable exclude = sd.cnn().avgPooling2d("avg_exclude", include, Pooling2DConfig.builder().kH(3).kW(3).sH(1).sW(1)
                .pH(1).pW(1).divisor(Pooling2D.Divisor.EXCLUDE_PADDING).extra(0).isNHWC(false).build());
        Layers.T top = new Layers.T(exclude, block2.shape());
        l.dense("logits", l.globalAvgPool("gap", top), 5);
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE && v.name().endsWith("_b")) {
                v.setArray(Nd4j.rand(type, v.getArr().shape()).subi(0.5));
            }
        }
        return ExplainableModel.of(sd, new ModelCard("residual", "input", "logits", OutputKind.LOGITS, null,
                new long[] {3, 20, 20}, null, "block2"));
    }

    private static INDArray input(long n) {
        return Nd4j.rand(DataType.FLOAT, n, 3, 20, 20).subi(0.5).muli(4);
    }

    private static Optional<Map<String, INDArray>> run(OneDnnForward f, ExplainableModel m, INDArray x, List<String> vars,
                                                       AtomicInteger references) {
        return f.forward(x, vars, m::canCutAt, m::headAbove, (in, v) -> {
            references.incrementAndGet();
            return m.sameDiffForward(in, v);
        });
    }

    @Test
    void theTrunkRunByOneDnnGivesSameDiffsValuesEverywhere() {
        ExplainableModel m = residualNet(DataType.FLOAT);
        Optional<OneDnnForward> f = OneDnnForward.of(m.graph(), "input", DataType.FLOAT);
        assumeTrue(f.isPresent(), "oneDNN is not available on this machine");
        // Fused away unless wanted: a convolution's output before its ReLU and before its residual addition.
        List<String> vars = List.of("stem_conv", "pool", "block1", "b2_conv", "block2_add", "avg_exclude", "gap", "logits");
        INDArray x = input(3);
        AtomicInteger references = new AtomicInteger();
        Map<String, INDArray> fast = run(f.get(), m, x, vars, references).orElseThrow();
        Map<String, INDArray> expected = m.sameDiffForward(x, vars);
        for (String v : vars) {
            assertTrue(OneDnnForward.relativeDifference(fast.get(v), expected.get(v)) < 1e-5, v);
        }
        assertEquals(1, references.get(), "the first pass of a plan is checked against SameDiff");
        INDArray y = input(3);
        Map<String, INDArray> second = run(f.get(), m, y, vars, references).orElseThrow();
        assertEquals(1, references.get(), "a checked plan runs alone");
        Map<String, INDArray> expectedY = m.sameDiffForward(y, vars);
        for (String v : vars) {
            assertTrue(OneDnnForward.relativeDifference(second.get(v), expectedY.get(v)) < 1e-5, v);
        }
    }

    @Test
    void fusedResidualBlocksMatchAHandComputedPass() {
        // Independent of both libraries: a 1-channel net of 1x1 and 3x3 kernels computed here by hand.
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.FLOAT, 1);
        Layers.T x = l.input("input", 1, 4, 4);
        Layers.T c1 = l.conv("c1", x, 1, 1, 1, 0);
        Layers.T c2 = l.conv("c2", c1, 1, 3, 1, 1);
        Layers.T out = l.relu("out", l.add("sum", c2, c1));
        sd.getVariable("c1_W").setArray(Nd4j.valueArrayOf(new long[] {1, 1, 1, 1}, 2f));
        sd.getVariable("c1_b").setArray(Nd4j.createFromArray(-1f));
        sd.getVariable("c2_W").setArray(Nd4j.valueArrayOf(new long[] {3, 3, 1, 1}, 1f));
        sd.getVariable("c2_b").setArray(Nd4j.createFromArray(0.5f));
        ExplainableModel m = ExplainableModel.of(sd, new ModelCard("tiny", "input", "out", OutputKind.LOGITS, null,
                new long[] {1, 4, 4}, null, "out"));
        Optional<OneDnnForward> f = OneDnnForward.of(sd, "input", DataType.FLOAT);
        assumeTrue(f.isPresent(), "oneDNN is not available on this machine");
        float[] in = new float[16];
        for (int i = 0; i < 16; i++) {
            in[i] = (i % 5) - 2;
        }
        INDArray input = Nd4j.createFromArray(in).reshape(1, 1, 4, 4);
        INDArray got = run(f.get(), m, input, List.of("out"), new AtomicInteger()).orElseThrow().get("out");
        double[][] a = new double[4][4];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                a[r][c] = 2 * in[r * 4 + c] - 1;
            }
        }
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                double s = 0.5;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        if (r + dr >= 0 && r + dr < 4 && c + dc >= 0 && c + dc < 4) {
                            s += a[r + dr][c + dc];
                        }
                    }
                }
                assertEquals(Math.max(0, s + a[r][c]), got.getDouble(0, 0, r, c), 1e-5, "(" + r + ", " + c + ")");
            }
        }
    }

    @Test
    void aPlanCompiledFromALaterPassLeavesTheEarlierOnesToSameDiff() {
        ExplainableModel m = residualNet(DataType.FLOAT);
        Optional<OneDnnForward> f = OneDnnForward.of(m.graph(), "input", DataType.FLOAT, 2);
        assumeTrue(f.isPresent(), "oneDNN is not available on this machine");
        List<String> vars = List.of("block1", "logits");
        AtomicInteger references = new AtomicInteger();
        assertTrue(run(f.get(), m, input(2), vars, references).isEmpty(), "the first pass of a request is SameDiff's");
        assertTrue(run(f.get(), m, input(3), vars, references).isEmpty(), "so is the first of another batch size");
        INDArray x = input(2);
        Map<String, INDArray> second = run(f.get(), m, x, vars, references).orElseThrow();
        assertEquals(1, references.get(), "the plan's first pass is checked against SameDiff");
        assertTrue(OneDnnForward.relativeDifference(second.get("logits"), m.sameDiffForward(x, vars).get("logits")) < 1e-5);
        assertTrue(run(f.get(), m, input(2), vars, references).isPresent());
        assertEquals(1, references.get());
    }

    @Test
    void aPlanFollowsWeightsTheGraphReplaces() {
        ExplainableModel m = residualNet(DataType.FLOAT);
        Optional<OneDnnForward> f = OneDnnForward.of(m.graph(), "input", DataType.FLOAT);
        assumeTrue(f.isPresent(), "oneDNN is not available on this machine");
        INDArray x = input(2);
        List<String> vars = List.of("logits");
        run(f.get(), m, x, vars, new AtomicInteger());
        SDVariable w = m.graph().getVariable("b2_conv_W");
        w.setArray(w.getArr().mul(-3));
        Map<String, INDArray> after = run(f.get(), m, x, vars, new AtomicInteger()).orElseThrow();
        assertTrue(OneDnnForward.relativeDifference(after.get("logits"), m.sameDiffForward(x, vars).get("logits")) < 1e-5);
    }

    @Test
    void theModelsForwardUsesItAndAgreesForEveryBatchSize() {
        ExplainableModel m = residualNet(DataType.FLOAT);
        List<String> vars = List.of("block2", "logits");
        List<Double> diffs = new ArrayList<>();
        for (long n : new long[] {1, 4, 1, 4}) { // from the second pass of a shape, oneDNN's
            INDArray x = input(n);
            Map<String, INDArray> got = m.forward(x, vars);
            Map<String, INDArray> expected = m.sameDiffForward(x, vars);
            for (String v : vars) {
                diffs.add(OneDnnForward.relativeDifference(got.get(v), expected.get(v)));
            }
        }
        assertTrue(diffs.stream().allMatch(d -> d < 1e-5), diffs.toString());
    }

    @Test
    void inputGradientsThroughTheTrunkEqualSameDiffsForEveryRule() {
        ExplainableModel m = residualNet(DataType.FLOAT);
        Optional<String> cut = m.trunkGradientCut();
        assumeTrue(cut.isPresent(), "oneDNN is not available on this machine");
        assertEquals("avg_exclude", cut.get(), "the latest trunk activation the head depends on alone");
        GradientEngine engine = new GradientEngine(m);
        INDArray x = input(3);
        List<ClassQuestion> questions = List.of(new ClassQuestion.WhyP(0), new ClassQuestion.WhyPRatherQ(2, 4),
                new ClassQuestion.WhyNotFullyP(1));
        int[] each = {0, 1, 2};
        for (BackwardRule rule : BackwardRule.values()) {
            ReluGradient relu = ReluGradient.valueOf(rule.name());
            AtomicInteger references = new AtomicInteger();
            INDArray expected = engine.compute(x, questions, List.of("input"), rule).gradient("input");
            INDArray got = m.trunkInputGradient(x, cut.get(), relu,
                    acts -> engine.layerGradients(cut.get(), acts, each, questions, rule), () -> {
                        references.incrementAndGet();
                        return expected.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1));
                    }).orElseThrow();
            assertEquals(1, references.get(), rule + ": the first gradient of a rule is checked against SameDiff");
            assertTrue(OneDnnForward.rowwiseRelativeNorm(got, expected) < 1e-5, rule + ": "
                    + OneDnnForward.rowwiseRelativeNorm(got, expected));
            assertTrue(OneDnnForward.relativeDifference(got, expected) < 1e-4, rule + " element by element");
        }
        // And the engine's input gradients take this path with the same result.
        INDArray viaEngine = engine.inputGradients(x, questions, BackwardRule.GUIDED);
        assertTrue(OneDnnForward.rowwiseRelativeNorm(viaEngine,
                engine.compute(x, questions, List.of("input"), BackwardRule.GUIDED).gradient("input")) < 1e-5);
    }

    @Test
    void doublePrecisionModelsAndInputsOutsideTheTrunkStayWithSameDiff() {
        assertTrue(OneDnnForward.of(residualNet(DataType.DOUBLE).graph(), "input", DataType.DOUBLE).isEmpty());
        ExplainableModel m = residualNet(DataType.FLOAT);
        Optional<OneDnnForward> f = OneDnnForward.of(m.graph(), "input", DataType.FLOAT);
        assumeTrue(f.isPresent(), "oneDNN is not available on this machine");
        assertTrue(run(f.get(), m, input(1), List.of("input", "logits"), new AtomicInteger()).isEmpty());
    }
}
