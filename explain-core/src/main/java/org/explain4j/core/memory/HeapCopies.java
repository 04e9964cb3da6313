package org.explain4j.core.memory;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
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
     * {@code array}'s values in C order on the heap, written into {@code reuse} when it has exactly that length (else
     * into a new array, returned). A dense float array is read straight from its buffer, without the native copy
     * and new heap array of {@code dup('c').data().asFloat()}; a loop reading a batch of maps per step then allocates
     * nothing.
     */
    public static float[] toHeap(INDArray array, float[] reuse) {
        long n = array.length();
        float[] out = reuse != null && reuse.length == n ? reuse : new float[Math.toIntExact(n)];
        FloatBuffer direct = denseFloats(array);
        if (direct != null) {
            direct.get(out, 0, out.length);
        } else {
            // a fresh C-order copy lies densely in its buffer, even where ND4J gives unit axes other strides than the
            // default ones (a reshape to [N, C, 1, 1]), which denseFloats would turn away
            INDArray copy = array.castTo(DataType.FLOAT).dup('c');
            copy.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().get(out, 0, out.length);
        }
        return out;
    }

    /**
     * The native buffer of a float array in C order with default strides, read in place (value i at index i); null for
     * any other array (or one too long for a buffer's int index), which must be copied first. Nothing is copied, so the
     * array must stay reachable while it is read.
     */
    public static FloatBuffer denseFloats(INDArray array) {
        // asNio() reads a view's buffer from the start of the array it views, not from the view's first value
        boolean dense = array.dataType() == DataType.FLOAT && !array.isView() && array.ordering() == 'c'
                && Shape.hasDefaultStridesForShape(array) && array.length() <= Integer.MAX_VALUE;
        return dense ? array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer() : null;
    }

    /**
     * {@code factor} times {@code values} (row-major) as a new array of {@code type} and {@code shape}: a float array in one
     * bulk copy ({@link #floats}), else through a double array.
     */
    public static INDArray scaled(double[] values, double factor, DataType type, long... shape) {
        if (type == DataType.FLOAT) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) (values[i] * factor);
            }
            return floats(f, shape);
        }
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i] * factor;
        }
        return Nd4j.createFromArray(d).reshape(shape).castTo(type);
    }

    /**
     * {@code array}'s values in C order as doubles: a double array exactly, any other through {@link #toHeap}'s float
     * read (exact for float arrays) without the native double copy of {@code castTo(DOUBLE)}.
     */
    public static double[] toDoubles(INDArray array) {
        if (array.dataType() == DataType.DOUBLE) {
            return array.dup('c').data().asDouble();
        }
        if (array.dataType() != DataType.FLOAT) {
            return array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }
        float[] f = toHeap(array, null);
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /**
     * Writes {@code values} (from the heap, or a mapped file's slice in any byte order) to the start of {@code into}'s
     * buffer in one bulk copy; {@code into} is a float array, native, contiguous and at least that long.
     */
    public static void fill(INDArray into, FloatBuffer values) {
        into.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer().put(values);
    }
}
