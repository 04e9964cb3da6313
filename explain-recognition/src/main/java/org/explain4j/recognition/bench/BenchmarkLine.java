package org.explain4j.recognition.bench;

/**
 * One measured ratio: an explanation's time over the same model's forward time on the same batch,
 * timed alternately; {@code ratio} is the median of the per-repetition ratios, the times are medians.
 */
public record BenchmarkLine(String network, String task, int batch, int questions, double seconds, double forwardSeconds,
                            double ratio, double target) {

    /** NaN target: no target set for this line. */
    public boolean meetsTarget() {
        return Double.isNaN(target) || ratio() <= target;
    }
}
