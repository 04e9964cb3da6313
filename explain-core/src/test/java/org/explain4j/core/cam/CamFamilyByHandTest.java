package org.explain4j.core.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Space;
import org.explain4j.core.attribution.gradient.GuidedBackprop;
import org.explain4j.core.attribution.gradient.GuidedGradCam;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.ClassQuestion.WhyP;
import org.explain4j.core.question.ClassQuestion.WhyPRatherQ;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Grad-CAM++ and guided Grad-CAM on {@link GradCamByHandTest}'s network, against their closed forms. */
class CamFamilyByHandTest {

    private static final ExplainableModel MODEL = GradCamByHandTest.model();
    private static final GradientEngine ENGINE = new GradientEngine(MODEL);
    /** dz0/dA: channel 0 (.1,.2,.3,.4), channel 1 (.5,.6,.7,.8); A: channel 0 = x = (1,2,3,4), channel 1 = 0. */
    private static final double[][] G = {{.1, .2, .3, .4}, {.5, .6, .7, .8}};
    private static final double[][] A = {{1, 2, 3, 4}, {0, 0, 0, 0}};

    /** pytorch-grad-cam's formula, written out element by element. */
    private static double[] plusPlusWeights(double[][] g, double[][] a, double scale) {
        double[] w = new double[g.length];
        for (int c = 0; c < g.length; c++) {
            double sumA = 0;
            for (double v : a[c]) {
                sumA += v;
            }
            for (double gij0 : g[c]) {
                double gij = gij0 * scale;
                double alpha = gij == 0 ? 0 : gij * gij / (2 * gij * gij + sumA * gij * gij * gij + 1e-6);
                w[c] += Math.max(gij, 0) * alpha;
            }
        }
        return w;
    }

    @Test
    void gradCamPlusPlusMatchesItsClosedForm() {
        CamExplainer pp = new CamExplainer(ENGINE, "A", new GradCamPlusPlusWeights());
        Explanation e = pp.explain(GradCamByHandTest.X, List.of(new WhyP(0))).get(0);
        double[] w = plusPlusWeights(G, A, 1);
        assertArrayEquals(w, e.weights().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {w[0], 2 * w[0], 3 * w[0], 4 * w[0]}, e.raw().reshape(4).toDoubleVector(), 1e-12);
        assertEquals(new Space.Layer("A"), e.space());
        assertEquals("gradcam++", e.method());
        // Why 0, rather than 1? dL/dA = s (W[:,0] - W[:,1]): channel 0 (-.1, 0, .1, .2) s, channel 1 (.5,.6,.7,.8) s.
        double s = 1 / (1 + Math.exp(-1));
        double[][] gc = {{-.1, 0, .1, .2}, {.5, .6, .7, .8}};
        Explanation c = pp.explain(GradCamByHandTest.X, List.of(new WhyPRatherQ(0, 1))).get(0);
        assertArrayEquals(plusPlusWeights(gc, A, s), c.weights().toDoubleVector(), 1e-12);
    }

    @Test
    void guidedGradCamIsTheUpsampledReluCamTimesGuidedBackprop() {
        CamExplainer cam = new CamExplainer(ENGINE, "A");
        GuidedGradCam ggc = new GuidedGradCam(cam, new GuidedBackprop(ENGINE, 4));
        Explanation e = ggc.explain(GradCamByHandTest.X, List.of(new WhyP(0))).get(0);
        // The layer grid is the input's (2x2): no resize. Grad-CAM = .25 x (all positive).
        // Guided backprop to x: the conv's ReLU passes channel 0's gradient where x > 0 (everywhere) and the
        // positive part of it; channel 1's pre-activation -x < 0 passes nothing: dz0/dx = (.1,.2,.3,.4).
        double[] cam0 = {.25, .5, .75, 1};
        double[] gb = {.1, .2, .3, .4};
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = cam0[i] * gb[i];
        }
        assertArrayEquals(expected, e.raw().castTo(DataType.DOUBLE).reshape(4).toDoubleVector(), 1e-12);
        INDArray raw = e.raw();
        assertArrayEquals(new long[] {1, 2, 2}, raw.shape());
        assertEquals(new Space.Input(), e.space());
    }
}
