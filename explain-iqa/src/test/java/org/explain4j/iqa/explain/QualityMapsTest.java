package org.explain4j.iqa.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.explain4j.core.cam.GradCam;
import org.explain4j.core.cam.MapOps;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.gradient.Gradients;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.question.CustomQuestion;
import org.explain4j.core.question.Question;
import org.explain4j.iqa.nets.Diqam;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The contrast map of the whole image against an independent computation: the gradient of
 * (s - t)^2 for the windows' aggregate score s (mean, or weighted by the weight branch), taken by the
 * engine through all windows at once (a custom question reading both outputs), reduced by Grad-CAM per
 * window and pasted by hand with a loop (the class uses col2im).
 */
class QualityMapsTest {

    @Test
    void ratherMapEqualsTheGradientOfTheImageLossForDiqam() {
        ratherMapEqualsTheGradientOfTheImageLoss(Diqam.Variant.NR);
    }

    @Test
    void ratherMapEqualsTheGradientOfTheImageLossForWaDiqam() {
        ratherMapEqualsTheGradientOfTheImageLoss(Diqam.Variant.WA_NR);
    }

    private static void ratherMapEqualsTheGradientOfTheImageLoss(Diqam.Variant variant) {
        ExplainableModel model = narrowModel(variant, 3);
        INDArray image = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(7), new long[] {3, 40, 44}).castTo(DataType.FLOAT);
        QualityMaps.WhyScore why = new QualityMaps(model, Diqam.LAYER).explain(image, 4);
        assertEquals(3 * 4, why.windows());

