package org.explain4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Explanations;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.attribution.Space;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.TinyNets;
import org.explain4j.core.question.ClassQuestion.WhyP;
import org.explain4j.core.question.ClassQuestion.WhyPRatherQ;
import org.explain4j.core.question.Question;
import org.explain4j.core.question.ScoreQuestion.WhyScore;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The map-quality metrics on cases worked out by hand. */
class MapMetricsTest {

    /** s = x . (4, 3, 2, 1) over a 1x2x2 input (a regressor); with a second output 0, a two-class classifier. */
    private static ExplainableModel linear(boolean classifier) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 1, 2, 2);
        SDVariable flat = sd.reshape(x, sd.constant(Nd4j.createFromArray(-1L, 4L)));
        INDArray w = classifier ? Nd4j.createFromArray(new double[][] {{4, 0}, {3, 0}, {2, 0}, {1, 0}})
                : Nd4j.createFromArray(new double[][] {{4}, {3}, {2}, {1}});
        flat.mmul("s", sd.var("w", w));
        return ExplainableModel.of(sd, new ModelCard("linear", "x", "s", null, null, null, null, null));
    }

    @Test
    void deletionFollowsTheScoreAsPixelsGoInTheMapsOrder() {
        DeletionInsertion di = new DeletionInsertion(linear(false), 1, 3);
        INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 2, 2);
        INDArray importance = Nd4j.createFromArray(new double[][] {{4, 3}, {2, 1}});
        Curve c = di.deletion(x, importance, new WhyScore());
        // Removing the pixels by weight: 10, 6, 3, 1, 0; trapezoid over quarters = .25 (8 + 4.5 + 2 + .5).
        assertArrayEquals(new double[] {10, 6, 3, 1, 0}, c.scores(), 1e-12);
        assertArrayEquals(new double[] {0, .25, .5, .75, 1}, c.fractions(), 1e-12);
        assertEquals(3.75, c.auc(), 1e-12);
        // The reverse order removes the small weights first: a larger area.
        assertEquals(.25 * (9.5 + 8 + 5.5 + 2), di.deletion(x, importance.rsub(5), new WhyScore()).auc(), 1e-12);
        // Two pixels per step: 10, 3, 0.
        assertArrayEquals(new double[] {10, 3, 0}, new DeletionInsertion(linear(false), 2, 8).deletion(x, importance, new WhyScore()).scores(), 1e-12);
        // Insertion starts from the blurred image and ends at the image.
        Curve ins = di.insertion(x, importance, new WhyScore());
        assertEquals(10, ins.scores()[4], 1e-12);
        assertTrue(ins.scores()[0] < 10 && ins.scores()[0] > 0, "the blurred substrate scores lower: " + ins.scores()[0]);
    }

    @Test
    void contrastQuestionsFollowTheMargin() {
        ExplainableModel m = linear(true);
        INDArray z = Nd4j.createFromArray(new double[][] {{2, 0}});
        assertArrayEquals(new double[] {2}, QuestionScore.of(z, m.outputKind(), new WhyPRatherQ(0, 1)), 1e-12);
        assertArrayEquals(new double[] {1 / (1 + Math.exp(-2))}, QuestionScore.of(z, m.outputKind(), new WhyP(0)), 1e-12);
    }

    @Test
    void averageDropAndIncrease() {
        ExplainableModel m = linear(true);
        // Image 1: x = 1s, z0 = 10, Y = sigmoid(10); view keeps only the weight-4 pixel: O = sigmoid(4).
        // Image 2: x = 0.1s, z0 = 1; view all ones: O = Y (no drop, no increase).
        INDArray images = Nd4j.concat(0, Nd4j.ones(DataType.DOUBLE, 1, 1, 2, 2), Nd4j.ones(DataType.DOUBLE, 1, 1, 2, 2).muli(0.1));
        INDArray views = Nd4j.concat(0, Nd4j.createFromArray(new double[][] {{1, 0}, {0, 0}}).reshape(1, 2, 2), Nd4j.ones(DataType.DOUBLE, 1, 2, 2));
        ConfidenceChange.Result r = new ConfidenceChange(m).of(images, views, List.of(new WhyP(0), new WhyP(0)));
        double y = 1 / (1 + Math.exp(-10));
        double o = 1 / (1 + Math.exp(-4));
        assertEquals(100 * ((y - o) / y + 0) / 2, r.averageDrop(), 1e-9);
        assertEquals(0, r.increase(), 0);
    }

    @Test
    void noisyLinearImputationRestoresAHarmonicImage() {
        // A linear ramp is harmonic for the symmetric 8-neighbour mean: removed pixels come back to within the noise.
        double[] ramp = new double[36];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                ramp[i * 6 + j] = 0.1 * i + 0.05 * j;
            }
        }
        INDArray x = Nd4j.createFromArray(ramp).reshape(1, 6, 6);
        INDArray removed = Nd4j.zeros(DataType.DOUBLE, 6, 6);
        removed.get(NDArrayIndex.interval(2, 4), NDArrayIndex.interval(1, 5)).assign(1);
        Road road = new Road(linear(true), 3, 2000);
        INDArray imputed = road.impute(x, removed.reshape(1, 6, 6), Nd4j.getRandomFactory().getNewRandomInstance(1)).slice(0);
        double error = imputed.sub(x).amaxNumber().doubleValue();
        assertTrue(error < 0.05, "imputation error " + error + " (noise 0.01)");
        assertTrue(error > 1e-6, "the imputation adds noise");
        INDArray kept = imputed.reshape(6, 6).mul(removed.rsub(1));
        assertEquals(0, kept.sub(x.reshape(6, 6).mul(removed.rsub(1))).amaxNumber().doubleValue(), 1e-12, "kept pixels stay");
    }

    @Test
    void roadPrefersTheMapThatPointsAtTheEvidence() {
        ExplainableModel m = linear(true);
        INDArray x = Nd4j.createFromArray(new double[][] {{2, 0}, {0, 0}}).reshape(1, 2, 2).castTo(DataType.DOUBLE);
        Road road = new Road(m, 5, 500);
        Road.Result good = road.of(x, Nd4j.createFromArray(new double[][] {{1, .3}, {.2, .1}}), new WhyP(0));
        Road.Result bad = road.of(x, Nd4j.createFromArray(new double[][] {{0, .3}, {.2, .1}}), new WhyP(0));
        assertTrue(good.combined() > bad.combined(), good.combined() + " vs " + bad.combined());
    }

    /** A "method" that ignores the model: the input's horizontal and vertical differences (an edge detector). */
    private record EdgeDetector(ExplainableModel model) implements AttributionMethod {
        @Override
        public String name() {
            return "edges";
        }

        @Override
        public Forward forward(INDArray inputs) {
            return Forward.ofOutput(inputs, model.forward(inputs, List.of(model.outputVariable())).get(model.outputVariable()), model.outputKind());
        }

        @Override
        public List<Explanation> explain(Forward forward, List<Asked> asked) {
            int[] samples = AttributionMethod.samples(forward, asked);
            List<INDArray> maps = new ArrayList<>();
            for (int s : samples) {
                INDArray img = forward.input().slice(s).sum(0);
                INDArray dx = Nd4j.zeros(img.dataType(), img.shape());
                long h = img.size(0);
                long w = img.size(1);
                dx.get(NDArrayIndex.all(), NDArrayIndex.interval(1, w)).assign(
                        img.get(NDArrayIndex.all(), NDArrayIndex.interval(1, w)).sub(img.get(NDArrayIndex.all(), NDArrayIndex.interval(0, w - 1))));
                dx.get(NDArrayIndex.interval(1, h), NDArrayIndex.all()).addi(
                        img.get(NDArrayIndex.interval(1, h), NDArrayIndex.all()).sub(img.get(NDArrayIndex.interval(0, h - 1), NDArrayIndex.all())));
                maps.add(dx.reshape(1, h, w));
            }
            return Explanations.of(samples, AttributionMethod.questions(asked), name(), new Space.Input(),
                    Nd4j.stack(0, maps.toArray(INDArray[]::new)), Map.of());
        }
    }

    @Test
    void theSanityCheckFailsAnEdgeDetectorAndPassesGradCam() {
        ExplainableModel model = TinyNets.cnn(DataType.DOUBLE, 7, 5);
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(2), new long[] {4, 3, 8, 8}).castTo(DataType.DOUBLE);
        INDArray z = model.forward(x, List.of(TinyNets.OUTPUT)).get(TinyNets.OUTPUT);
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            questions.add(new WhyP(z.getRow(i).argMax().getInt(0)));
        }
        SanityCheck.Result edges = new SanityCheck(model, e -> new EdgeDetector(model), 3).run(x, questions);
        // Layers from the top; batch norm's gamma and beta are a layer, its statistics are kept.
        assertEquals(List.of("out", "fc1", "conv2", "bn1", "conv1"), edges.steps().get(4).layers());
        assertEquals(1, edges.steps().get(4).spearmanAbs(), 1e-12);
        assertFalse(edges.passes(0.5), "an edge detector does not depend on the model");
        SanityCheck.Result gradCam = new SanityCheck(model, e -> MethodSpec.of("gradcam").withLayer("relu2").create(e), 3).run(x, questions);
        assertTrue(gradCam.passes(0.5), "Grad-CAM depends on the weights: " + gradCam.steps());
    }
}
