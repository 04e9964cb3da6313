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

    /**
     * Fixations alone: the density is the fixations blurred as the benchmark does ({@link FixationDensity}), with the
     * filter's slight negative ringing set to 0, as a density stored as an image holds it (KL takes logarithms of it).
     */
    public static GroundTruth fromFixations(Grid fixations) {
        if (!fixations.any()) {
            throw new IllegalArgumentException("the fixation map has no fixations (no pixel above 0)");
        }
        double[] d = FixationDensity.blur(fixations, FixationDensity.BENCHMARK_CUTOFF).values();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(0, d[i]);
        }
        return new GroundTruth(fixations, new Grid(fixations.height(), fixations.width(), d));
    }
}
