"""Timing helpers shared by the PyTorch benchmark scripts (imported from the scripts' own folder)."""
import statistics
import time


def paired(task, baseline, warmup, reps):
    """Times task and baseline alternately (as explain4j's Stopwatch.paired does): medians of both, median of ratios."""
    for _ in range(warmup):
        baseline()
        task()
    t, b, r = [], [], []
    for _ in range(reps):
        s0 = time.perf_counter()
        baseline()
        s1 = time.perf_counter()
        task()
        s2 = time.perf_counter()
        b.append(s1 - s0)
        t.append(s2 - s1)
        r.append((s2 - s1) / (s1 - s0))
    return statistics.median(t), statistics.median(b), statistics.median(r)


def median_seconds(task, warmup, reps):
    """Median wall time of task after warm-up (as explain4j's Stopwatch.medianSeconds does)."""
    for _ in range(warmup):
        task()
    t = []
    for _ in range(reps):
        s = time.perf_counter()
        task()
        t.append(time.perf_counter() - s)
    return statistics.median(t)
