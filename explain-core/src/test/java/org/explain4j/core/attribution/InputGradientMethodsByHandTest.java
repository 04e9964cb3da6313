package org.explain4j.core.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.explain4j.core.attribution.gradient.Deconvnet;
import org.explain4j.core.attribution.gradient.GuidedBackprop;
import org.explain4j.core.attribution.gradient.InputXGradient;
import org.explain4j.core.attribution.gradient.NegativeSaliency;
import org.explain4j.core.attribution.gradient.PositiveSaliency;
import org.explain4j.core.attribution.gradient.VanillaGradient;
import org.explain4j.core.attribution.wrap.Baseline;
import org.explain4j.core.attribution.wrap.IntegratedGradients;
import org.explain4j.core.attribution.wrap.NoiseTunnel;
import org.explain4j.core.attribution.wrap.Quadrature;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.ClassQuestion.WhatIfNotP;
import org.explain4j.core.question.ClassQuestion.WhyP;
import org.explain4j.core.question.ClassQuestion.WhyPRatherQ;
import org.explain4j.core.question.Question;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every input-gradient method and wrapper on {@link HandNets#guidedChain}, against values worked out by hand. */
class InputGradientMethodsByHandTest {

    private static final INDArray X = Nd4j.createFromArray(new double[][] {{2, 1}});
    /** softmax(-1, 0)[0]: "Why 0, rather than 1?" scales dL/dz0 by it. */
    private static final double S0 = Math.exp(-1) / (Math.exp(-1) + 1);

    private static GradientEngine engine;

    @BeforeAll
    static void build() {
        ExplainableModel model = HandNets.guidedChain();
        engine = new GradientEngine(model);
    }

    private static double[] answer(AttributionMethod m, Question q) {
        return m.explain(X, List.of(q)).get(0).raw().castTo(DataType.DOUBLE).toDoubleVector();
    }

    @Test
    void vanillaGuidedAndDeconvnetDifferAsOnPaper() {
        assertArrayEquals(new double[] {1, -3}, answer(new VanillaGradient(engine, 8), new WhyP(0)), 1e-12);
        assertArrayEquals(new double[] {2, -2}, answer(new GuidedBackprop(engine, 8), new WhyP(0)), 1e-12);
        assertArrayEquals(new double[] {-1, -2}, answer(new Deconvnet(engine, 8), new WhyP(0)), 1e-12);
        assertArrayEquals(new double[] {2, -3}, answer(new InputXGradient(engine, 8), new WhyP(0)), 1e-12);
        assertArrayEquals(new double[] {2, 0}, answer(new PositiveSaliency(engine, 8), new WhyP(0)), 1e-12);
        assertArrayEquals(new double[] {0, 2}, answer(new NegativeSaliency(engine, 8), new WhyP(0)), 1e-12);
    }

    @Test
    void contrastAndCounterfactualQuestions() {
        // Why 0, rather than 1? dL/dz = softmax(z) - e_1 = (S0, -S0); z1 has no path back, so dL/dh = S0 (2, -1, 3).
        assertArrayEquals(new double[] {S0, -3 * S0}, answer(new VanillaGradient(engine, 8), new WhyPRatherQ(0, 1)), 1e-12);
        assertArrayEquals(new double[] {2 * S0, -2 * S0}, answer(new GuidedBackprop(engine, 8), new WhyPRatherQ(0, 1)), 1e-12);
        assertArrayEquals(new double[] {-S0, -2 * S0}, answer(new Deconvnet(engine, 8), new WhyPRatherQ(0, 1)), 1e-12);
        // What if not 0? dL/dh = (-2, 1, -3): plain (-2, 1, 0) -> (-1, 3); guided and deconvnet (0, 1, 0) -> (1, 1).
        assertArrayEquals(new double[] {-1, 3}, answer(new VanillaGradient(engine, 8), new WhatIfNotP(0)), 1e-12);
        assertArrayEquals(new double[] {1, 1}, answer(new GuidedBackprop(engine, 8), new WhatIfNotP(0)), 1e-12);
        assertArrayEquals(new double[] {1, 1}, answer(new Deconvnet(engine, 8), new WhatIfNotP(0)), 1e-12);
    }

    @Test
    void kQuestionsAboutOneSampleAndAMixedBatchEqualEachAlone() {
        VanillaGradient vanilla = new VanillaGradient(engine, 2);
        INDArray two = Nd4j.createFromArray(new double[][] {{2, 1}, {-1, 0.5}});
        Forward f = vanilla.forward(two);
        List<Asked> asked = List.of(new Asked(0, new WhyP(0)), new Asked(1, new WhyPRatherQ(0, 1)), new Asked(0, new WhatIfNotP(0)));
        List<Explanation> all = vanilla.explain(f, asked);   // 3 rows in chunks of 2
        for (int i = 0; i < asked.size(); i++) {
            INDArray alone = vanilla.explain(two.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(asked.get(i).sample(),
                    asked.get(i).sample() + 1)), List.of(asked.get(i).question())).get(0).raw();
            assertEquals(0, alone.sub(all.get(i).raw()).amaxNumber().doubleValue(), 1e-12);
            assertEquals(asked.get(i).sample(), all.get(i).sample());
        }
    }

    @Test
    void integratedGradientsIsExactWhereThePathCrossesNoKink() {
        // From b = (1, 0.5) to x = (2, 1) the pre-activations stay (>0, >0, <0): z0 is linear along the path, so
        // IG = (x - b) * (1, -3) = (1, -1.5), and completeness holds: sum = z0(x) - z0(b) = -1 - (-0.5).
        Baseline b = new Baseline.Tensor(Nd4j.createFromArray(1.0, 0.5));
        for (Quadrature rule : Quadrature.values()) {
            IntegratedGradients ig = new IntegratedGradients(new VanillaGradient(engine, 7), b, 5, rule);
            Explanation e = ig.explain(X, List.of(new WhyP(0))).get(0);
            assertArrayEquals(new double[] {1, -1.5}, e.raw().toDoubleVector(), 1e-12, rule.id());
            assertEquals(0, e.detail(Explanation.COMPLETENESS_ERROR).getDouble(0), 1e-12, rule.id());
        }
    }

    @Test
    void wrappersGiveTheSameNumbersWhateverTheirChunksAndChunksThatSpanAnswers() {
        // Two answers about two samples, 5 path points / 6 noisy copies each: chunks of 3 rows cut across answers.
        INDArray two = Nd4j.createFromArray(new double[][] {{2, 1}, {-1, 0.5}});
        List<Question> qs = List.of(new WhyP(0), new WhyPRatherQ(0, 1));
        Baseline b = new Baseline.Tensor(Nd4j.createFromArray(1.0, 0.5));
        List<Explanation> chunked = new IntegratedGradients(new VanillaGradient(engine, 3), b, 5, Quadrature.GAUSS_LEGENDRE).explain(two, qs);
        List<Explanation> whole = new IntegratedGradients(new VanillaGradient(engine, 64), b, 5, Quadrature.GAUSS_LEGENDRE).explain(two, qs);
        for (int i = 0; i < 2; i++) {
            INDArray alone = new IntegratedGradients(new VanillaGradient(engine, 64), b, 5, Quadrature.GAUSS_LEGENDRE)
                    .explain(two.getRow(i, true), List.of(qs.get(i))).get(0).raw();
            assertArrayEquals(alone.toDoubleVector(), chunked.get(i).raw().toDoubleVector(), 1e-12);
            assertArrayEquals(alone.toDoubleVector(), whole.get(i).raw().toDoubleVector(), 1e-12);
        }
        for (NoiseTunnel.Reduction r : NoiseTunnel.Reduction.values()) {
            List<Explanation> a = new NoiseTunnel(new VanillaGradient(engine, 8), r, 6, 2.0, 9, 3).explain(two, qs);
            List<Explanation> c = new NoiseTunnel(new VanillaGradient(engine, 8), r, 6, 2.0, 9, 100).explain(two, qs);
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(c.get(i).raw().toDoubleVector(), a.get(i).raw().toDoubleVector(), 1e-12, r.id());
            }
        }
    }

    @Test
    void integratedGradientsReportsItsCompletenessError() {
        // The cross-entropy is smooth along the same path: 50 Gauss-Legendre points integrate it to machine precision,
        // 2 left Riemann points do not, and the reported error says so.
        Baseline b = new Baseline.Tensor(Nd4j.createFromArray(1.0, 0.5));
        Explanation gl = new IntegratedGradients(new VanillaGradient(engine, 64), b, 50, Quadrature.GAUSS_LEGENDRE)
                .explain(X, List.of(new WhyPRatherQ(0, 1))).get(0);
        Explanation left = new IntegratedGradients(new VanillaGradient(engine, 64), b, 2, Quadrature.RIEMANN_LEFT)
                .explain(X, List.of(new WhyPRatherQ(0, 1))).get(0);
        // L = -log softmax(z)_1 = log(1 + e^{z0}); z0(x) = -1, z0(b) = -0.5.
        double expected = Math.log(1 + Math.exp(-1)) - Math.log(1 + Math.exp(-0.5));
        assertEquals(expected, gl.raw().sumNumber().doubleValue(), 1e-12);
        assertEquals(0, gl.detail(Explanation.COMPLETENESS_ERROR).getDouble(0), 1e-12);
        double error = left.detail(Explanation.COMPLETENESS_ERROR).getDouble(0);
        assertEquals(left.raw().sumNumber().doubleValue() - expected, error, 1e-12);
        assertTrue(Math.abs(error) > 1e-4, "two left points cannot integrate a curved loss exactly");
    }

    @Test
    void noiseTunnelReducesNoisyCopiesInBatchesWithTheSameNumbers() {
        // Without noise every copy is x: SmoothGrad is the vanilla gradient, VarGrad zero.
        VanillaGradient vanilla = new VanillaGradient(engine, 8);
        assertArrayEquals(new double[] {1, -3}, answer(new NoiseTunnel(vanilla, NoiseTunnel.Reduction.SMOOTHGRAD, 4, 0, 1, 3), new WhyP(0)), 1e-12);
        assertArrayEquals(new double[] {1, 9}, answer(new NoiseTunnel(vanilla, NoiseTunnel.Reduction.SMOOTHGRAD_SQUARED, 4, 0, 1, 3), new WhyP(0)), 1e-12);
        assertArrayEquals(new double[] {0, 0}, answer(new NoiseTunnel(vanilla, NoiseTunnel.Reduction.VARGRAD, 4, 0, 1, 3), new WhyP(0)), 1e-12);
        // Noise of 5% of the range (0.05) crosses no kink here: the gradient, hence SmoothGrad, stays (1, -3).
        assertArrayEquals(new double[] {1, -3}, answer(new NoiseTunnel(vanilla, NoiseTunnel.Reduction.SMOOTHGRAD, 16, 0.05, 7, 5), new WhyP(0)), 1e-12);
        // Large noise does cross kinks; chunking the copies 3 at a time or all at once gives the same numbers.
        double[] chunked = answer(new NoiseTunnel(vanilla, NoiseTunnel.Reduction.VARGRAD, 20, 2.0, 9, 3), new WhyP(0));
        double[] whole = answer(new NoiseTunnel(vanilla, NoiseTunnel.Reduction.VARGRAD, 20, 2.0, 9, 100), new WhyP(0));
        assertArrayEquals(whole, chunked, 1e-12);
        assertTrue(whole[0] > 1e-3, "noise that crosses kinks must make the gradients vary");
    }

    @Test
    void gaussLegendreRuleIntegratesPolynomialsExactly() {
        // n points integrate degree 2n - 1 exactly: int_0^1 a^5 = 1/6 with 3 points.
        double[] a = Quadrature.GAUSS_LEGENDRE.alphas(3);
        double[] w = Quadrature.GAUSS_LEGENDRE.weights(3);
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += w[i] * Math.pow(a[i], 5);
        }
        assertEquals(1.0 / 6, sum, 1e-14);
        assertArrayEquals(new double[] {0.5 - Math.sqrt(0.15), 0.5, 0.5 + Math.sqrt(0.15)}, a, 1e-14);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75}, Quadrature.RIEMANN_LEFT.alphas(4), 1e-15);
        assertArrayEquals(new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6}, Quadrature.RIEMANN_TRAPEZOID.weights(4), 1e-15);
    }
}
