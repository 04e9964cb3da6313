package org.explain4j.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.bench.Stopwatch;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.seismic.bench.SectionBenchmark;
import org.explain4j.seismic.section.SectionExplainer;
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
        int stride = Arguments.positiveInt(line, "stride", 8);
        int batch = Arguments.positiveInt(line, "batch", 32);
        int repeats = Arguments.positiveInt(line, "repeats", 5);
        int warmup = Arguments.nonNegativeInt(line, "warmup", 2);
        MethodSpec spec = MethodArguments.spec(line, MethodArguments.layer(line, models.model(), models.file()));
        AttributionMethod method = MethodArguments.create(spec, new GradientEngine(models.model()));
        SectionExplainer explainer = new SectionExplainer(method, stride, batch);
        try {
            explainer.windows(traces, samples);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        int salt = models.classOf("salt_dome", "salt_dome");
        err.printf(Locale.ROOT, "timing %s on a %d x %d section at stride %d, %d windows per batch: %d warm-up and %d timed repetitions of each...%n",
                spec.method() == null ? "gradcam" : spec.method(), traces, samples, stride, batch, warmup, repeats);
        SectionBenchmark.Result r = SectionBenchmark.run(explainer, new SectionQuestions(null, List.of(salt), false), traces, samples,
                Arguments.longValue(line, "seed", 1), new Stopwatch(warmup, repeats));
        out.println("| section | stride | windows | batch | classified (windows/s) | explained (windows/s) | explained / classified time |");
        out.println("|---|---|---|---|---|---|---|");
        out.printf(Locale.ROOT, "| %d x %d | %d | %d | %d | %.1f | %.1f | %.2f |%n", r.traces(), r.samples(), r.stride(), r.windows(), batch,
                r.scoreWindowsPerSecond(), r.explainWindowsPerSecond(), r.medianRatio());
        return ExplainCli.OK;
    }
}
