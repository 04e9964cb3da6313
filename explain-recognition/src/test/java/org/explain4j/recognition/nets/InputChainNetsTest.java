package org.explain4j.recognition.nets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.explain4j.core.gradient.GradientEngine;
import org.junit.jupiter.api.Test;

/** Which of the module's networks take the hand-written input-gradient chain (docs/METHODS.md §4.3). */
class InputChainNetsTest {

    private static final List<String> LABELS = IntStream.range(0, 10).mapToObj(String::valueOf).toList();

    @Test
    void vgg16AndTheMnistNetAreChains() {
        // Seed 1's VGG16 fell back to SameDiff while the adjoint check compared signed random sums whose cancellation
        // exceeded its tolerance; the check now uses positive values.
        assertTrue(new GradientEngine(Vgg16.build(1000, 1)).inputGradientsByChain(), "VGG16");
        assertTrue(new GradientEngine(MnistNet.build("mnist", LABELS, 3)).inputGradientsByChain(), "MnistNet");
    }

    @Test
    void theSignsNetIsNotItNormalisesItsInputByItsOwnNorm() {
        double[] half = {0.5, 0.5, 0.5};
        assertFalse(new GradientEngine(CureTsrNet.build(LABELS, half, half, 3)).inputGradientsByChain());
    }
}
