package org.explain4j.spark.job;

import java.io.Serializable;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

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
    public T borrow(java.util.function.DoubleConsumer loaded) {
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

    /** Loads one from the files the driver shipped ({@code SparkFiles}). */
    protected abstract T load();

    private synchronized Queue<T> idle() {
        if (idle == null) {
            idle = new ConcurrentLinkedQueue<>();
        }
        return idle;
    }
}
