package org.explain4j.iqa.patches;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.explain4j.core.render.Images;
import org.explain4j.datasets.DatasetException;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Image files as the quality networks take them: [3,H,W] in [0,1]. */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** Throws {@link DatasetException} (one line, naming the file) for a file ImageIO cannot decode. */
    public static INDArray read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new DatasetException("cannot read " + file + " as an image");
        }
        return Images.toArray(img);
    }
}
