package org.explain4j.core.model;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.nd4j.autodiff.samediff.serde.FlatBuffersMapper;
import org.nd4j.graph.FlatArray;
import org.nd4j.graph.FlatGraph;
import org.nd4j.graph.FlatNode;
import org.nd4j.graph.FlatProperties;
import org.nd4j.graph.FlatVariable;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Checks every array stored in a SameDiff FlatBuffers file before SameDiff reads it. SameDiff builds each array
 * with the strides stored in the file and copies it in native code, so one flipped byte in a stride reads past
 * the data and crashes the JVM (found by ReaderFuzzTest). Here each array's shape record must be whole, its
 * dimensions non-negative, its strides keep every element inside the data, and its data hold every element.
 */
final class FlatGraphCheck {

    private static final int MAX_RANK = 32;

    private FlatGraphCheck() {
    }

    static void check(ByteBuffer bytes, Path file) {
        try {
            FlatGraph g = FlatGraph.getRootAsFlatGraph(bytes.duplicate());
            for (int i = 0; i < g.variablesLength(); i++) {
                FlatVariable v = g.variables(i);
                array(v.ndarray(), file);
            }
            for (int i = 0; i < g.nodesLength(); i++) {
                FlatNode n = g.nodes(i);
                array(n.scalar(), file);
                for (int p = 0; p < n.propertiesLength(); p++) {
                    FlatProperties props = n.properties(p);
                    for (int a = 0; a < props.aLength(); a++) {
                        array(props.a(a), file);
                    }
                }
            }
        } catch (ModelLoadException e) {
            throw e;
        } catch (RuntimeException e) {
            // FlatBuffers offsets that point outside the file surface as Java index errors.
            throw corrupt(file, "its structure is damaged (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void array(FlatArray a, Path file) {
        if (a == null) {
            return;
        }
        int have = a.shapeLength();
        if (have < 1) {
            throw corrupt(file, "an array has no shape record");
        }
        long rank = a.shape(0);
        if (rank < 0 || rank > MAX_RANK || have < 2 * rank + 4) {
            throw corrupt(file, "an array's shape record is cut or names rank " + rank);
        }
        long elements = 1;
        long reach = 0;
        for (int d = 0; d < rank; d++) {
            long size = a.shape(1 + d);
            long stride = a.shape(1 + (int) rank + d);
            if (size < 0 || size > Integer.MAX_VALUE) {
                throw corrupt(file, "an array has dimension " + size);
            }
            elements = Math.multiplyExact(elements, size);
            if (elements > Integer.MAX_VALUE) {
                throw corrupt(file, "an array is too large");
            }
            if (size > 0) {
                if (stride < 0 || stride > Integer.MAX_VALUE) {
                    throw corrupt(file, "an array has stride " + stride);
                }
                reach += (size - 1) * stride;
            }
        }
        long order = a.shape((int) (2 * rank + 3));
        if (rank > 0 && order != 'c' && order != 'f') {
            throw corrupt(file, "an array has order " + order);
        }
        if (elements > 0 && reach >= elements) {
            throw corrupt(file, "an array's strides reach past its " + elements + " elements");
        }
        DataType type = FlatBuffersMapper.getDataTypeFromByte(a.dtype());
        long bytesNeeded = type == DataType.UTF8 || type == DataType.UNKNOWN ? 0 : elements * Math.max(type.width(), 1);
        if (a.bufferLength() < bytesNeeded) {
            throw corrupt(file, "an array holds " + a.bufferLength() + " bytes of the " + bytesNeeded + " its shape needs");
        }
    }

    private static ModelLoadException corrupt(Path file, String why) {
        return new ModelLoadException("cannot read " + file + " as a SameDiff model: the file is corrupt (" + why + ")");
    }
}
