package org.explain4j.core.io;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The largest image, in pixels, that a command decodes. It is checked from the file's header, before the
 * pixels are decoded, so an oversized file costs nothing. The default (16 megapixels, 4096 x 4096) keeps the
 * largest pipeline, the quality maps at stride 4, under 4 GB of memory (docs/HARDENING.md gives the measurement).
 */
public record PixelLimit(long maxPixels) {

    public static final PixelLimit DEFAULT = new PixelLimit(16L * 1024 * 1024);
    /** The command-line flag that raises it, named in every refusal. */
    public static final String FLAG = "--max-pixels";

    public PixelLimit {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("a pixel limit must be at least 1");
        }
    }

    public void check(long width, long height, Path file) {
        if (width < 1 || height < 1) {
            throw new InputException(file + " declares an empty image (" + width + "x" + height + ")");
        }
        if (width * height > maxPixels) {
            throw new InputException(String.format(Locale.ROOT, "%s is %dx%d = %.1f megapixels, above the limit of %.1f"
                    + " megapixels (%s %d raises it; memory grows with it)", file, width, height, width * height / 1e6,
                    maxPixels / 1e6, FLAG, width * height));
        }
    }
}
