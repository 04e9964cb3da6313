package org.explain4j.recognition.bench;

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

    public double medianSeconds(Runnable task) {
        for (int i = 0; i < warmup; i++) {
            task.run();
        }
        double[] t = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            task.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return repetitions % 2 == 1 ? t[repetitions / 2] : (t[repetitions / 2 - 1] + t[repetitions / 2]) / 2;
    }
}
