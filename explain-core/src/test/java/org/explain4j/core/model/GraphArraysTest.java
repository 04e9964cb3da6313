package org.explain4j.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
    void aNewGraphHoldsTheArrayItIsGivenAndAViewAsACopyOfItsOwn() {
        SameDiff sd = GraphArrays.newGraph();
        INDArray w = Nd4j.rand(DataType.FLOAT, 3, 4);
        sd.var("w", w);
        assertSame(w, sd.getVariablesArrays().getArray("w"));
        // As SameDiff's default holders do: the oneDNN trunk reads its weights' samples straight from their buffers.
        INDArray view = Nd4j.rand(DataType.FLOAT, 6, 3).get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
        sd.var("t", view);
        INDArray held = sd.getVariablesArrays().getArray("t");
        assertFalse(held.isView());
        assertEquals(view, held);
    }

    @Test
    void aGraphMovedToPlainHoldersHoldsItsViewsAsCopies() {
        SameDiff sd = SameDiff.create();
        sd.setArrayHolders(new SingleThreadArrayHolder(), new SingleThreadArrayHolder(), true);
        INDArray view = Nd4j.rand(DataType.FLOAT, 6, 3).get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
        sd.var("t", view);
        assertTrue(sd.getArrForVarName("t").isView());
        GraphArrays.holdOnce(sd);
        assertFalse(sd.getArrForVarName("t").isView());
        assertEquals(view, sd.getArrForVarName("t"));
    }
}
