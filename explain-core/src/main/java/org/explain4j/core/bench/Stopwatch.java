package org.explain4j.core.bench;

import java.util.Arrays;

/** Median wall time of a task after warm-up runs (BENCHMARKS.md: ratios of medians from one run). */
public final class Stopwatch {

    private final int warmup;
    private final int repetitions;

    public Stopwatch(int warmup, int repetitions) {
        if (repetitions < 1 || warmup < 0) {
            throw new IllegalArgumentException("need at least one repetition and no negative warm-up");
        }
        this.warmup = warmup;
        this.repetitions = repetitions;
    }

    /** Medians of a task's and a baseline's times, and the median of their per-repetition ratios. */
    public record Paired(double taskSeconds, double baselineSeconds, double medianRatio) {
    }

    /**
     * Times {@code task} and {@code baseline} alternately, so that a slow spell of a shared machine
     * hits both; the ratio quoted is the median of the per-repetition ratios.
     */
    public Paired paired(Runnable task, Runnable baseline) {
        for (int i = 0; i < warmup; i++) {
            baseline.run();
            task.run();
        }
        double[] t = new double[repetitions];
        double[] b = new double[repetitions];
        double[] r = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long s0 = System.nanoTime();
            baseline.run();
            long s1 = System.nanoTime();
            task.run();
            long s2 = System.nanoTime();
            b[i] = (s1 - s0) / 1e9;
            t[i] = (s2 - s1) / 1e9;
            r[i] = t[i] / b[i];
        }
        return new Paired(median(t), median(b), median(r));
    }

    /** A {@link #paired} measurement and the warm-up pairs it was given. */
    public record SettledPair(Paired paired, int warmupPairs) {
    }

    /**
     * {@link #paired} after the warm-up {@link #settledMedian} gives a single task: {@code warmup} pairs, then on
     * until a pair during which the JIT compilers compiled nothing (at most {@link #MAX_SETTLE} more). A task with
     * more Java code on its path than its baseline (several ops and oneDNN calls a batch against one graph execution)
     * is still being compiled when the baseline has settled, and on 2 cores a compiler thread takes a core from it.
     */
    public SettledPair settledPaired(Runnable task, Runnable baseline) {
        int pairs = settle(() -> {
            baseline.run();
            task.run();
        });
        return new SettledPair(new Stopwatch(0, repetitions).paired(task, baseline), pairs);
    }

    public double medianSeconds(Runnable task) {
        for (int i = 0; i < warmup; i++) {
            task.run();
        }
        return timedRuns(task);
    }

    /** A task's median time and the warm-up runs it was given. */
    public record Timed(double medianSeconds, int warmupRuns) {
    }

    /**
     * Runs {@code task} {@code warmup} times, and then on until a run during which the JVM's JIT compilers compiled
     * nothing (at most {@link #MAX_SETTLE} more), before timing it: steady state of a JVM against a peer that has no
     * JIT (PyTorch's eager mode). On 2 cores a compiler thread takes one of the cores a native kernel runs on, and a
     * freshly compiled oneDNN plan keeps the compilers busy for several passes (scripts/ProfileWarmup.java). Where the
     * JVM does not report compilation time this is {@link #medianSeconds}.
     */
    public Timed settledMedian(Runnable task) {
        int runs = settle(task);
        return new Timed(timedRuns(task), runs);
    }

    /**
     * Runs {@code unit} {@code warmup} times, then on until a run during which the JIT compiled nothing (at most
     * {@link #MAX_SETTLE} more, none where the JVM does not report compilation time); returns the runs made.
     */
    private int settle(Runnable unit) {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        boolean reported = jit != null && jit.isCompilationTimeMonitoringSupported();
        int runs = 0;
        for (; runs < warmup; runs++) {
            unit.run();
        }
        for (int extra = 0; reported && extra < MAX_SETTLE; extra++) {
            long before = jit.getTotalCompilationTime();
            unit.run();
            runs++;
            if (jit.getTotalCompilationTime() == before) {
                break;
            }
        }
        return runs;
    }

    /** Warm-up runs {@link #settledMedian} adds at most. */
    public static final int MAX_SETTLE = 30;

    private double timedRuns(Runnable task) {
        double[] t = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            task.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        return median(t);
    }

    private static double median(double[] values) {
        double[] t = values.clone();
        Arrays.sort(t);
        int n = t.length;
        return n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    }
}
