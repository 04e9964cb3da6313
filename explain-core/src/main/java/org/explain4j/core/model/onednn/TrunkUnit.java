package org.explain4j.core.model.onednn;

import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_forward;

import static org.bytedeco.dnnl.global.dnnl.algorithm;

/**
 * One primitive of a compiled forward pass, with what its backward needs: the forward's descriptors (oneDNN builds
 * backward primitives from them), the memories holding its output and, for max pooling, where each maximum was.
 * Variables are named as in the graph.
 */
sealed interface TrunkUnit {

    /** The variable this unit computes. */
    String out();

    /**
     * A convolution reading {@code in}; when {@code residual} is not null its result is added to that variable's value,
     * and when {@code relu} is set a ReLU follows, all in {@code out} = {@code dst}.
     */
    record Conv(String in, String residual, boolean relu, String out, convolution_forward.primitive_desc pd, memory weights,
                memory dst, long[] strides, long[] padding) implements TrunkUnit {
    }

    record Add(String a, String b, String out) implements TrunkUnit {
    }

    record Relu(String in, String out, memory dst) implements TrunkUnit {
    }

    /** {@code workspace} is null for average pooling. */
    record Pool(String in, String out, algorithm algorithm, pooling_forward.primitive_desc pd, memory src, memory dst,
                memory workspace, long[] strides, long[] kernel, long[] padding) implements TrunkUnit {
    }
}
