package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.run.AnswerSink;

/**
 * What a long run does when it is stopped by SIGINT (Ctrl-C) or SIGTERM. The JVM runs this hook while the
 * run's own thread goes on, so the hook first waits for the input being written to finish ({@link #guard}
 * holds a lock while it writes), keeps the lock so that no other input starts, removes the half-written
 * staging folders below the output folder and prints how far the run came; a rerun continues from the
 * finished results. Closing it (at the normal end) unregisters the hook.
 */
final class Interruption implements AutoCloseable {

    private static final long WAIT_SECONDS = 10;

    private final Thread hook;
    private final ReentrantLock writing = new ReentrantLock();

    Interruption(Path outDir, Supplier<String> progress, PrintStream err) {
        this.hook = new Thread(() -> {
            boolean quiet = false;
            try {
                quiet = writing.tryLock(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            OutputStaging.removeLeftovers(outDir, Integer.MAX_VALUE);
            err.println();
            err.println("interrupted: " + progress.get() + "; finished results are kept in " + outDir + ", a rerun continues"
                    + (quiet ? "" : " (an input still being written was left for the rerun to clean)"));
            err.flush();
        }, "explain4j-interruption");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** {@code sink}, writing each input's files under the lock that the hook waits for. */
    AnswerSink guard(AnswerSink sink) {
        return answers -> {
            writing.lock();
            try {
                sink.accept(answers);
            } finally {
                writing.unlock();
            }
        };
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
