package org.explain4j.core.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SSIM (Wang, Bovik, Sheikh, Simoncelli, TIP 2004) as in the authors' reference implementation:
 * luminance in [0,1], an 11x11 Gaussian window with sigma 1.5, 'valid' filtering, C1 = (0.01)^2,
 * C2 = (0.03)^2, the mean of the SSIM map. The local statistics are convolutions (ND4J conv2d), not
 * pixel loops.
 */
public final class Ssim {

    private static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;

    private Ssim() {
    }

    /** Mean SSIM of two grey images [H,W] in [0,1]. */
    public static double of(INDArray x, INDArray y) {
        return map(x, y).meanNumber().doubleValue();
    }

    /** The SSIM map, [H-10, W-10]. */
    public static INDArray map(INDArray x, INDArray y) {
        if (x.rank() != 2 || !java.util.Arrays.equals(x.shape(), y.shape())) {
            throw new IllegalArgumentException("SSIM needs two grey images of one size, got " + java.util.Arrays.toString(x.shape())
                    + " and " + java.util.Arrays.toString(y.shape()));
        }
        if (x.size(0) < WINDOW || x.size(1) < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW + " pixels");
        }
        INDArray a = x.castTo(DataType.DOUBLE);
        INDArray b = y.castTo(DataType.DOUBLE);
        INDArray muA = filter(a);
        INDArray muB = filter(b);
        INDArray muA2 = muA.mul(muA);
        INDArray muB2 = muB.mul(muB);
        INDArray muAB = muA.mul(muB);
        INDArray varA = filter(a.mul(a)).subi(muA2);
        INDArray varB = filter(b.mul(b)).subi(muB2);
        INDArray cov = filter(a.mul(b)).subi(muAB);
        INDArray num = muAB.mul(2).addi(C1).muli(cov.mul(2).addi(C2));
        INDArray den = muA2.add(muB2).addi(C1).muli(varA.add(varB).addi(C2));
        return num.divi(den);
    }

    /** One grey image [H,W] -> [H-10, W-10], filtered by the normalised Gaussian window. */
    private static INDArray filter(INDArray img) {
        INDArray in = img.reshape(1, 1, img.size(0), img.size(1));
        Conv2DConfig cfg = Conv2DConfig.builder().kH(WINDOW).kW(WINDOW).sH(1).sW(1).paddingMode(PaddingMode.VALID)
                .dataFormat("NCHW").build();
        INDArray out = Nd4j.cnn().conv2d(in, GaussianWindow.of(WINDOW, SIGMA), cfg);
        return out.reshape(out.size(2), out.size(3));
    }
}
