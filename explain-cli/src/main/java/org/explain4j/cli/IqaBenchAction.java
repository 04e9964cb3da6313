package org.explain4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.bench.Stopwatch;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.iqa.bench.QualityBenchmark;

/** {@code explain iqa bench}: explaining a whole image against scoring the same windows (issue 4's speed target). */
final class IqaBenchAction {

    private IqaBenchAction() {
    }

    static int bench(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        ExplainableModel model = IqaExplainAction.model(line);
        String size = line.getOptionValue("size", "512x384");
        if (!size.matches("\\d+x\\d+")) {
            throw new UsageException("--size " + size + ": expected WIDTHxHEIGHT, e.g. 512x384");
        }
        int w = Integer.parseInt(size.split("x")[0]);
        int h = Integer.parseInt(size.split("x")[1]);
        if (w < 32 || h < 32) {
            throw new UsageException("--size must be at least 32x32 (one patch)");
        }
        int stride = Arguments.positiveInt(line, "stride", 4);
        Stopwatch watch = new Stopwatch(Arguments.nonNegativeInt(line, "warmup", 1), Arguments.positiveInt(line, "reps", 5));
        err.println("bench: explaining a " + size + " image at stride " + stride + " against scoring the same windows...");
        IqaExplainAction.maps(line, model, org.explain4j.iqa.explain.Contrast.IMAGE); // refuses what the benchmark could not explain
        QualityBenchmark.Result r = QualityBenchmark.run(model, w, h, stride, Arguments.longValue(line, "seed", 1), watch);
        out.printf(Locale.ROOT, "| image | stride | windows | score windows (s) | explain (s) | ratio (median of pairs) | windows/s scored | windows/s explained |%n");
        out.printf(Locale.ROOT, "|---|---:|---:|---:|---:|---:|---:|---:|%n");
        out.printf(Locale.ROOT, "| %dx%d | %d | %d | %.3f | %.3f | %.2f | %.0f | %.0f |%n", r.width(), r.height(), r.stride(), r.windows(),
                r.scoreSeconds(), r.explainSeconds(), r.medianRatio(), r.scoreWindowsPerSecond(), r.explainWindowsPerSecond());
        out.printf(Locale.ROOT, "%nexplaining costs %.2fx scoring the same windows (issue 4 asks for at most 2)%n", r.medianRatio());
        return ExplainCli.OK;
    }
}
