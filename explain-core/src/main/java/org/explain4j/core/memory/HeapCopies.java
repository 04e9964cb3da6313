package org.explain4j.core.memory;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Heap arrays (and mapped files' floats) into native ones in one bulk copy. ND4J M2.1's {@code Nd4j.create(float[], shape, type)} copies element
 * by element through its buffer's indexer: for a batch of 32 seismic windows (313,632 floats) that took several
 * milliseconds a call against a fraction of one for a bulk copy (docs/BENCHMARKS.md, seismic sections).
 */
public final class HeapCopies {

    private HeapCopies() {
    }

    /** A new c-ordered float array of {@code shape} holding {@code values} (row-major). */
    public static INDArray floats(float[] values, long... shape) {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (n != values.length) {
            throw new IllegalArgumentException(values.length + " values for shape " + Arrays.toString(shape));
        }
        INDArray x = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        fill(x, FloatBuffer.wrap(values));
        return x;
    }

    /**
     * Writes {@code values} (from the heap, or a mapped file's slice in any byte order) to the start of {@code into}'s
     * buffer in one bulk copy; {@code into} is a float array, native, contiguous and at least that long.
     */
    public static void fill(INDArray into, FloatBuffer values) {
        into.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().put(values);
    }
}
