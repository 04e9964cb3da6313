package org.explain4j.seismic.section;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.cam.MapOps;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ShippedModel;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.question.Question;
import org.explain4j.datasets.seismic.SeismicKind;
import org.explain4j.datasets.seismic.SyntheticSeismic;
import org.explain4j.seismic.nets.SeismicNet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The section path against explaining every window on its own and pasting by hand. */
class SectionExplainerTest {

    private static final int FAULT = 2;
    private static final int SALT = 3;
    private static ExplainableModel model;
    private static INDArray image;

    @BeforeAll
    static void load() throws java.io.IOException {
        model = ShippedModel.load(SeismicNet.class, SeismicNet.SHIPPED_MODEL);
        // 260 traces x 110 samples at stride 16: 12 x 2 windows with flush last ones, so overlaps are uneven.
        image = SectionExplainer.image(SyntheticSeismic.section(260, 110, SeismicKind.FAULT, 4).amplitude());
    }

    private static AttributionMethod method(String name) {
        return MethodSpec.of(name).create(new GradientEngine(model));
    }

    @Test
    void theMapsAreEachWindowsOwnAnswerPastedAndAveraged() {
        AttributionMethod gradcam = method("gradcam");
        SectionQuestions asked = new SectionQuestions(null, List.of(SALT), false);
        SectionExplanation s = new SectionExplainer(gradcam, 16, 3).explain(image, asked, (d, t) -> { });
        SectionWindows w = s.windows();
        assertEquals(24, w.count());
        INDArray sum = Nd4j.zeros(110, 260);
        INDArray signedSum = Nd4j.zeros(110, 260);
        INDArray count = Nd4j.zeros(110, 260);
        for (int i = 0; i < w.count(); i++) {
            int z0 = w.rowStart(i / w.columns());
            int x0 = w.columnStart(i % w.columns());
            INDArray x = image.get(NDArrayIndex.interval(z0, z0 + 99), NDArrayIndex.interval(x0, x0 + 99)).dup().reshape(1, 1, 99, 99);
            int p = model.forward(x, List.of(model.outputVariable())).get(model.outputVariable()).argMax(1).getInt(0);
            assertEquals(p, s.predicted()[i], "window " + i);
            List<Question> q = List.of(new ClassQuestion.WhyPRatherQ(p, SALT));
            Explanation e = gradcam.explain(x, q).get(0);
            INDArray raw = e.raw().reshape(1, e.raw().size(0), e.raw().size(1));
            var at = new org.nd4j.linalg.indexing.INDArrayIndex[] {NDArrayIndex.interval(z0, z0 + 99), NDArrayIndex.interval(x0, x0 + 99)};
            sum.get(at).addi(MapOps.upsample(MapOps.relu(raw), 99, 99).reshape(99, 99));
            signedSum.get(at).addi(MapOps.upsample(raw, 99, 99).reshape(99, 99));
            count.get(at).addi(1);
        }
        assertEquals(0, Transforms.abs(s.pictures().get(1).sub(sum.div(count))).maxNumber().doubleValue(), 1e-4);
        assertEquals(0, Transforms.abs(s.signed().get(1).sub(signedSum.div(count))).maxNumber().doubleValue(), 1e-4);
        assertTrue(s.pictures().get(1).maxNumber().doubleValue() > 0, "a map with something in it");
        assertEquals(List.of("Why each window's class?", "Why each window's class, rather than salt_dome?"), s.captions());
    }

    @Test
    void withPNamedOnlyWindowsClassifiedPAnswer() {
        SectionExplanation s = new SectionExplainer(method("gradcam"), 16, 8).explain(image, new SectionQuestions(FAULT, List.of(SALT), true),
                (d, t) -> { });
        int faults = s.windowsOf(FAULT);
        assertTrue(faults > 0 && faults < s.windows().count(), "this section has fault and other windows: " + faults);
        assertEquals(faults, s.answering());
        assertEquals(3, s.pictures().size());
        // Where no fault window lies, every map is zero.
        INDArray classes = s.classMap();
        SectionWindows w = s.windows();
        INDArray faultCover = Nd4j.zeros(110, 260);
        for (int i = 0; i < w.count(); i++) {
            if (s.predicted()[i] == FAULT) {
                int z0 = w.rowStart(i / w.columns());
                int x0 = w.columnStart(i % w.columns());
                faultCover.get(NDArrayIndex.interval(z0, z0 + 99), NDArrayIndex.interval(x0, x0 + 99)).assign(1);
            }
        }
        INDArray outside = faultCover.rsub(1);
        for (INDArray m : s.pictures()) {
            assertEquals(0, m.mul(outside).sumNumber().doubleValue(), 0);
        }
        assertEquals(260, classes.size(1));
    }

    @Test
    void batchSizeDoesNotChangeTheAnswerAndClassifyAgrees() {
        SectionQuestions asked = new SectionQuestions(null, List.of(), false);
        SectionExplainer one = new SectionExplainer(method("gradcam"), 16, 1);
        SectionExplainer many = new SectionExplainer(method("gradcam"), 16, 64);
        SectionExplanation a = one.explain(image, asked, (d, t) -> { });
        SectionExplanation b = many.explain(image, asked, (d, t) -> { });
        assertArrayEquals(a.predicted(), b.predicted());
        assertArrayEquals(a.predicted(), many.classify(image));
        for (int k = 0; k < 2; k++) {
            assertEquals(0, Transforms.abs(a.pictures().get(k).sub(b.pictures().get(k))).maxNumber().doubleValue(), 1e-4);
        }
    }

    @Test
    void inputGradientMethodsPasteTheirAbsoluteValues() {
        SectionExplanation s = new SectionExplainer(method("vanilla"), 31, 16).explain(image, new SectionQuestions(null, List.of(SALT), false),
                (d, t) -> { });
        assertTrue(s.pictures().get(0).minNumber().doubleValue() >= 0);
        assertTrue(s.signed().get(0).minNumber().doubleValue() < 0, "the signed map keeps its sign");
    }
}
