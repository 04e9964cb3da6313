package org.explain4j.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How an image becomes a model input: pixel values in [0,255] are multiplied by {@code scale},
 * then each channel c becomes (x - mean[c]) / std[c]. {@code channelOrder} is "RGB", "BGR" or "GRAY".
 * The image is resized (bilinear, no crop) to the model's input height and width first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Preprocessing(double scale, double[] mean, double[] std, String channelOrder) {

    public Preprocessing {
        if (scale == 0) {
            scale = 1.0 / 255.0;
        }
        if (channelOrder == null) {
            channelOrder = "RGB";
        }
        if (mean != null && std != null && mean.length != std.length) {
            throw new IllegalArgumentException("preprocessing mean and std must have the same length");
        }
    }

    /** Pixels to [0,1], nothing else. */
    public static Preprocessing unitRange() {
        return new Preprocessing(1.0 / 255.0, null, null, "RGB");
    }

    /** The torchvision ImageNet convention used by the paper's recognition pipeline. */
    public static Preprocessing imagenet() {
        return new Preprocessing(1.0 / 255.0, new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}, "RGB");
    }

    public double meanOf(int channel) {
        return mean == null ? 0.0 : mean[channel % mean.length];
    }

    public double stdOf(int channel) {
        return std == null ? 1.0 : std[channel % std.length];
    }
}
