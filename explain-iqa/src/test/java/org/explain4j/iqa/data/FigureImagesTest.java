package org.explain4j.iqa.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.explain4j.core.metrics.Correlation;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ShippedModel;
import org.explain4j.core.render.Images;
import org.explain4j.iqa.explain.Contrast;
import org.explain4j.iqa.explain.QualityMaps;
import org.explain4j.iqa.nets.Diqam;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The talk's table on a fresh clone: the default images' four "rather than t" maps must differ. */
class FigureImagesTest {

    private static final List<Double> TARGETS = List.of(1.0, 0.75, 0.5, 0.25);

    @Test
    void theFourPerWindowContrastsOfTheDefaultImagesArePairwiseDifferent() throws Exception {
        ExplainableModel model = ShippedModel.load(Diqam.class, Diqam.SHIPPED_MODEL);
        QualityMaps maps = new QualityMaps(model, Diqam.WINDOW_LAYER);
        for (FigureImages.Named named : FigureImages.defaults()) {
            QualityMaps.WhyScore why = maps.explain(Images.toArray(named.image()), 4, TARGETS);
            INDArray y = why.perWindow().scores();
            assertTrue(y.minNumber().doubleValue() < 0.5 && y.maxNumber().doubleValue() > 0.75,
                    named.name() + ": window scores must straddle the targets, from " + y.minNumber() + " to " + y.maxNumber());
            double[][] views = new double[TARGETS.size()][];
            for (int i = 0; i < TARGETS.size(); i++) {
                views[i] = QualityMaps.WhyScore.view(why.rather(Contrast.WINDOW, TARGETS.get(i))).reshape(-1).toDoubleVector();
            }
            for (int i = 0; i < views.length; i++) {
                for (int j = i + 1; j < views.length; j++) {
                    double r = Correlation.pearson(views[i], views[j]);
                    assertTrue(r < 0.95, named.name() + ": rather than " + TARGETS.get(i) + " and " + TARGETS.get(j) + " correlate at " + r);
                }
            }
        }
    }
}
