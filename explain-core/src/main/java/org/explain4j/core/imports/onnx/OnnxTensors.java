package org.explain4j.core.imports.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import onnx.Onnx;
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
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        ByteBuffer raw = t.getRawData().isEmpty() ? null : t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        INDArray out = switch (t.getDataType()) {
            case FLOAT -> {
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
}
