package org.explain4j.datasets.quality;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.explain4j.core.render.Images;
import org.explain4j.datasets.synthetic.ImageOps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The eight distortion types of the synthetic quality set, each at levels 1..5 (5 the strongest):
 * JPEG compression at falling ImageIO quality, Gaussian blur, white noise, contrast reduction,
 * quantisation, saturation change, 8x8 block artefacts, and a local patch distortion (a square of
 * the image blurred and noised, its share of the area growing with the level). Colour arithmetic runs
 * on [3,H,W] arrays.
 */
public final class QualityDistortions {

    public static final List<String> NAMES = List.of("jpeg", "gaussian_blur", "white_noise", "contrast", "quantisation",
            "saturation", "block", "local_patch");

    private QualityDistortions() {
    }

    /** {@code type} 1..8 as in {@link #NAMES}. */
    public static BufferedImage apply(BufferedImage src, int type, int level, Random rng) {
        if (level < 1 || level > 5) {
            throw new IllegalArgumentException("level must be 1..5, got " + level);
        }
        return switch (type) {
            case 1 -> ImageOps.jpeg(src, new float[] {0.5f, 0.3f, 0.15f, 0.07f, 0.02f}[level - 1]);
            case 2 -> ImageOps.convolve(src, ImageOps.gaussian(new double[] {0.6, 1.0, 1.6, 2.4, 3.5}[level - 1]));
            case 3 -> ImageOps.onPlanes(src, x -> x.add(Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(rng.nextLong()), x.shape())
                    .castTo(x.dataType()).muli(0.025 * level)));
            case 4 -> ImageOps.onPlanes(src, x -> {
                double mean = x.meanNumber().doubleValue();
                return x.sub(mean).muli(1 - 0.16 * level).addi(mean);
            });
            case 5 -> ImageOps.onPlanes(src, x -> {
                double steps = new double[] {24, 12, 7, 4, 2}[level - 1];
                return Transforms.round(x.mul(steps), false).divi(steps);
            });
            case 6 -> ImageOps.onPlanes(src, x -> ImageOps.desaturate(x, 0.19 * level));
            case 7 -> ImageOps.onPlanes(src, x -> blocks(x, 0.2 * level));
            case 8 -> localPatch(src, level, rng).image();
            default -> throw new IllegalArgumentException("distortion type must be 1..8, got " + type);
        };
    }

    /** Each 8x8 block blended towards its mean by {@code amount}: average pooling, then nearest upsampling. */
    private static INDArray blocks(INDArray x, double amount) {
        long h = x.size(1) / 8 * 8;
        long w = x.size(2) / 8 * 8;
        INDArray core = x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h), NDArrayIndex.interval(0, w));
        INDArray means = core.reshape(3, h / 8, 8, w / 8, 8).mean(2, 4).reshape(3, h / 8, 1, w / 8, 1);
        INDArray flat = Nd4j.zeros(x.dataType(), 3, h / 8, 8, w / 8, 8).addi(means.broadcast(3, h / 8, 8, w / 8, 8)).reshape(3, h, w);
        INDArray out = x.dup();
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h), NDArrayIndex.interval(0, w)).muli(1 - amount).addi(flat.muli(amount));
        return out;
    }

    /** A distorted image and the square it was distorted in (pixels x, y, side). */
    public record Local(BufferedImage image, int x, int y, int side) {
    }

    /** Distortion 8, telling where: the rest of the image is untouched. */
    public static Local localPatch(BufferedImage src, int level, Random rng) {
        int w = src.getWidth();
        int h = src.getHeight();
        int side = (int) Math.round(Math.sqrt(w * h * (0.04 + 0.04 * level)));
        side = Math.min(side, Math.min(w, h));
        // The centre is drawn first, so that one seed puts the squares of every level around the same point.
        int x0 = (int) Math.round(rng.nextDouble() * (w - side));
        int y0 = (int) Math.round(rng.nextDouble() * (h - side));
        BufferedImage damaged = apply(apply(src, 2, 5, rng), 3, 5, rng);
        INDArray out = Images.toArray(src);
        INDArray bad = Images.toArray(damaged);
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(y0, y0 + side), NDArrayIndex.interval(x0, x0 + side))
                .assign(bad.get(NDArrayIndex.all(), NDArrayIndex.interval(y0, y0 + side), NDArrayIndex.interval(x0, x0 + side)));
        return new Local(Images.fromArray(out), x0, y0, side);
    }
}
