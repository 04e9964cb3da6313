package org.explain4j.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class StopwatchTest {

    @Test
    void aSettledMedianWarmsUpAtLeastTheAskedRunsAndAtMostThirtyMoreThenTimesTheRepetitions() {
        int[] runs = {0};
        Stopwatch.Timed t = new Stopwatch(3, 5).settledMedian(() -> runs[0]++);
        assertEquals(t.warmupRuns() + 5, runs[0], "every run is either warm-up or timed");
        boolean reported = ManagementFactory.getCompilationMXBean().isCompilationTimeMonitoringSupported();
        assertTrue(t.warmupRuns() >= (reported ? 4 : 3), "the asked warm-up, then at least one run watched for compilation");
        assertTrue(t.warmupRuns() <= 3 + Stopwatch.MAX_SETTLE);
        assertTrue(t.medianSeconds() >= 0);
    }

    @Test
    void aSettledPairWarmsUpBothInTurnThenTimesTheRepetitions() {
        StringBuilder order = new StringBuilder();
        Stopwatch.SettledPair p = new Stopwatch(2, 3).settledPaired(() -> order.append('t'), () -> order.append('b'));
        assertEquals("bt".repeat(p.warmupPairs() + 3), order.toString(), "baseline then task, every pair warm-up or timed");
        boolean reported = ManagementFactory.getCompilationMXBean().isCompilationTimeMonitoringSupported();
        assertTrue(p.warmupPairs() >= (reported ? 3 : 2) && p.warmupPairs() <= 2 + Stopwatch.MAX_SETTLE);
        assertTrue(p.paired().taskSeconds() >= 0 && p.paired().baselineSeconds() >= 0);
    }

    @Test
    void aPlainMedianRunsExactlyWarmUpAndRepetitions() {
        int[] runs = {0};
        new Stopwatch(2, 3).medianSeconds(() -> runs[0]++);
        assertEquals(5, runs[0]);
        assertThrows(IllegalArgumentException.class, () -> new Stopwatch(-1, 3));
    }
}
