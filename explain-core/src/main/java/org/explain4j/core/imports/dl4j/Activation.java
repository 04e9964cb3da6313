package org.explain4j.core.imports.dl4j;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.autodiff.samediff.SDVariable;

/** A value flowing between converted layers and its DL4J input type: convolutional ([N, C, H, W]) or feed-forward ([N, F]). */
record Activation(SDVariable v, InputType type) {

    boolean cnn() {
        return type instanceof InputType.InputTypeConvolutional;
    }

    long channels() {
        return ((InputType.InputTypeConvolutional) type).getChannels();
    }
}
