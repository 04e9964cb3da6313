package org.explain4j.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.question.ClassQuestion.WhyP;
import org.explain4j.core.question.ClassQuestion.WhyPRatherQ;
import org.explain4j.core.question.Question;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Folding conv -> batch norm changes nothing a user sees: outputs, layer activations and every gradient stay the same. */
class BatchNormFoldingTest {

    private static final INDArray X = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(2), 3, 3, 8, 8).castTo(DataType.DOUBLE);

    @Test
    void aFoldedGraphComputesWhatTheUnfoldedOneDoes() {
        ExplainableModel plain = TinyNets.cnn(DataType.DOUBLE, 5, 4);
        ExplainableModel folded = TinyNets.cnn(DataType.DOUBLE, 5, 4).withBatchNormFolded();
        assertTrue(plain.hasVariable("conv1"));
        assertFalse(folded.hasVariable("conv1"), "the convolution's own output is folded away");
        assertTrue(folded.hasVariable("bn1"), "the batch norm's output keeps its name");
        assertTrue(folded.graph().getOps().size() < plain.graph().getOps().size());
        List<String> vars = List.of("bn1", "relu1", "relu2", TinyNets.OUTPUT);
        var a = plain.forward(X, vars);
        var b = folded.forward(X, vars);
        for (String v : vars) {
            assertClose(a.get(v), b.get(v), v);
        }
        List<Question> qs = List.of(new WhyP(1), new WhyPRatherQ(2, 0), new WhyP(3));
        List<String> at = List.of("bn1", "relu2", TinyNets.INPUT);
        var ga = new GradientEngine(plain).compute(X, qs, at);
        var gb = new GradientEngine(folded).compute(X, qs, at);
        for (String v : at) {
            assertClose(ga.gradient(v), gb.gradient(v), "dL/d" + v);
        }
    }

    @Test
    void aFoldedModelKnowsItsLayersShapesAsAFreshProbeFindsThem() {
        // Folding keeps the card and the probed shapes instead of probing again: they must be what a probe of the
        // folded graph finds, in the same (graph) order, without the folded-away convolution outputs.
        ExplainableModel folded = TinyNets.cnn(DataType.DOUBLE, 5, 4).withBatchNormFolded();
        ExplainableModel probed = ExplainableModel.of(folded.graph(), folded.card());
        assertEquals(List.copyOf(probed.layerShapes().keySet()), List.copyOf(folded.layerShapes().keySet()));
        probed.layerShapes().forEach((name, shape) -> assertArrayEquals(shape, folded.layerShapes().get(name), name));
        assertFalse(folded.layerShapes().containsKey("conv1"));
        assertEquals(probed.explainableLayers(), folded.explainableLayers());
        assertEquals(probed.outputKind(), folded.outputKind());
    }

    @Test
    void aKeptLayerIsNotFolded() {
        ExplainableModel m = TinyNets.cnn(DataType.DOUBLE, 5, 4);
        assertEquals(0, BatchNormFolding.fold(m.graph(), Set.of("conv1")));
        assertTrue(m.hasVariable("conv1"));
        ExplainableModel noBatchNorm = TinyNets.cnn(DataType.DOUBLE, 5, 4).withBatchNormFolded();
        assertSame(noBatchNorm, noBatchNorm.withBatchNormFolded(), "nothing left to fold: the same model");
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = Math.max(1e-12, expected.amaxNumber().doubleValue());
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 1e-9 * scale, what);
        assertTrue(expected.amaxNumber().doubleValue() > 1e-9, what + " must not vanish");
    }
}
