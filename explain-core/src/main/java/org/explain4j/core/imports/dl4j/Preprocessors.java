package org.explain4j.core.imports.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * DL4J's input preprocessors as reshapes. CNN to feed-forward flattens in C order in the network's format: channel by
 * channel for NCHW (a reshape of our NCHW array), pixel by pixel for NHWC (after a permute); feed-forward to CNN
 * (NCHW only in DL4J M2.1) undoes the first.
 */
final class Preprocessors {

    private Preprocessors() {
    }

    static SDVariable apply(SameDiff sd, String name, InputPreProcessor pre, Activation x) {
        if (pre instanceof CnnToFeedForwardPreProcessor p) {
            long n = p.getNumChannels() * p.getInputHeight() * p.getInputWidth();
            // Our activations are NCHW; an NHWC network (a Keras import) flattens height, width, channels.
            SDVariable in = p.getFormat() == CNN2DFormat.NHWC ? x.v().permute(0, 2, 3, 1) : x.v();
            return sd.reshape(name, in, -1, n);
        }
        if (pre instanceof FeedForwardToCnnPreProcessor p) {
            return sd.reshape(name, x.v(), -1, p.getNumChannels(), p.getInputHeight(), p.getInputWidth());
        }
        throw new Dl4jConversionException("'" + name + "': input preprocessor " + pre.getClass().getSimpleName() + " is not supported");
    }
}
