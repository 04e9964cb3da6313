package org.explain4j.core.imports.dl4j;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A converted network: its SameDiff graph, input placeholder, output variable, input type, and the default layer to
 * explain: the last DL4J layer or vertex with a spatial output (null if none), not an op SameDiff needed in between.
 */
record Converted(SameDiff graph, String input, String output, InputType inputType, String defaultLayer) {

    static final String INPUT = "input";

    /** The per-sample input shape, [C, H, W] or [F]. */
    long[] inputShape() {
        if (inputType instanceof InputType.InputTypeConvolutional c) {
            return new long[] {c.getChannels(), c.getHeight(), c.getWidth()};
        }
        if (inputType instanceof InputType.InputTypeFeedForward f) {
            return new long[] {f.getSize()};
        }
        throw new Dl4jConversionException("input type " + inputType + " is not supported (images or feature vectors only)");
    }

    static SDVariable placeholder(SameDiff sd, String name, InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return sd.placeHolder(name, DataType.FLOAT, -1, c.getChannels(), c.getHeight(), c.getWidth());
        }
        if (type instanceof InputType.InputTypeFeedForward f) {
            return sd.placeHolder(name, DataType.FLOAT, -1, f.getSize());
        }
        throw new Dl4jConversionException("input type " + type + " is not supported (images or feature vectors only)");
    }
}
