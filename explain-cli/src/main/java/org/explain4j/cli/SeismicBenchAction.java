package org.explain4j.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.bench.Stopwatch;
import org.explain4j.seismic.bench.SectionBenchmark;
import org.explain4j.seismic.section.SectionQuestions;

/**
 * {@code explain seismic bench}: issue 11's speed target. A generated fault section explained at a stride ("Why P?"
 * and "Why P, rather than salt dome?" in every window) against only classifying the same windows in the same
 * batches, timed alternately; prints a BENCHMARKS.md row.
 */
final class SeismicBenchAction {

    private SeismicBenchAction() {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err) throws java.io.IOException {
        SeismicModels models = SeismicModels.open(line);
        int traces = Arguments.positiveInt(line, "traces", 1000);
        int samples = Arguments.positiveInt(line, "samples", 500);
        int repeats = Arguments.positiveInt(line, "repeats", 5);
        int warmup = Arguments.nonNegativeInt(line, "warmup", 2);
        SeismicModels.SectionRun run = models.sectionRun(line);
        run.check(traces, samples);
        int salt = models.classOf("salt_dome", "salt_dome");
        err.printf(Locale.ROOT, "timing %s on a %d x %d section at stride %d, %d windows per batch: %d warm-up and %d timed repetitions of each...%n",
                run.methodName(), traces, samples, run.explainer().windows(traces, samples).stride(), run.batch(), warmup, repeats);
        SectionBenchmark.Result r = SectionBenchmark.run(run.explainer(), new SectionQuestions(null, List.of(salt), false), traces, samples,
                Arguments.longValue(line, "seed", 1), new Stopwatch(warmup, repeats));
        out.println("| section | stride | windows | batch | classified (windows/s) | explained (windows/s) | explained / classified time |");
        out.println("|---|---|---|---|---|---|---|");
        out.printf(Locale.ROOT, "| %d x %d | %d | %d | %d | %.1f | %.1f | %.2f |%n", r.traces(), r.samples(), r.stride(), r.windows(), run.batch(),
                r.scoreWindowsPerSecond(), r.explainWindowsPerSecond(), r.medianRatio());
        return ExplainCli.OK;
    }
}
