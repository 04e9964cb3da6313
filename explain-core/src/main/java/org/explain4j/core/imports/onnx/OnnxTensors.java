package org.explain4j.core.imports.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import onnx.Onnx;
import org.explain4j.core.memory.HeapCopies;
import org.explain4j.core.model.ModelLoadException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ONNX {@code TensorProto}s (float, double, int32, int64; raw little-endian or typed fields) as ND4J arrays. */
final class OnnxTensors {

    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int DOUBLE = 11;

    private OnnxTensors() {
    }

    static INDArray toArray(Onnx.TensorProto t) {
        long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int n = elements(t, shape);
        ByteBuffer raw = t.getRawData().isEmpty() ? null : t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        checkLength(t, n, raw);
        INDArray out = switch (t.getDataType()) {
            case FLOAT -> {
                if (raw != null && n > 0) {
                    // Straight into native memory: no heap copy of a model's weights on the way.
                    INDArray a = Nd4j.createUninitialized(DataType.FLOAT, n);
                    HeapCopies.fill(a, raw.asFloatBuffer());
                    yield a;
                }
                float[] v = new float[n];
                if (raw != null) {
                    raw.asFloatBuffer().get(v);
                } else {
                    List<Float> l = t.getFloatDataList();
                    for (int i = 0; i < n; i++) {
                        v[i] = l.get(i);
                    }
                }
                yield Nd4j.createFromArray(v);
            }
            case DOUBLE -> {
                double[] v = new double[n];
                if (raw != null) {
                    raw.asDoubleBuffer().get(v);
                } else {
                    List<Double> l = t.getDoubleDataList();
                    for (int i = 0; i < n; i++) {
                        v[i] = l.get(i);
                    }
                }
                yield Nd4j.createFromArray(v);
            }
            case INT64 -> {
                long[] v = new long[n];
                if (raw != null) {
                    raw.asLongBuffer().get(v);
                } else {
                    List<Long> l = t.getInt64DataList();
                    for (int i = 0; i < n; i++) {
                        v[i] = l.get(i);
                    }
                }
                yield Nd4j.createFromArray(v);
            }
            case INT32 -> {
                int[] v = new int[n];
                if (raw != null) {
                    raw.asIntBuffer().get(v);
                } else {
                    List<Integer> l = t.getInt32DataList();
                    for (int i = 0; i < n; i++) {
                        v[i] = l.get(i);
                    }
                }
                yield Nd4j.createFromArray(v).castTo(DataType.LONG);
            }
            default -> throw new ModelLoadException("ONNX tensor '" + t.getName() + "' has data type " + t.getDataType()
                    + "; float, double, int32 and int64 are supported");
        };
        return shape.length == 0 ? out.reshape() : out.reshape(shape);
    }

    /**
     * A raw float tensor's values as a little-endian buffer for {@link HeapCopies#fill}, unchecked: check its length
     * against its dims with {@link #rawFloatCount} first.
     */
    static FloatBuffer rawFloats(Onnx.TensorProto t) {
        return t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }

    /** The value count of a tensor held as raw floats, checked against its dims; a corrupt tensor is refused. */
    static int rawFloatCount(Onnx.TensorProto t) {
        int n = elements(t, t.getDimsList().stream().mapToLong(Long::longValue).toArray());
        checkLength(t, n, t.getRawData().asReadOnlyByteBuffer());
        return n;
    }

    /** The element count its dims declare: non-negative, and small enough for one Java array. */
    private static int elements(Onnx.TensorProto t, long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new ModelLoadException("ONNX tensor '" + t.getName() + "' declares a negative dimension " + java.util.Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new ModelLoadException("ONNX tensor '" + t.getName() + "' declares " + java.util.Arrays.toString(shape)
                        + ", too many elements for one array");
            }
        }
        return (int) n;
    }

    /** The data present is exactly what the dims declare: a corrupt file is refused, not read past or padded. */
    private static void checkLength(Onnx.TensorProto t, int n, ByteBuffer raw) {
        int size = switch (t.getDataType()) {
            case FLOAT, INT32 -> 4;
            case DOUBLE, INT64 -> 8;
            default -> 0;
        };
        if (size == 0) {
            return; // refused by type below
        }
        long have = raw != null ? raw.remaining() / size : switch (t.getDataType()) {
            case FLOAT -> t.getFloatDataCount();
            case DOUBLE -> t.getDoubleDataCount();
            case INT64 -> t.getInt64DataCount();
            default -> t.getInt32DataCount();
        };
        if (have != n || (raw != null && raw.remaining() % size != 0)) {
            throw new ModelLoadException("ONNX tensor '" + t.getName() + "' declares dims " + t.getDimsList() + " (" + n
                    + " values) but holds " + have + (t.getDataLocation() == Onnx.TensorProto.DataLocation.EXTERNAL
                    ? " (its data is in an external file, which is not read)" : "") + "; the file is corrupt");
        }
    }
}
