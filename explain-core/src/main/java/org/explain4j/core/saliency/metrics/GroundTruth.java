package org.explain4j.core.saliency.metrics;

/**
 * What a saliency map is judged against: the binary fixation map (AUCs, NSS, information gain) and the
 * continuous fixation density (CC, SIM, KL), of one size.
 */
public record GroundTruth(Grid fixations, Grid density) {

    public GroundTruth {
        if (!fixations.any()) {
            throw new IllegalArgumentException("the fixation map has no fixations (no pixel above 0)");
        }
        if (!density.sameSize(fixations)) {
            throw new IllegalArgumentException("the fixation density is " + density.height() + "x" + density.width()
                    + " but the fixation map " + fixations.height() + "x" + fixations.width());
        }
    }

    /** Fixations alone: the density is the fixations blurred as the benchmark does ({@link FixationDensity}). */
    public static GroundTruth fromFixations(Grid fixations) {
        if (!fixations.any()) {
            throw new IllegalArgumentException("the fixation map has no fixations (no pixel above 0)");
        }
        return new GroundTruth(fixations, FixationDensity.blur(fixations, FixationDensity.BENCHMARK_CUTOFF));
    }
}
