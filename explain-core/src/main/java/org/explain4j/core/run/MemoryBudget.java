package org.explain4j.core.run;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps a long loop's process under a memory budget. ND4J frees an array's native memory only when the
 * garbage collector has collected its small Java handle, and nothing makes the collector run while the Java
 * heap is nearly empty, so a loop that makes gigabytes of temporary arrays grows until JavaCPP's own limit
 * (10 GB in {@code bin/explain}): explaining a 4096 x 4096 image peaked at 16.9 GB. Called between steps,
 * {@link #settle()} asks for a collection when the process's resident memory passes the budget, at most every
 * {@link #MIN_INTERVAL_MS} ms so that live data above the budget slows a loop down rather than stopping it.
 */
public final class MemoryBudget {

    /** What the pipelines of the command line promise for their working set (docs/HARDENING.md). */
    public static final long DEFAULT_BYTES = 2_500L << 20;
    static final long MIN_INTERVAL_MS = 500;

    private final long bytes;
    private long lastCollection;

    public MemoryBudget(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("a memory budget must be positive");
        }
        this.bytes = bytes;
    }

    public static MemoryBudget standard() {
        return new MemoryBudget(DEFAULT_BYTES);
    }

    /** Collects garbage when the process is above the budget; returns whether it did. */
    public boolean settle() {
        if (Pointer.physicalBytes() <= bytes) {
            return false;
        }
        long now = System.currentTimeMillis();
        if (now - lastCollection < MIN_INTERVAL_MS) {
            return false;
        }
        System.gc();
        lastCollection = System.currentTimeMillis();
        return true;
    }
}
