package org.explain4j.spark.job;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.explain4j.core.io.InputException;
import org.explain4j.datasets.segy.SegyLayout;
import org.explain4j.spark.io.RangeReader;

/**
 * Where each inline of a survey lies, found by the executors: the traces are cut into ranges of about
 * {@value #RANGE_BYTES} bytes, each task reads its own range (in chunks of whole traces) and reports runs of traces
 * with one inline number; the driver joins runs that a range boundary split. No machine reads the whole survey, and
 * the driver holds one small record per inline, not two numbers per trace.
 */
public final class GeometryScan {

    /** One inline's traces: {@code traces} consecutive traces from {@code firstTrace}, crosslines from first to last. */
    public record InlineRun(int inline, long firstTrace, int traces, int firstCrossline, int lastCrossline) implements Serializable {
    }

    static final long RANGE_BYTES = 256L << 20;
    private static final long CHUNK_BYTES = 8L << 20;

    private GeometryScan() {
    }

    public static List<InlineRun> scan(JavaSparkContext sc, String segy, SegyLayout layout, Map<String, String> hadoop) {
        long perRange = Math.max(1, RANGE_BYTES / layout.traceBytes());
        List<long[]> ranges = new ArrayList<>();
        for (long first = 0; first < layout.traces(); first += perRange) {
            ranges.add(new long[]{first, Math.min(perRange, layout.traces() - first)});
        }
        List<InlineRun> runs = sc.parallelize(ranges, ranges.size())
                .flatMap(r -> runsOf(segy, layout, hadoop, r[0], r[1]).iterator()).collect();
        return joined(runs);
    }

    /** The runs of one range of traces. */
    static List<InlineRun> runsOf(String segy, SegyLayout layout, Map<String, String> hadoop, long first, long count) throws IOException {
        long traceBytes = layout.traceBytes();
        int perChunk = (int) Math.max(1, CHUNK_BYTES / traceBytes);
        List<InlineRun> runs = new ArrayList<>();
        // the run being read, kept in locals: one record per inline, not one per trace
        int inline = 0;
        long start = -1;
        int traces = 0;
        int firstCrossline = 0;
        int lastCrossline = 0;
        try (RangeReader reader = RangeReader.open(segy, hadoop)) {
            for (long t = first; t < first + count; t += perChunk) {
                int n = (int) Math.min(perChunk, first + count - t);
                // the last trace's samples are not needed: only its header
                ByteBuffer bytes = reader.read(layout.offset(t), (int) (n * traceBytes - (traceBytes - 240)));
                int[][] lines = layout.lineNumbers(bytes, n);
                for (int i = 0; i < n; i++) {
                    if (start >= 0 && lines[0][i] == inline) {
                        traces++;
                        lastCrossline = lines[1][i];
                        continue;
                    }
                    if (start >= 0) {
                        runs.add(new InlineRun(inline, start, traces, firstCrossline, lastCrossline));
                    }
                    inline = lines[0][i];
                    start = t + i;
                    traces = 1;
                    firstCrossline = lines[1][i];
                    lastCrossline = lines[1][i];
                }
            }
        }
        if (start >= 0) {
            runs.add(new InlineRun(inline, start, traces, firstCrossline, lastCrossline));
        }
        return runs;
    }

    /** Runs in trace order, those of one inline that a range boundary split joined again. */
    static List<InlineRun> joined(List<InlineRun> runs) {
        List<InlineRun> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingLong(InlineRun::firstTrace));
        List<InlineRun> out = new ArrayList<>();
        for (InlineRun r : sorted) {
            InlineRun last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.inline() == r.inline() && last.firstTrace() + last.traces() == r.firstTrace()) {
                out.set(out.size() - 1, new InlineRun(last.inline(), last.firstTrace(), last.traces() + r.traces(), last.firstCrossline(),
                        r.lastCrossline()));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Refuses what the section job cannot cut into byte ranges: a survey that is not inline-sorted (an inline's traces
     * scattered through the file) or not a regular grid (inlines of different lengths or crossline ranges).
     */
    public static void checkRegular(List<InlineRun> inlines, String name) {
        String need = name + ": spark section reads inline-sorted surveys on a regular grid (each inline's traces one after "
                + "another, every inline the same crosslines); ";
        if (inlines.size() > 1 && inlines.stream().allMatch(r -> r.traces() == 1)) {
            throw new InputException(need + "this one changes inline at every trace (crossline-sorted?)");
        }
        Set<Integer> seen = new HashSet<>();
        InlineRun first = inlines.get(0);
        for (InlineRun r : inlines) {
            if (!seen.add(r.inline())) {
                throw new InputException(need + "inline " + r.inline() + " comes back at trace " + r.firstTrace());
            }
            if (r.traces() != first.traces() || r.firstCrossline() != first.firstCrossline() || r.lastCrossline() != first.lastCrossline()) {
                throw new InputException(need + "inline " + r.inline() + " has " + r.traces() + " traces, crosslines " + r.firstCrossline()
                        + "-" + r.lastCrossline() + ", inline " + first.inline() + " " + first.traces() + ", " + first.firstCrossline() + "-"
                        + first.lastCrossline());
            }
        }
    }
}
