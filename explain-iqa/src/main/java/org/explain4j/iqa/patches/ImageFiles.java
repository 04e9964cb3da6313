package org.explain4j.iqa.patches;

import java.nio.file.Path;
import org.explain4j.core.io.ImageReading;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.core.render.Images;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Image files as the quality networks take them: [3,H,W] in [0,1]. */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** Decoded strictly ({@link ImageReading}); a bad file is one {@code InputException} naming it. */
    public static INDArray read(Path file, PixelLimit limit) {
        return Images.toArray(ImageReading.read(file, limit));
    }

    public static INDArray read(Path file) {
        return read(file, PixelLimit.DEFAULT);
    }
}
