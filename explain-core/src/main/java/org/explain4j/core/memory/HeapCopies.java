package org.explain4j.core.memory;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Heap arrays into native ones in one bulk copy. ND4J M2.1's {@code Nd4j.create(float[], shape, type)} copies element
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
        x.data().asNio().asFloatBuffer().put(values);
        return x;
    }
}
