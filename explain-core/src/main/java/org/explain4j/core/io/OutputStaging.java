package org.explain4j.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A set of output files that appear together or not at all: they are written into a hidden staging
 * folder inside the output folder and moved into place by {@link #commit()}; {@link #close()} without a
 * commit removes everything staged.
 */
public final class OutputStaging implements AutoCloseable {

    private final Path outDir;
    private final Path staging;
    private boolean committed;

    public OutputStaging(Path outDir) throws IOException {
        this.outDir = outDir;
        Files.createDirectories(outDir);
        this.staging = Files.createTempDirectory(outDir, ".staging-");
    }

    /** Where to write the file that will be {@code name} in the output folder. */
    public Path file(String name) {
        return staging.resolve(name);
    }

    /** Moves every staged file into the output folder; returns their final paths. */
    public List<Path> commit() throws IOException {
        List<Path> moved = new ArrayList<>();
        try (Stream<Path> files = Files.list(staging)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = outDir.resolve(f.getFileName());
                AtomicFiles.move(f, target);
                moved.add(target);
            }
        }
        committed = true;
        AtomicFiles.deleteTree(staging);
        return moved;
    }

    @Override
    public void close() {
        if (!committed) {
            AtomicFiles.deleteTree(staging);
        }
    }
}
