package org.explain4j.spark.job;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.DoubleConsumer;
import org.explain4j.spark.io.ScratchFolder;

/**
 * Things an executor loads once and reuses, shipped as a broadcast variable: Spark deserializes a broadcast value once
 * per executor and hands every task of that executor the same object, so what this pool loads it loads once per
 * executor. A loaded model answers one task at a time (a SameDiff graph and its gradient functions are not safe to run
 * from two threads), so an executor running k tasks at once holds k, each loaded once and reused by every later
 * partition.
 */
public abstract class ExecutorPool<T> implements Serializable {

    private transient Queue<T> idle;

    /** An idle one, else a new one; {@code loaded} is told the seconds a new one took. */
    public T borrow(DoubleConsumer loaded) {
        T t = idle().poll();
        if (t != null) {
            return t;
        }
        long start = System.nanoTime();
        t = load();
        loaded.accept((System.nanoTime() - start) / 1e9);
        return t;
    }

    public void giveBack(T t) {
        idle().add(t);
    }

    /** A partition's work on a borrowed one and a scratch folder of its own. */
    @FunctionalInterface
    public interface Work<T, R> {
        R run(T borrowed, Path scratch) throws Exception;
    }

    /**
     * Runs {@code work} on a borrowed one ({@link #borrow}) in a fresh scratch folder; whatever happens, the folder is
     * deleted and the borrowed one given back for the executor's next task.
     */
    public <R> R with(DoubleConsumer loaded, Work<T, R> work) throws Exception {
        T t = borrow(loaded);
        try (ScratchFolder scratch = new ScratchFolder()) {
            return work.run(t, scratch.path());
        } finally {
            giveBack(t);
        }
    }

    /** Loads one from the files the driver shipped ({@code SparkFiles}). */
    protected abstract T load();

    private synchronized Queue<T> idle() {
        if (idle == null) {
            idle = new ConcurrentLinkedQueue<>();
        }
        return idle;
    }
}
