package org.explain4j.core.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an image file strictly: the size is read from the header and checked against a {@link PixelLimit}
 * before any pixel is decoded, and a decoder's warning (a JPEG cut short, "Premature end of JPEG file") is an
 * error like its exceptions, because ImageIO would otherwise hand back the missing part as grey without a word.
 */
public final class ImageReading {

    public static final String FORMATS = "PNG, JPEG, BMP or GIF";

    private ImageReading() {
    }

    public static BufferedImage read(Path file, PixelLimit limit) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("input file not found: " + file);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new InputException("cannot open " + file);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InputException("cannot read " + file + " as an image (" + FORMATS + " expected)");
            }
            ImageReader reader = readers.next();
            try {
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener(collector(warnings));
                reader.setInput(in, true, true);
                limit.check(reader.getWidth(0), reader.getHeight(0), file);
                BufferedImage img = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new InputException(file + " is damaged or truncated (" + warnings.get(0) + ")");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (InputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders throw IIOException for a cut-off file and assorted runtime exceptions for mangled ones.
            throw new InputException("cannot decode " + file + " as an image (" + FORMATS + "): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    private static IIOReadWarningListener collector(List<String> warnings) {
        return (source, warning) -> warnings.add(warning);
    }
}
