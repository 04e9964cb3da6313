package org.explain4j.core.imports.onnx;

import java.util.HashMap;
import java.util.Map;
import onnx.Onnx;
import org.explain4j.core.imports.DilatedKernels;
import org.explain4j.core.memory.HeapCopies;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A graph's initializers as ND4J arrays, each converted on first use and shared by the importer's probe graph and its
 * final one. A convolution's weights go from the file's bytes to SameDiff's kernel layout through one reused scratch
 * array, so that each weight is written to fresh memory once: in a cold start, fresh memory costs more than the
 * copying (docs/BENCHMARKS.md, time to the first explanation).
 */
final class Initializers {

    private final Map<String, Onnx.TensorProto> protos = new HashMap<>();
    private final Map<String, INDArray> arrays = new HashMap<>();
    private final Map<String, INDArray> kernels = new HashMap<>();
    private INDArray scratch;

    Initializers(Onnx.GraphProto graph) {
        graph.getInitializerList().forEach(t -> protos.put(t.getName(), t));
    }

    boolean contains(String name) {
        return protos.containsKey(name);
    }

    /** The initializer's values; null when {@code name} is no initializer. */
    INDArray array(String name) {
        Onnx.TensorProto t = protos.get(name);
        return t == null ? null : arrays.computeIfAbsent(name, n -> OnnxTensors.toArray(t));
    }

    /**
     * A float convolution weight [out, in, kH, kW] in SameDiff's layout [kH, kW, in, out], its dilation (dH, dW)
     * written out ({@link DilatedKernels}); a copy of its own, made once per weight and dilation.
     */
    INDArray kernel(String name, long dH, long dW) {
        return kernels.computeIfAbsent(name + "@" + dH + "x" + dW, k -> {
            INDArray w = arrays.containsKey(name) ? arrays.get(name) : throughScratch(protos.get(name));
            return DilatedKernels.writeOut(w.castTo(DataType.FLOAT).permute(2, 3, 1, 0), dH, dW);
        });
    }

    /** The tensor read into the scratch array, when it is raw float data; else converted as any other. */
    private INDArray throughScratch(Onnx.TensorProto t) {
        if (t.getDataType() != OnnxTensors.FLOAT || t.getRawData().isEmpty() || t.getDimsCount() != 4) {
            return array(t.getName());
        }
        int n = OnnxTensors.rawFloatCount(t);
        if (n == 0) {
            return array(t.getName());
        }
        if (scratch == null || scratch.length() < n) {
            scratch = Nd4j.createUninitialized(DataType.FLOAT, Math.max(n, largestKernel()));
        }
        HeapCopies.fill(scratch, OnnxTensors.rawFloats(t));
        return scratch.get(NDArrayIndex.interval(0, n)).reshape('c', t.getDimsList().stream().mapToLong(Long::longValue).toArray());
    }

    /** The most values any rank-4 raw float tensor holds: bounded by the file's size, whatever its dims say. */
    private long largestKernel() {
        return protos.values().stream().filter(t -> t.getDimsCount() == 4 && t.getDataType() == OnnxTensors.FLOAT)
                .mapToLong(t -> t.getRawData().size() / Float.BYTES).max().orElse(0);
    }
}
