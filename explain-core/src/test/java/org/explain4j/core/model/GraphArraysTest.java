package org.explain4j.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Graphs held once compute what they computed, on the very arrays they were given. */
class GraphArraysTest {

    @Test
    void aGraphMovedToPlainHoldersKeepsItsArraysAndItsOutput() {
        ExplainableModel model = TinyNets.cnn(DataType.DOUBLE, 5, 4);
        SameDiff sd = model.graph();
        INDArray x = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(1), 2, 3, 8, 8).castTo(DataType.DOUBLE);
        assertInstanceOf(SingleThreadArrayHolder.class, sd.getVariablesArrays(), "every explained model holds its weights once");
        assertInstanceOf(SingleThreadArrayHolder.class, sd.getConstantArrays());

        SameDiff copy = sd.dup(); // a copy has SameDiff's default holders again
        INDArray before = copy.output(Map.of(TinyNets.INPUT, x), List.of(TinyNets.OUTPUT)).get(TinyNets.OUTPUT);
        Map<String, INDArray> weights = new java.util.HashMap<>();
        copy.variables().stream().filter(v -> v.getArr() != null && v.getVariableType() != org.nd4j.autodiff.samediff.VariableType.ARRAY)
                .forEach(v -> weights.put(v.name(), v.getArr()));
        assertSame(copy, GraphArrays.holdOnce(copy));
        weights.forEach((name, arr) -> assertSame(arr, copy.getArrForVarName(name), name));
        INDArray after = copy.output(Map.of(TinyNets.INPUT, x), List.of(TinyNets.OUTPUT)).get(TinyNets.OUTPUT);
        assertEquals(before, after);
        assertSame(copy.getVariablesArrays(), GraphArrays.holdOnce(copy).getVariablesArrays(), "moved once");
    }

    @Test
    void aNewGraphHoldsTheArrayItIsGiven() {
        SameDiff sd = GraphArrays.newGraph();
        INDArray w = Nd4j.rand(DataType.FLOAT, 3, 4);
        sd.var("w", w);
        assertSame(w, sd.getVariablesArrays().getArray("w"));
    }
}
