package org.explain4j.spark.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A task's local scratch folder (remote inputs' copies, remote outputs' staging), removed whole when the task ends. */
public final class ScratchFolder implements AutoCloseable {

    private final Path root;

    public ScratchFolder() throws IOException {
        root = Files.createTempDirectory("explain4j-spark-");
    }

    public Path path() {
        return root;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
