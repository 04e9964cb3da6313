package org.explain4j.core.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.explain4j.core.io.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Conversions between Java2D images and [C,H,W] arrays in [0,1], whole bands at a time. */
public final class Images {

    private Images() {
    }

    /** An RGB image as a float array [3,H,W] in [0,1]. */
    public static INDArray toArray(BufferedImage image) {
        BufferedImage rgb = asRgb(image);
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        Raster raster = rgb.getRaster();
        INDArray out = Nd4j.create(DataType.FLOAT, 3, h, w);
        for (int b = 0; b < 3; b++) {
            float[] band = raster.getSamples(0, 0, w, h, b, (float[]) null);
            out.putSlice(b, Nd4j.createFromArray(band).reshape(h, w));
        }
        return out.divi(255f);
    }

    /** A [1,H,W] or [3,H,W] array in [0,1] (clipped) as an RGB image. */
    public static BufferedImage fromArray(INDArray chw) {
        if (chw.rank() == 2) {
            chw = chw.reshape(1, chw.size(0), chw.size(1));
        }
        int c = (int) chw.size(0);
        int h = (int) chw.size(1);
        int w = (int) chw.size(2);
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException("can draw 1 or 3 channels, not " + c);
        }
        INDArray bytes = Transforms.min(Transforms.max(chw.castTo(DataType.FLOAT), 0.0, true), 1.0, false).muli(255f).addi(0.5f);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = img.getRaster();
        for (int b = 0; b < 3; b++) {
            float[] band = bytes.slice(c == 1 ? 0 : b).dup('c').data().asFloat();
            raster.setSamples(0, 0, w, h, b, band);
        }
        return img;
    }

    /** Bilinear resize (no crop) to width x height. */
    public static BufferedImage resize(BufferedImage src, int width, int height) {
        if (src.getWidth() == width && src.getHeight() == height && src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    /** Writes a PNG, atomically. */
    public static void writePng(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, tmp -> {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    private static BufferedImage asRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        return resize(image, image.getWidth(), image.getHeight());
    }
}
