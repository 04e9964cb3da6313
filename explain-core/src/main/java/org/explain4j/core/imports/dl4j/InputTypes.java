package org.explain4j.core.imports.dl4j;

import java.util.List;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;

/**
 * The input type of a saved DL4J network. DL4J does not store it (its builder's {@code setInputType} only adds
 * preprocessors), so it is read, in this order, from the model card's {@code inputShape} ([C, H, W] or [F]), from a
 * feed-forward-to-CNN preprocessor on the input (LeNet's {@code convolutionalFlat}), from a first dense layer's
 * nIn, or, for a convolutional first layer, found as the smallest image whose activations reach every
 * CNN-to-feed-forward preprocessor with the height, width and channels it was built for. A fully convolutional
 * network (no such preprocessor) needs the card.
 */
final class InputTypes {

    private static final int LARGEST_SIDE = 2048;

    private InputTypes() {
    }

    /** [C, H, W] or [F]; {@code format} is the network's layout (DL4J's shape computations check it). */
    static InputType fromShape(long[] shape, CNN2DFormat format) {
        return switch (shape.length) {
            case 3 -> InputType.convolutional(shape[1], shape[2], shape[0], format);
            case 1 -> InputType.feedForward(shape[0]);
            default -> throw new Dl4jConversionException("the model card's inputShape must be [channels, height, width] or [features]");
        };
    }

    /** For a first layer that takes the network's input directly; null when it cannot tell (the caller searches). */
    static InputType fromFirstLayer(Layer first) {
        if (first instanceof FeedForwardLayer f && !(first instanceof ConvolutionLayer)) {
            return InputType.feedForward(f.getNIn());
        }
        return null;
    }

    /** The data format of a network's first layer: NHWC for Keras imports, NCHW for most DL4J code. */
    static CNN2DFormat formatOf(Layer first) {
        CNN2DFormat f = null;
        if (first instanceof ConvolutionLayer c) {
            f = c.getCnn2dDataFormat();
        } else if (first instanceof SubsamplingLayer s) {
            f = s.getCnn2dDataFormat();
        } else if (first instanceof BatchNormalization b) {
            f = b.getCnn2DFormat();
        }
        return f == null ? CNN2DFormat.NCHW : f;
    }

    static long channelsOf(Layer first, String network) {
        if (first instanceof ConvolutionLayer c && c.getNIn() > 0) {
            return c.getNIn();
        }
        throw new Dl4jConversionException(network + ": cannot tell the input's shape (first layer " + first.getClass().getSimpleName()
                + "); give it in a model card beside the file: {\"inputShape\": [channels, height, width]}");
    }

    /**
     * The input of {@code channels} channels for which {@code typesOf} (the network's activation types, or an exception)
     * gives each checkpoint's input exactly the shape its preprocessor was built for. Convolution and pooling sizes
     * are computed per axis, so the height and the width are found apart: the smallest side whose height (width)
     * reaches every checkpoint's height (width); the pair is then checked as a whole.
     */
    static <T> InputType search(long channels, CNN2DFormat format, List<Checkpoint<T>> checkpoints, Function<InputType, T> typesOf, String network) {
        if (checkpoints.isEmpty()) {
            throw new Dl4jConversionException(network + " is fully convolutional, so its input size cannot be told; give it in a model card"
                    + " beside the file: {\"inputShape\": [" + channels + ", height, width]}");
        }
        long height = -1;
        long width = -1;
        for (int side = 1; side <= LARGEST_SIDE && (height < 0 || width < 0); side++) {
            T types;
            try {
                types = typesOf.apply(InputType.convolutional(side, side, channels, format));
            } catch (RuntimeException e) {
                continue; // a size the network's layers reject (too small, or not a multiple in Strict mode)
            }
            T t = types;
            if (height < 0 && checkpoints.stream().allMatch(c -> c.reached(t, true))) {
                height = side;
            }
            if (width < 0 && checkpoints.stream().allMatch(c -> c.reached(t, false))) {
                width = side;
            }
        }
        if (height > 0 && width > 0) {
            InputType found = InputType.convolutional(height, width, channels, format);
            try {
                T types = typesOf.apply(found);
                if (checkpoints.stream().allMatch(c -> c.reached(types, true) && c.reached(types, false))) {
                    return found;
                }
            } catch (RuntimeException e) {
                // falls through to the error below
            }
        }
        throw new Dl4jConversionException(network + ": no input up to " + LARGEST_SIDE + " pixels a side fits its flattening layers; give the"
                + " input shape in a model card beside the file: {\"inputShape\": [channels, height, width]}");
    }

    /** A CNN-to-feed-forward preprocessor and where to read the activation type that reaches it. */
    record Checkpoint<T>(Function<T, InputType> typeBefore, long height, long width, long channels) {

        static <T> Checkpoint<T> of(CnnToFeedForwardPreProcessor p, Function<T, InputType> typeBefore) {
            return new Checkpoint<>(typeBefore, p.getInputHeight(), p.getInputWidth(), p.getNumChannels());
        }

        /** Whether the activation reaching the preprocessor has its channels and its height (or its width). */
        boolean reached(T types, boolean alongHeight) {
            return typeBefore.apply(types) instanceof InputType.InputTypeConvolutional c && c.getChannels() == channels
                    && (alongHeight ? c.getHeight() == height : c.getWidth() == width);
        }
    }
}
