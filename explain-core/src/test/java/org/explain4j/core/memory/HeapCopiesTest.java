package org.explain4j.core.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class HeapCopiesTest {

    @Test
    void theArrayHoldsTheValuesRowMajor() {
        float[] v = {1, 2, 3, 4, 5, 6};
        INDArray a = HeapCopies.floats(v, 2, 3);
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertEquals(DataType.FLOAT, a.dataType());
        assertEquals(6f, a.getFloat(1, 2));
        assertEquals(2f, a.getFloat(0, 1));
        assertEquals(Nd4j.create(v, new long[] {2, 3}, DataType.FLOAT), a);
        v[0] = 9;
        assertEquals(1f, a.getFloat(0, 0), "a copy, not a view of the heap array");
    }

    @Test
    void aShapeThatDoesNotFitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> HeapCopies.floats(new float[5], 2, 3));
    }

    @Test
    void toHeapReadsEveryLayoutInCOrderAndReusesARightSizedArray() {
        INDArray m = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(2, 3, 4);
        float[] expected = new float[24];
        for (int i = 0; i < 24; i++) {
            expected[i] = i;
        }
        float[] reuse = new float[24];
        float[] got = HeapCopies.toHeap(m, reuse);
        assertSame(reuse, got);
        assertArrayEquals(expected, got);
        // a view at an offset (the second sample), a transposed view (not C order), a double array
        assertArrayEquals(new float[] {12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}, HeapCopies.toHeap(m.slice(1), null));
        INDArray t = m.slice(0).transpose();
        assertArrayEquals(t.dup('c').data().asFloat(), HeapCopies.toHeap(t, new float[5]));
        assertArrayEquals(new float[] {0, 4, 8}, HeapCopies.toHeap(m.slice(0).getColumn(0), null));
        assertArrayEquals(expected, HeapCopies.toHeap(m.castTo(DataType.DOUBLE), null));
        // a reshape to unit axes: its copy has other strides than the default ones for that shape
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, HeapCopies.toHeap(Nd4j.arange(6).castTo(DataType.FLOAT).reshape(2, 3).reshape(2, 3, 1, 1), null));
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, HeapCopies.toDoubles(Nd4j.arange(6).castTo(DataType.FLOAT).reshape(2, 3).reshape(2, 3, 1, 1)), 0.0);
    }

    @Test
    void toDoublesKeepsDoublesExactAndWidensFloatsAndViews() {
        INDArray d = Nd4j.createFromArray(0.1, 1e-300, -2.5, 1.0 / 3).reshape(2, 2);
        assertArrayEquals(new double[] {0.1, 1e-300, -2.5, 1.0 / 3}, HeapCopies.toDoubles(d), "no trip through float");
        assertArrayEquals(new double[] {1e-300, 1.0 / 3}, HeapCopies.toDoubles(d.getColumn(1)));
        INDArray f = Nd4j.createFromArray(0.1f, -3f, 7.5f);
        assertArrayEquals(new double[] {0.1f, -3f, 7.5f}, HeapCopies.toDoubles(f));
        assertArrayEquals(new double[] {2, 5}, HeapCopies.toDoubles(Nd4j.createFromArray(2, 5)), "other types through a cast");
    }

    @Test
    void scaledWritesTheProductInTheAskedTypeAndShape() {
        INDArray f = HeapCopies.scaled(new double[] {1, 2, 3, 4, 5, 6}, 0.5, DataType.FLOAT, 3, 2);
        assertEquals(DataType.FLOAT, f.dataType());
        assertArrayEquals(new long[] {3, 2}, f.shape());
        assertEquals(2.5f, f.getFloat(2, 0));
        INDArray d = HeapCopies.scaled(new double[] {1, 3}, 1.0 / 3, DataType.DOUBLE, 1, 2);
        assertEquals(DataType.DOUBLE, d.dataType());
        assertEquals(1.0 / 3, d.getDouble(0, 0));
        assertEquals(1.0, d.getDouble(0, 1));
    }
}
