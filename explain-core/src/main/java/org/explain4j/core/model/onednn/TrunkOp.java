package org.explain4j.core.model.onednn;

import java.util.List;

/**
 * One operation of a network's convolutional trunk, in the terms oneDNN runs it: every input and output is an
 * NCHW activation named as in the SameDiff graph.
 */
sealed interface TrunkOp {

    String out();

    List<String> ins();

    /**
     * A convolution with explicit padding and no dilation, its [kH, kW, C, O] kernel and [O] bias (or null) named as in
     * the graph: a plan reads their values when it is compiled, so that it sees what the graph holds then.
     */
    record Conv(String in, String out, String weights, String bias, long sH, long sW, long pH, long pW) implements TrunkOp {
        @Override
        public List<String> ins() {
            return List.of(in);
        }
    }

    record Relu(String in, String out) implements TrunkOp {
        @Override
        public List<String> ins() {
            return List.of(in);
        }
    }

    /** An elementwise sum of two activations of the same shape (a residual connection). */
    record Add(String a, String b, String out) implements TrunkOp {
        @Override
        public List<String> ins() {
            return List.of(a, b);
        }
    }

    /** Max or average pooling with explicit padding; {@code excludePadding} is the average's divisor. */
    record Pool(String in, String out, boolean max, boolean excludePadding, long kH, long kW, long sH, long sW, long pH,
                long pW) implements TrunkOp {
        @Override
        public List<String> ins() {
            return List.of(in);
        }
    }
}
