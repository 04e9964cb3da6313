package org.explain4j.recognition.saliency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.explain4j.core.saliency.metrics.SaliencyScores;
import org.explain4j.recognition.saliency.experiment.ScoredMethod;
import org.junit.jupiter.api.Test;

class ScoredMethodTest {

    @Test
    void meanAndSampleStandardDeviationPerMetricSkippingNaN() {
        SaliencyScores a = new SaliencyScores(0.6, 0.5, Double.NaN, 1, 0.1, 0.2, 2, -1);
        SaliencyScores b = new SaliencyScores(0.8, 0.7, 0.55, 3, 0.3, 0.4, 1, 1);
        ScoredMethod m = ScoredMethod.of("x", "clean", List.of(a, b));
        assertEquals(0.7, m.mean("AUC-Judd"), 1e-12);
        assertEquals(Math.sqrt(0.02), m.std()[0], 1e-12, "std with N - 1: ((0.1)^2 + (0.1)^2) / 1");
        assertEquals(2, m.mean("NSS"), 1e-12);
        assertEquals(0.55, m.mean("sAUC"), 1e-12, "the NaN of the first image is left out");
        assertEquals(1, m.scored()[2]);
        assertTrue(Double.isNaN(m.std()[2]), "one value: no standard deviation");
    }
}
