package org.explain4j.datasets.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.explain4j.core.render.Images;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class QualityDistortionsTest {

    private static final BufferedImage SCENE = Scenes.draw(96, 64, new Random(5));

    private static double change(BufferedImage distorted) {
        return Images.toArray(distorted).sub(Images.toArray(SCENE)).norm2Number().doubleValue();
    }

    @Test
    void everyDistortionChangesTheImageMoreAtHigherLevels() {
        // One seed for all levels of a type: the same noise, the same patch centre, only the strength grows.
        for (int type = 1; type <= QualityDistortions.NAMES.size(); type++) {
            double previous = 0;
            for (int level = 1; level <= 5; level++) {
                double c = change(QualityDistortions.apply(SCENE, type, level, new Random(31L * type)));
                assertTrue(c > previous, QualityDistortions.NAMES.get(type - 1) + " level " + level + ": " + c + " after " + previous);
                previous = c;
            }
        }
    }

    @Test
    void theLocalPatchLeavesTheRestUntouchedAndScenesAreDeterministic() {
        QualityDistortions.Local local = QualityDistortions.localPatch(SCENE, 3, new Random(2));
        INDArray diff = Images.toArray(local.image()).sub(Images.toArray(SCENE));
        double inside = diff.get(NDArrayIndex.all(), NDArrayIndex.interval(local.y(), local.y() + local.side()),
                NDArrayIndex.interval(local.x(), local.x() + local.side())).norm2Number().doubleValue();
        assertTrue(inside > 0);
        diff.get(NDArrayIndex.all(), NDArrayIndex.interval(local.y(), local.y() + local.side()),
                NDArrayIndex.interval(local.x(), local.x() + local.side())).assign(0);
        assertEquals(0.0, diff.norm2Number().doubleValue(), 0.0, "nothing changes outside the square");
        assertEquals(Images.toArray(SCENE), Images.toArray(Scenes.draw(96, 64, new Random(5))));
    }
}
