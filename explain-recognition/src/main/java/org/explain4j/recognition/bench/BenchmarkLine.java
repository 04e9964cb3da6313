package org.explain4j.recognition.bench;

/** One measured ratio: an explanation's median time over the same model's median forward time. */
public record BenchmarkLine(String network, String task, int batch, int questions, double seconds, double forwardSeconds,
                            double target) {

    public double ratio() {
        return seconds / forwardSeconds;
    }

    /** NaN target: no target set for this line. */
    public boolean meetsTarget() {
        return Double.isNaN(target) || ratio() <= target;
    }
}
