package org.explain4j.iqa.patches;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class PatchesTest {

    @Test
    void tilesRowByRowLeavingIncompleteMarginsOut() {
        INDArray img = Nd4j.linspace(DataType.FLOAT, 0, 2 * 5 * 7, 1).reshape(2, 5, 7);
        INDArray t = Patches.tiles(img, 2);
        assertArrayEquals(new long[] {6, 2, 2, 2}, t.shape());
        // Tile 4 is row 1, column 1: pixels (2..3, 2..3) of both channels.
        assertEquals(img.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 4), NDArrayIndex.interval(2, 4)), t.slice(4));
        assertEquals(img.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.interval(4, 6)), t.slice(2));
    }
}