        List<long[]> corners = corners(40, 44);
        INDArray batch = windows(image, corners);
        double target = why.windowScore() + 0.3;
        boolean weighted = variant.weighted();
        CustomQuestion imageLoss = new CustomQuestion("image-loss", "(aggregate window score - t)^2",
                (SameDiff g, SDVariable out) -> {
                    SDVariable s = weighted
                            ? out.mul(g.getVariable(Diqam.PATCH_WEIGHT)).sum().div(g.getVariable(Diqam.PATCH_WEIGHT).sum())
                            : out.mean();
                    SDVariable d = s.sub(target);
                    return d.mul(d);
                });
        List<Question> qs = new ArrayList<>(Collections.nCopies(corners.size(), imageLoss));
        Gradients grads = new GradientEngine(model).compute(batch, qs, List.of(Diqam.LAYER));
        INDArray raw = GradCam.rawMaps(grads.activation(Diqam.LAYER), GradCam.weights(grads.gradient(Diqam.LAYER)));
        INDArray expected = pasteAverage(MapOps.upsample(raw, 32, 32), corners, 40, 44);
        double scale = expected.amaxNumber().doubleValue();
        assertTrue(scale > 0, "the map must not vanish");
        // One band of windows, and one window row per band (three bands): streaming must not change the map.
        for (QualityMaps.WhyScore w : List.of(why, new QualityMaps(model, Diqam.LAYER, 1).explain(image, 4))) {
            INDArray actual = w.rather(target);
            assertTrue(actual.sub(expected).amaxNumber().doubleValue() < 1e-4 * scale,
                    "difference " + actual.sub(expected).amaxNumber() + " against " + scale);
        }
        INDArray actual = why.rather(target);
        // A target above the score shows the opposite of "Why s?": what keeps quality down.
        assertTrue(actual.mul(why.map()).sumNumber().doubleValue() < 0);
        assertEquals(new org.explain4j.iqa.score.QualityScorer(model).score(image).score(), why.score(), 1e-6);
        // With 2 x 3 tiles the image score is read off the windows that coincide with tiles.
        INDArray larger = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(8), new long[] {3, 72, 100}).castTo(DataType.FLOAT);
        assertEquals(new org.explain4j.iqa.score.QualityScorer(model).score(larger).score(),
                new QualityMaps(model, Diqam.LAYER).explain(larger, 8).score(), 1e-6);
    }

    @Test
    void perWindowMapsAreTheGradientOfTheWindowLossesForDiqam() {
        perWindowMapsAreTheGradientOfTheWindowLosses(Diqam.Variant.NR);
    }

    @Test
    void perWindowMapsAreTheGradientOfTheWindowLossesForWaDiqam() {
        perWindowMapsAreTheGradientOfTheWindowLosses(Diqam.Variant.WA_NR);
    }

    /**
     * L = sum_i a_i (y_i - t)^2 over all windows, a_i held constant, differentiated by the engine through a custom
     * question: window i's Grad-CAM map is 2 a_i (y_i - t) M_i. Pasted signed it must equal the signed per-window map,
     * ReLU'd per window before pasting the ReLU one, across bands, and the sign rule must hold window by window.
     */
    private static void perWindowMapsAreTheGradientOfTheWindowLosses(Diqam.Variant variant) {
        ExplainableModel model = narrowModel(variant, 5);
        INDArray image = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(11), new long[] {3, 40, 44}).castTo(DataType.FLOAT);
        List<long[]> corners = corners(40, 44);
        INDArray batch = windows(image, corners);
        List<String> wanted = variant.weighted() ? List.of(Diqam.PATCH_SCORE, Diqam.PATCH_WEIGHT) : List.of(Diqam.PATCH_SCORE);
        java.util.Map<String, INDArray> out = model.forward(batch, wanted);
        INDArray scores = out.get(Diqam.PATCH_SCORE);
        INDArray weights = variant.weighted() ? out.get(Diqam.PATCH_WEIGHT).dup() : scores.ulike().assign(1);
        double target = scores.medianNumber().doubleValue(); // windows on both sides of t
        CustomQuestion windowLoss = new CustomQuestion("window-loss", "sum_i a_i (y_i - t)^2, a constant",
                (SameDiff g, SDVariable y) -> {
                    SDVariable d = y.sub(target);
                    return g.constant(weights.castTo(y.dataType())).mul(d).mul(d).sum();
                });
        String layer = Diqam.WINDOW_LAYER;
        Gradients grads = new GradientEngine(model).compute(batch, new ArrayList<>(Collections.nCopies(corners.size(), windowLoss)), List.of(layer));
        INDArray raw = GradCam.rawMaps(grads.activation(layer), GradCam.weights(grads.gradient(layer))).castTo(DataType.DOUBLE);
        INDArray expectedSigned = pasteAverage(MapOps.upsample(raw, 32, 32), corners, 40, 44);
        INDArray expectedRelu = pasteAverage(MapOps.upsample(MapOps.relu(raw), 32, 32), corners, 40, 44);
        for (QualityMaps maps : List.of(new QualityMaps(model, layer), new QualityMaps(model, layer, 1))) {
            QualityMaps.WhyScore why = maps.explain(image, 4, List.of(target));
            assertClose(expectedSigned, why.rather(Contrast.WINDOW_SIGNED, target));
            assertClose(expectedRelu, why.rather(Contrast.WINDOW, target));
        }
        // Window by window: the contrast map is the window's own "Why y_i?" map times 2 a_i (y_i - t), so a target
        // above a window's score gives exactly the negative direction of its Grad-CAM map (the sign rule).
        Gradients why = new GradientEngine(model).compute(batch,
                new ArrayList<>(Collections.nCopies(corners.size(), new org.explain4j.core.question.ScoreQuestion.WhyScore())), List.of(layer));
        INDArray whyMaps = GradCam.rawMaps(why.activation(layer), GradCam.weights(why.gradient(layer))).castTo(DataType.DOUBLE);
        int flipped = 0;
        for (int i = 0; i < corners.size(); i++) {
            double c = 2 * weights.getDouble(i) * (scores.getDouble(i) - target);
            INDArray scaled = whyMaps.slice(i).mul(c);
            double scale = Math.max(scaled.amaxNumber().doubleValue(), 1e-12);
            assertTrue(raw.slice(i).sub(scaled).amaxNumber().doubleValue() < 1e-4 * scale, "window " + i);
            flipped += c < 0 ? 1 : 0;
        }
        assertTrue(flipped > 0 && flipped < corners.size(), "windows on both sides of t: " + flipped);
    }

    /** The top-left corners of the 32x32 windows at stride 4, row by row. */
    private static List<long[]> corners(int h, int w) {
        List<long[]> corners = new ArrayList<>();
        for (long y = 0; y + 32 <= h; y += 4) {
            for (long x = 0; x + 32 <= w; x += 4) {
                corners.add(new long[] {y, x});
            }
        }
        return corners;
    }

    private static INDArray windows(INDArray image, List<long[]> corners) {
        INDArray batch = Nd4j.create(DataType.FLOAT, corners.size(), 3, 32, 32);
        for (int i = 0; i < corners.size(); i++) {
            long[] c = corners.get(i);
            batch.putSlice(i, image.get(NDArrayIndex.all(), NDArrayIndex.interval(c[0], c[0] + 32), NDArrayIndex.interval(c[1], c[1] + 32)));
        }
        return batch;
    }

    private static INDArray pasteAverage(INDArray up, List<long[]> corners, int h, int w) {
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, h, w);
        INDArray count = Nd4j.zeros(DataType.DOUBLE, h, w);
        for (int i = 0; i < corners.size(); i++) {
            long[] c = corners.get(i);
            sum.get(NDArrayIndex.interval(c[0], c[0] + 32), NDArrayIndex.interval(c[1], c[1] + 32)).addi(up.slice(i).castTo(DataType.DOUBLE));
            count.get(NDArrayIndex.interval(c[0], c[0] + 32), NDArrayIndex.interval(c[1], c[1] + 32)).addi(1);
        }
        return sum.divi(org.nd4j.linalg.ops.transforms.Transforms.max(count, 1.0, true));
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        double scale = expected.amaxNumber().doubleValue();
        assertTrue(scale > 0, "the map must not vanish");
        double diff = actual.sub(expected).amaxNumber().doubleValue();
        assertTrue(diff < 1e-4 * scale, "difference " + diff + " against " + scale);
    }

    /** A Diqam of width 1/8 with seeded weights, explained at its default layer. */
    private static ExplainableModel narrowModel(Diqam.Variant variant, long seed) {
        SameDiff sd = Diqam.build(variant, 0.125, seed);
        return ExplainableModel.of(sd, new ModelCard("t", Diqam.INPUT, Diqam.PATCH_SCORE, OutputKind.SCORE, null,
                new long[] {3, 32, 32}, null, Diqam.LAYER));
    }
}
