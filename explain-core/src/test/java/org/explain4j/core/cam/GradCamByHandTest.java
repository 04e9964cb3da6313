package org.explain4j.core.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.question.ClassQuestion.WhatIfNotP;
import org.explain4j.core.question.ClassQuestion.WhyP;
import org.explain4j.core.question.ClassQuestion.WhyPRatherQ;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A network small enough to explain on paper. Input x = [[1,2],[3,4]] (1 channel, 2x2). A 1x1
 * convolution with weights (+1, -1) and ReLU give the explained layer A: channel 0 = x, channel 1 = 0.
 * Flatten (channel-major) and a dense layer W [8,2] give the logits:
 * W[:,0] = (.1,.2,.3,.4,.5,.6,.7,.8), W[:,1] = (.2,.2,.2,.2,0,0,0,0); z0 = .1+.4+.9+1.6 = 3, z1 = 2.
 */
class GradCamByHandTest {

    private static CamExplainer explainer;
    static final INDArray X = Nd4j.createFromArray(new double[] {1, 2, 3, 4}).reshape(1, 1, 2, 2);

    @BeforeAll
    static void build() {
        explainer = new CamExplainer(new GradientEngine(model()), "A");
    }

    /** The network of this class's comment. */
    static ExplainableModel model() {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.DOUBLE, -1, 1, 2, 2);
        SDVariable w = sd.var("w", Nd4j.createFromArray(new double[] {1, -1}).reshape(1, 1, 1, 2));
        SDVariable b = sd.var("b", Nd4j.zeros(DataType.DOUBLE, 2));
        SDVariable conv = sd.cnn().conv2d("conv", in, w, b, Conv2DConfig.builder().kH(1).kW(1).dataFormat("NCHW").build());
        SDVariable a = sd.nn().relu("A", conv, 0);
        SDVariable flat = sd.reshape("flat", a, sd.constant(Nd4j.createFromArray(-1L, 8L)));
        INDArray dense = Nd4j.createFromArray(new double[][] {
            {.1, .2}, {.2, .2}, {.3, .2}, {.4, .2}, {.5, 0}, {.6, 0}, {.7, 0}, {.8, 0}});
        sd.nn().linear("z", flat, sd.var("W", dense), sd.var("c", Nd4j.zeros(DataType.DOUBLE, 2)));
        return ExplainableModel.of(sd, new ModelCard("hand", "x", "z", null, null, null, null, "A"));
    }

    @Test
    void whyP() {
        // dz0/dA = W[:,0]: alpha_0 = mean(.1,.2,.3,.4) = .25, alpha_1 = mean(.5,.6,.7,.8) = .65.
        // raw = .25 * x + .65 * 0 = [[.25,.5],[.75,1]]; normalised: (raw - .25) / .75.
        Explanation e = explainer.explain(X, List.of(new WhyP(0))).get(0);
        assertArrayEquals(new double[] {.25, .65}, e.weights().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {.25, .5, .75, 1}, flat(e.raw()), 1e-12);
        INDArray shown = MapOps.toDisplay(e.raw().reshape(1, 2, 2), 2, 2);
        assertArrayEquals(new double[] {0, 1.0 / 3, 2.0 / 3, 1}, flat(shown), 1e-6);
    }

    @Test
    void whyPRatherQ() {
        // dCE(z,1)/dz = softmax(z) - e_1 = (p0, p1 - 1) = (s, -s) with s = 1 / (1 + e^-1) = 0.7310585786.
        // dL/dA = s * (W[:,0] - W[:,1]): channel 0 (-.1, 0, .1, .2) -> alpha_0 = .05 s; channel 1 -> .65 s.
        // raw = .05 s x = [[.0365529, .0731059], [.1096588, .1462117]].
        double s = 1 / (1 + Math.exp(-1));
        Explanation e = explainer.explain(X, List.of(new WhyPRatherQ(0, 1))).get(0);
        assertArrayEquals(new double[] {.05 * s, .65 * s}, e.weights().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {.05 * s, .1 * s, .15 * s, .2 * s}, flat(e.raw()), 1e-12);
    }

    @Test
    void counterfactualNegatesGradCamWeights() {
        Explanation e = explainer.explain(X, List.of(new WhatIfNotP(0))).get(0);
        assertArrayEquals(new double[] {-.25, -.65}, e.weights().toDoubleVector(), 1e-12);
        // ReLU of a map that is negative everywhere is flat: the view is all zeros, never NaN.
        assertArrayEquals(new double[] {0, 0, 0, 0}, flat(MapOps.toDisplay(e.raw().reshape(1, 2, 2), 2, 2)), 0);
    }

    @Test
    void kQuestionsAboutOneImageShareOneForward() {
        Forward f = explainer.forward(X);
        assertEquals(0, f.predicted(0));
        assertEquals(1, f.runnerUp(0));
        List<Explanation> es = explainer.explain(f, List.of(new Asked(0, new WhyP(0)), new Asked(0, new WhyPRatherQ(0, 1)),
                new Asked(0, new WhatIfNotP(0))));
        assertEquals(3, es.size());
        assertArrayEquals(new double[] {.25, .5, .75, 1}, flat(es.get(0).raw()), 1e-12);
        assertArrayEquals(new double[] {-.25, -.65}, es.get(2).weights().toDoubleVector(), 1e-12);
    }

    private static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
    }

    @Test
    void gatheredMapsEqualOneProductPerSample() {
        // rawMaps takes several routes: one batched product when each sample's questions come together in equal
        // numbers (in batch order or not), a gather for few questions per sample, a GEMM per sample otherwise; a small
        // float batch is summed on the heap, and a float view goes through ND4J.
        INDArray doubles = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(3), new long[] {3, 4, 2, 5}).castTo(DataType.DOUBLE);
        INDArray floats = doubles.castTo(DataType.FLOAT);
        INDArray floatView = Nd4j.create(DataType.FLOAT, 4, 4, 2, 5).get(NDArrayIndex.interval(1, 4)).assign(floats);
        for (INDArray acts : List.of(doubles, floats, floatView)) {
            double tolerance = acts.dataType() == DataType.DOUBLE ? 1e-12 : 1e-6;
            for (int[] sampleOf : new int[][] {{2, 0, 2, 1}, {0, 0, 1, 1, 2, 2}, {2, 2, 0, 0}, {0, 1, 2}, {1, 1, 1}, {0, 0, 1}}) {
                INDArray weights = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(4), new long[] {sampleOf.length, 4})
                        .castTo(acts.dataType());
                INDArray maps = GradCam.rawMaps(acts, sampleOf, weights);
                assertEquals(acts.dataType(), maps.dataType());
                for (int k = 0; k < sampleOf.length; k++) {
                    INDArray expected = weights.getRow(k).reshape(1, 4).castTo(DataType.DOUBLE)
                            .mmul(doubles.slice(sampleOf[k]).reshape(4, 10)).reshape(2, 5);
                    assertEquals(0, expected.sub(maps.slice(k).castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), tolerance,
                            acts.dataType() + " " + java.util.Arrays.toString(sampleOf) + " question " + k);
                }
            }
        }
        assertEquals(2, GradCam.questionsPerSample(new int[] {0, 0, 1, 1, 2, 2}));
        assertEquals(2, GradCam.questionsPerSample(new int[] {2, 2, 0, 0}));
        assertEquals(0, GradCam.questionsPerSample(new int[] {2, 0, 2, 1}), "a sample's questions apart");
        assertEquals(0, GradCam.questionsPerSample(new int[] {0, 0, 1}), "unequal numbers");
        assertEquals(0, GradCam.questionsPerSample(new int[] {0, 0, 1, 1, 0, 0}), "a sample twice");
    }
}
