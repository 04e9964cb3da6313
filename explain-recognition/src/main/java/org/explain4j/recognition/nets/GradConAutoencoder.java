package org.explain4j.recognition.nets;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GradCON's convolutional autoencoder for 28 x 28 inputs (Kwon et al., ECCV 2020): an encoder of four 4x4
 * convolutions, stride 2, padding 2 (32, 32, 64, 64 channels, ReLU; 28 -> 15 -> 8 -> 5 -> 3) and a decoder of four
 * 4x4 transposed convolutions, stride 2, paddings 2, 1, 2, 1 (64, 32, 32, C channels; 3 -> 4 -> 8 -> 14 -> 28),
 * ReLU between, sigmoid at the end. Weights start as PyTorch's defaults do (uniform in +-1/sqrt(fan in), biases
 * too, where a transposed convolution's fan in is its output channels x 16, as PyTorch computes it from the weight's
 * second axis), from an explicit seed. Weight layouts are SameDiff's: conv [4, 4, in, out], deconv [4, 4, out, in].
 */
public final class GradConAutoencoder {

    public static final String INPUT = "input";
    public static final String OUTPUT = "reconstruction";
    /** The decoder's weights, in order: the sites of GradCON's gradient constraint and score. */
    public static final List<String> DECODER_WEIGHTS = List.of("up1_W", "up2_W", "up3_W", "up4_W");

    private static final int[] ENCODER = {32, 32, 64, 64};
    private static final int[] DECODER_PADDING = {2, 1, 2, 1};

    private GradConAutoencoder() {
    }

    public static SameDiff build(int channels, long seed, DataType type) {
        SameDiff sd = SameDiff.create();
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        SDVariable x = sd.placeHolder(INPUT, type, -1, channels, 28, 28);
        int in = channels;
        for (int i = 0; i < 4; i++) {
            int out = ENCODER[i];
            double bound = 1 / Math.sqrt(in * 16.0);
            SDVariable w = sd.var("down" + (i + 1) + "_W", uniform(rng, bound, type, 4, 4, in, out));
            SDVariable b = sd.var("down" + (i + 1) + "_b", uniform(rng, bound, type, out));
            x = sd.nn().relu("down" + (i + 1), sd.cnn().conv2d(x, w, b, Conv2DConfig.builder().kH(4).kW(4).sH(2).sW(2).pH(2).pW(2)
                    .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build()), 0);
            in = out;
        }
        int[] decoder = {64, 32, 32, channels};
        for (int i = 0; i < 4; i++) {
            int out = decoder[i];
            double bound = 1 / Math.sqrt(out * 16.0);
            SDVariable w = sd.var(DECODER_WEIGHTS.get(i), uniform(rng, bound, type, 4, 4, out, in));
            SDVariable b = sd.var("up" + (i + 1) + "_b", uniform(rng, bound, type, out));
            int p = DECODER_PADDING[i];
            SDVariable y = sd.cnn().deconv2d("up" + (i + 1) + "_conv", x, w, b, DeConv2DConfig.builder().kH(4).kW(4).sH(2).sW(2)
                    .pH(p).pW(p).isSameMode(false).dataFormat("NCHW").build());
            x = i < 3 ? sd.nn().relu("up" + (i + 1), y, 0) : sd.nn().sigmoid(OUTPUT, y);
            in = out;
        }
        return sd;
    }

    private static INDArray uniform(Random rng, double bound, DataType type, long... shape) {
        return Nd4j.rand(rng, shape).castTo(type).muli(2 * bound).subi(bound);
    }
}
