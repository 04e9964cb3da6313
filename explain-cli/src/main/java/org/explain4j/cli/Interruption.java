package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.explain4j.core.io.OutputStaging;

/**
 * What a long run does when it is stopped by SIGINT (Ctrl-C) or SIGTERM: the JVM runs this hook, which
 * removes the half-written staging folders below the output folder and prints how far the run came, so
 * a rerun continues from the finished results. Closing it (at the normal end) unregisters the hook.
 */
final class Interruption implements AutoCloseable {

    private final Thread hook;

    Interruption(Path outDir, Supplier<String> progress, PrintStream err) {
        this.hook = new Thread(() -> {
            OutputStaging.removeLeftovers(outDir, Integer.MAX_VALUE);
            err.println();
            err.println("interrupted: " + progress.get() + "; finished results are kept in " + outDir + ", a rerun continues");
            err.flush();
        }, "explain4j-interruption");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs
        }
    }
}
