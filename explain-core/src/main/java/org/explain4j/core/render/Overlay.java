package org.explain4j.core.render;

import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A heat map drawn over the image it explains. */
public final class Overlay {

    private Overlay() {
    }

    /**
     * Alpha blend: (1 - alpha) * image + alpha * colormap(map). {@code map} is [H,W] in [0,1] at the
     * image's size (see {@link org.explain4j.core.cam.MapOps#toDisplay}).
     */
    public static BufferedImage blend(BufferedImage image, INDArray map, Colormap colormap, double alpha) {
        if (alpha < 0 || alpha > 1) {
            throw new IllegalArgumentException("alpha must lie in [0,1], got " + alpha);
        }
        INDArray img = fitted(image, map);
        INDArray heat = colormap.apply(map);
        return Images.fromArray(img.muli(1 - alpha).addi(heat.muli(alpha)));
    }

    /** The Grad-CAM papers' overlay: (image + colormap(map)) / max. */
    public static BufferedImage additive(BufferedImage image, INDArray map, Colormap colormap) {
        INDArray sum = fitted(image, map).addi(colormap.apply(map));
        double max = sum.maxNumber().doubleValue();
        return Images.fromArray(sum.divi(max > 0 ? max : 1));
    }

    private static INDArray fitted(BufferedImage image, INDArray map) {
        int h = (int) map.size(0);
        int w = (int) map.size(1);
        return Images.toArray(Images.resize(image, w, h));
    }
}
