package org.explain4j.seismic.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ShippedModel;
import org.explain4j.datasets.landmass.LandmassReader;
import org.explain4j.datasets.seismic.SeismicKind;
import org.explain4j.datasets.seismic.SyntheticSeismic;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The shipped classifier on patches it never saw (seeds far from its training set's): the classes it was trained on. */
class ShippedSeismicModelTest {

    @Test
    void classifiesFreshPatchesOfEveryClass() throws Exception {
        ExplainableModel model = ShippedModel.load(SeismicNet.class, SeismicNet.SHIPPED_MODEL);
        assertEquals(List.copyOf(LandmassReader.CLASSES), model.labels());
        assertEquals(SeismicNet.LAYER, model.defaultLayer());
        int perClass = 15;
        SeismicKind[] kinds = SeismicKind.values();
        float[] flat = new float[kinds.length * perClass * 99 * 99];
        int n = 0;
        for (SeismicKind k : kinds) {
            for (int i = 0; i < perClass; i++) {
                float[][] p = SyntheticSeismic.patch(k, 900_000_000L + 1000L * k.ordinal() + i);
                for (float[] row : p) {
                    System.arraycopy(row, 0, flat, n, 99);
                    n += 99;
                }
            }
        }
        INDArray x = Nd4j.createFromArray(flat).reshape(kinds.length * perClass, 1, 99, 99);
        int[] predicted = model.forward(x, List.of(SeismicNet.OUTPUT)).get(SeismicNet.OUTPUT).argMax(1).toIntVector();
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == i / perClass ? 1 : 0;
        }
        assertTrue(correct >= predicted.length * 0.95, correct + " of " + predicted.length + " fresh patches classified right");
    }
}
