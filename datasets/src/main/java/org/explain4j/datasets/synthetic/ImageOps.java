package org.explain4j.datasets.synthetic;

import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.explain4j.core.render.Images;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Image degradations shared by the synthetic generators: Java2D convolutions and a real JPEG round trip. */
public final class ImageOps {

    private ImageOps() {
    }

    /** The image filtered by {@code k}, edges left as they are. */
    public static BufferedImage convolve(BufferedImage src, Kernel k) {
        BufferedImage rgb = Images.resize(src, src.getWidth(), src.getHeight());
        BufferedImage out = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_RGB);
        return new ConvolveOp(k, ConvolveOp.EDGE_NO_OP, null).filter(rgb, out);
    }

    /** A normalised flat disk of the given radius (lens blur). */
    public static Kernel disk(int radius) {
        int n = 2 * radius + 1;
        float[] w = new float[n * n];
        int count = 0;
        for (int y = -radius; y <= radius; y++) {
            for (int x = -radius; x <= radius; x++) {
                if (x * x + y * y <= radius * radius) {
                    w[(y + radius) * n + x + radius] = 1;
                    count++;
                }
            }
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= count;
        }
        return new Kernel(n, n, w);
    }

    /** A normalised Gaussian kernel, radius ceil(2.5 sigma). */
    public static Kernel gaussian(double sigma) {
        int radius = (int) Math.ceil(2.5 * sigma);
        int n = 2 * radius + 1;
        float[] w = new float[n * n];
        double sum = 0;
        for (int y = -radius; y <= radius; y++) {
            for (int x = -radius; x <= radius; x++) {
                double v = Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
                w[(y + radius) * n + x + radius] = (float) v;
                sum += v;
            }
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= (float) sum;
        }
        return new Kernel(n, n, w);
    }

    /** The image after JPEG compression at {@code quality} (0..1) and decompression. */
    public static BufferedImage jpeg(BufferedImage src, float quality) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam p = writer.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(quality);
                writer.write(null, new IIOImage(Images.resize(src, src.getWidth(), src.getHeight()), null, null), p);
            } finally {
                writer.dispose();
            }
            return Images.resize(ImageIO.read(new ByteArrayInputStream(bytes.toByteArray())), src.getWidth(), src.getHeight());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** [3,H,W] -> [3,H,W], for arithmetic on whole colour planes. */
    @FunctionalInterface
    public interface PlaneOp {
        INDArray apply(INDArray chw);
    }

    /** The image through {@code op} on its [3,H,W] array in [0,1], clipped back to [0,1]. */
    public static BufferedImage onPlanes(BufferedImage src, PlaneOp op) {
        INDArray x = op.apply(Images.toArray(src));
        return Images.fromArray(Transforms.min(Transforms.max(x, 0.0, false), 1.0, false));
    }

    /** Colour planes moved towards their luminance by {@code amount} (0: unchanged, 1: grey). */
    public static INDArray desaturate(INDArray chw, double amount) {
        INDArray gray = chw.slice(0).mul(0.299).addi(chw.slice(1).mul(0.587)).addi(chw.slice(2).mul(0.114));
        INDArray out = chw.mul(1 - amount);
        for (int c = 0; c < 3; c++) {
            out.slice(c).addi(gray.mul(amount));
        }
        return out;
    }
}
