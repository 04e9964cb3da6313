package org.explain4j.core.saliency.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Random;

/**
 * Every benchmark metric of one saliency map ({@link SaliencyMetrics}). {@code aucShuffled} is NaN without other
 * images' fixations; {@code infoGain} is over the baseline the caller gives (a centre bias here). Lower is better
 * only for KL.
 */
public record SaliencyScores(@JsonProperty("AUC-Judd") double aucJudd, @JsonProperty("AUC-Borji") double aucBorji,
                             @JsonProperty("sAUC") double aucShuffled, @JsonProperty("NSS") double nss,
                             @JsonProperty("CC") double cc, @JsonProperty("SIM") double sim, @JsonProperty("KL") double kl,
                             @JsonProperty("IG") double infoGain) {

    /** The metrics' names, in {@link #values()} order. */
    public static final List<String> NAMES = List.of("AUC-Judd", "AUC-Borji", "sAUC", "NSS", "CC", "SIM", "KL", "IG");

    /**
     * Scores {@code map} against {@code truth}. {@code otherFixations}: the union of other images' fixation maps at the
     * truth's size, or null; {@code baseline}: the map information gain is measured over; {@code seed} seeds the
     * random draws (jitter, negatives), one stream per metric so that each is reproducible on its own.
     */
    public static SaliencyScores of(Grid map, GroundTruth truth, Grid otherFixations, Grid baseline, long seed) {
        Grid fix = truth.fixations();
        return new SaliencyScores(
                SaliencyMetrics.aucJudd(map, fix, new Random(seed)),
                SaliencyMetrics.aucBorji(map, fix, new Random(seed + 1)),
                otherFixations == null ? Double.NaN : SaliencyMetrics.aucShuffled(map, fix, otherFixations, new Random(seed + 2)),
                SaliencyMetrics.nss(map, fix),
                SaliencyMetrics.cc(map, truth.density()),
                SaliencyMetrics.similarity(map, truth.density()),
                SaliencyMetrics.kl(map, truth.density()),
                SaliencyMetrics.infoGain(map, fix, baseline));
    }

    public double[] values() {
        return new double[] {aucJudd, aucBorji, aucShuffled, nss, cc, sim, kl, infoGain};
    }

    /** Whether a larger value of metric {@code name} is better. */
    public static boolean higherIsBetter(String name) {
        return !"KL".equals(name);
    }
}
