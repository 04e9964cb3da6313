package org.explain4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.io.PixelLimit;

/** Option values with errors in plain words. */
public final class Arguments {

    private Arguments() {
    }

    /**
     * The one value of {@code option}, or null when it is absent. Commons CLI keeps every repeat and
     * {@code getOptionValue} returns the first, so {@code --epochs 1 --epochs 5} would quietly train one epoch: a
     * repeat is a usage error instead. Actions call this for an option that only some of their command's actions repeat.
     */
    public static String single(CommandLine line, String option) {
        String[] values = line.getOptionValues(option);
        if (values == null) {
            return null;
        }
        if (values.length > 1) {
            throw new UsageException("--" + option + " was given " + values.length + " times (" + String.join(", ", values)
                    + "); it takes one value");
        }
        return values[0];
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

    public static int positiveInt(CommandLine line, String option, int fallback) {
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
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " " + v + ": not a number");
        }
        if (!Double.isFinite(d)) {
            throw new UsageException("--" + option + " must be a finite number, not " + v);
        }
        return d;
    }

    /** The {@code --max-pixels} option: the largest image decoded (default {@link PixelLimit#DEFAULT}). */
    public static PixelLimit pixelLimit(CommandLine line) {
        long v = longValue(line, "max-pixels", PixelLimit.DEFAULT.maxPixels());
        if (v < 1) {
            throw new UsageException("--max-pixels must be at least 1");
        }
        return new PixelLimit(v);
    }

    public static org.apache.commons.cli.Option pixelLimitOption() {
        return org.apache.commons.cli.Option.builder().longOpt("max-pixels").hasArg().argName("N")
                .desc("largest image decoded, in pixels (default " + PixelLimit.DEFAULT.maxPixels() + ", 4096x4096)").build();
    }

    /**
     * An output folder checked before any work: not a file, and creatable where it does not exist yet (its
     * nearest existing ancestor is a folder where a file can really be created: a probe file is made and
     * removed, because permission bits say nothing of read-only or pseudo file systems such as /proc).
     */
    public static Path outputFolder(Path dir) {
        return outputFolder(dir, "--out");
    }

    static Path outputFolder(Path dir, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException(option + " " + dir + " exists and is not a folder");
        }
        probe(dir, option, dir);
        return dir;
    }

    /** An output file checked before any work: not a folder, not a read-only file, in a folder that can take it. */
    static Path outputFile(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new UsageException(option + " " + file + " is a folder; a file name is expected");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new UsageException(option + " " + file + " exists and cannot be overwritten");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new UsageException(option + " " + file + " cannot be written: " + parent + " is not a folder");
        }
        probe(parent, option, file);
        return file;
    }

    private static void probe(Path dir, String option, Path asked) {
        Path existing = dir == null ? null : dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new UsageException(option + " " + asked + " cannot be written: " + existing + " is not a folder");
        }
        try {
            Files.delete(Files.createTempFile(existing, ".explain4j-probe-", ".tmp"));
        } catch (IOException | RuntimeException e) {
            throw new UsageException(option + " " + asked + " cannot be written: " + existing + " does not take new files ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
