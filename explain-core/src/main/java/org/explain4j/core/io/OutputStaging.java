package org.explain4j.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A set of output files that appear together or not at all: they are written into a hidden staging
 * folder inside the output folder and moved into place by {@link #commit()}; {@link #close()} without a
 * commit removes everything staged.
 *
 * <p>A staging made by {@link #replacing} also replaces the previous run in that folder as a whole: its commit
 * removes the files that the previous run's report lists and this run did not write again. A rerun that asks
 * fewer questions therefore leaves no stale map beside the new report, while files that no report lists (the
 * user's own) are never touched.
 */
public final class OutputStaging implements AutoCloseable {

    private static final String PREFIX = ".staging-";

    private final Path outDir;
    private final Path staging;
    private final Function<Path, Set<String>> previousFiles;
    private boolean committed;

    public OutputStaging(Path outDir) throws IOException {
        this(outDir, null);
    }

    private OutputStaging(Path outDir, Function<Path, Set<String>> previousFiles) throws IOException {
        this.outDir = outDir;
        this.previousFiles = previousFiles;
        Files.createDirectories(outDir);
        this.staging = Files.createTempDirectory(outDir, PREFIX);
    }

    /**
     * A staging whose commit replaces the previous run in {@code outDir} as a whole; {@code previousFiles} reads the
     * names of the files that run wrote from the folder (its report), empty when there is none.
     */
    public static OutputStaging replacing(Path outDir, Function<Path, Set<String>> previousFiles) {
        try {
            return new OutputStaging(outDir, previousFiles);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Where to write the file that will be {@code name} in the output folder. */
    public Path file(String name) {
        return staging.resolve(name);
    }

    /** Moves every staged file into the output folder; returns their final paths. */
    public List<Path> commit() throws IOException {
        Set<String> previous = previous();
        List<Path> moved = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(staging)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = outDir.resolve(f.getFileName());
                AtomicFiles.move(f, target);
                moved.add(target);
                names.add(f.getFileName().toString());
            }
        }
        for (String old : previous) {
            if (!names.contains(old)) {
                Files.deleteIfExists(outDir.resolve(old));
            }
        }
        committed = true;
        AtomicFiles.deleteTree(staging);
        return moved;
    }

    /** The previous run's files: only plain names inside the folder count, whatever else a hand-edited report says. */
    private Set<String> previous() {
        if (previousFiles == null) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        Set<String> listed;
        try {
            listed = previousFiles.apply(outDir);
        } catch (RuntimeException e) {
            return Set.of(); // an unreadable old report: nothing is removed
        }
        for (String n : listed) {
            if (n != null && !n.isBlank() && !n.contains("/") && !n.contains("\\") && !n.startsWith(".")) {
                names.add(n);
            }
        }
        return names;
    }

    /**
     * Removes what a killed run left below {@code root}: staging folders and the temporary {@code .part} files of
     * {@link AtomicFiles}, at most {@code depth} levels down. Returns how many were removed.
     */
    public static int removeLeftovers(Path root, int depth) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> found;
        try (Stream<Path> walk = Files.walk(root, depth)) {
            found = walk.filter(p -> {
                String n = p.getFileName().toString();
                return (n.startsWith(PREFIX) && Files.isDirectory(p)) || (n.startsWith(".") && n.endsWith(".part") && Files.isRegularFile(p));
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.forEach(AtomicFiles::deleteTree);
        return found.size();
    }

    @Override
    public void close() {
        if (!committed) {
            AtomicFiles.deleteTree(staging);
        }
    }
}
