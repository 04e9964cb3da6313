package org.explain4j.cli;

import org.apache.commons.cli.CommandLine;
import org.explain4j.core.io.PixelLimit;

/** Numeric option values with errors in plain words. */
final class Arguments {

    private Arguments() {
    }

    static long longValue(CommandLine line, String option, long fallback) {
        String v = line.getOptionValue(option);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " " + v + ": not a whole number");
        }
    }

    static int nonNegativeInt(CommandLine line, String option, int fallback) {
        long v = longValue(line, option, fallback);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new UsageException("--" + option + " " + v + ": must be 0 or more");
        }
        return (int) v;
    }

    static int positiveInt(CommandLine line, String option, int fallback) {
        int v = nonNegativeInt(line, option, fallback);
        if (v == 0) {
            throw new UsageException("--" + option + " must be at least 1");
        }
        return v;
    }

    static double doubleValue(CommandLine line, String option, double fallback) {
        String v = line.getOptionValue(option);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " " + v + ": not a number");
        }
    }

    /** The {@code --max-pixels} option: the largest image decoded (default {@link PixelLimit#DEFAULT}). */
    static PixelLimit pixelLimit(CommandLine line) {
        long v = longValue(line, "max-pixels", PixelLimit.DEFAULT.maxPixels());
        if (v < 1) {
            throw new UsageException("--max-pixels must be at least 1");
        }
        return new PixelLimit(v);
    }

    static org.apache.commons.cli.Option pixelLimitOption() {
        return org.apache.commons.cli.Option.builder().longOpt("max-pixels").hasArg().argName("N")
                .desc("largest image decoded, in pixels (default " + PixelLimit.DEFAULT.maxPixels() + ", 4096x4096)").build();
    }

    /**
     * An output folder checked before any work: not a file, and creatable where it does not exist yet (its
     * nearest existing ancestor is a writable folder). Nothing is created here.
     */
    static java.nio.file.Path outputFolder(java.nio.file.Path dir) {
        if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            throw new UsageException("--out " + dir + " exists and is not a folder");
        }
        java.nio.file.Path existing = dir.toAbsolutePath();
        while (existing != null && !java.nio.file.Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !java.nio.file.Files.isDirectory(existing) || !java.nio.file.Files.isWritable(existing)) {
            throw new UsageException("--out " + dir + " cannot be written: " + existing + " is not a writable folder");
        }
        return dir;
    }
}
