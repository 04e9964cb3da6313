package org.explain4j.iqa.bench;

import org.explain4j.core.bench.Stopwatch;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.iqa.explain.QualityMaps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Issue 4's speed target: explaining a whole image ("Why s?" plus every "rather than t" map, which
 * come from the same pastes) at a stride against scoring the same window patches, timed alternately
 * in one run (BENCHMARKS.md) on a seeded random image.
 */
public final class QualityBenchmark {

    /** Median seconds of each, the median per-repetition ratio, and windows per second of each. */
    public record Result(int width, int height, int stride, int windows, double explainSeconds, double scoreSeconds, double medianRatio) {

        public double explainWindowsPerSecond() {
            return windows / explainSeconds;
        }

        public double scoreWindowsPerSecond() {
            return windows / scoreSeconds;
        }
    }

    private QualityBenchmark() {
    }

    public static Result run(ExplainableModel model, int width, int height, int stride, long seed, Stopwatch watch) {
        INDArray image = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), new long[] {3, height, width})
                .castTo(model.dataType());
        QualityMaps maps = new QualityMaps(model, model.defaultLayer());
        int[] windows = new int[1];
        Stopwatch.Paired p = watch.paired(() -> windows[0] = maps.explain(image, stride).windows(), () -> maps.windowScores(image, stride));
        return new Result(width, height, stride, windows[0], p.taskSeconds(), p.baselineSeconds(), p.medianRatio());
    }
}
