package org.explain4j.core.imports.dl4j;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * DL4J's input preprocessors as reshapes. CNN to feed-forward flattens NCHW activations in C order, channel by
 * channel (DL4J's order; a reshape of the NCHW array gives exactly that), feed-forward to CNN undoes it.
 */
final class Preprocessors {

    private Preprocessors() {
    }

    static SDVariable apply(SameDiff sd, String name, InputPreProcessor pre, Activation x) {
        if (pre instanceof CnnToFeedForwardPreProcessor p) {
            if (p.getFormat() != CNN2DFormat.NCHW) {
                throw new Dl4jConversionException("'" + name + "': CnnToFeedForwardPreProcessor in format " + p.getFormat()
                        + " is not supported (NCHW only)");
            }
            return sd.reshape(name, x.v(), -1, p.getNumChannels() * p.getInputHeight() * p.getInputWidth());
        }
        if (pre instanceof FeedForwardToCnnPreProcessor p) {
            return sd.reshape(name, x.v(), -1, p.getNumChannels(), p.getInputHeight(), p.getInputWidth());
        }
        throw new Dl4jConversionException("'" + name + "': input preprocessor " + pre.getClass().getSimpleName() + " is not supported");
    }
}
