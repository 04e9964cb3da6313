package org.explain4j.seismic.bench;

import org.explain4j.core.bench.Stopwatch;
import org.explain4j.datasets.seismic.SeismicKind;
import org.explain4j.datasets.seismic.SyntheticSeismic;
import org.explain4j.seismic.section.SectionExplainer;
import org.explain4j.seismic.section.SectionQuestions;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Issue 11's speed target: a generated section (1000 traces x 500 samples by default) explained window by window at a
 * stride ("Why P?" and one contrast per window, pasted) against only classifying the same windows in the same batches,
 * timed alternately in one run (BENCHMARKS.md).
 */
public final class SectionBenchmark {

    /** Median seconds of each, the median per-repetition ratio, and windows per second of each. */
    public record Result(int traces, int samples, int stride, int windows, double explainSeconds, double scoreSeconds, double medianRatio) {

        public double explainWindowsPerSecond() {
            return windows / explainSeconds;
        }

        public double scoreWindowsPerSecond() {
            return windows / scoreSeconds;
        }
    }

    private SectionBenchmark() {
    }

    public static Result run(SectionExplainer explainer, SectionQuestions questions, int traces, int samples, long seed, Stopwatch watch) {
        INDArray image = SectionExplainer.image(SyntheticSeismic.section(traces, samples, SeismicKind.FAULT, seed).amplitude());
        int windows = explainer.windows(traces, samples).count();
        Stopwatch.Paired p = watch.paired(() -> explainer.explain(image, questions, (d, t) -> { }), () -> explainer.classify(image));
        return new Result(traces, samples, explainer.windows(traces, samples).stride(), windows, p.taskSeconds(), p.baselineSeconds(),
                p.medianRatio());
    }
}
