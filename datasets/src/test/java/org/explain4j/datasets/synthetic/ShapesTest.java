package org.explain4j.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapesTest {

    @Test
    void sameSeedSameImagesOtherSeedOtherImages() {
        Shapes shapes = new Shapes(32);
        Shapes.Batch a = shapes.generate(12, 5);
        Shapes.Batch b = shapes.generate(12, 5);
        Shapes.Batch c = shapes.generate(12, 6);
        assertEquals(a.images(), b.images());
        assertNotEquals(a.images(), c.images());
        assertArrayEquals(new long[] {12, 3, 32, 32}, a.images().shape());
    }

    @Test
    void classesTakeTurnsAndPixelsStayInUnitRange() {
        Shapes.Batch batch = new Shapes(24).generate(13, 1);
        for (int i = 0; i < 13; i++) {
            assertEquals(i % Shapes.LABELS.size(), batch.labels()[i]);
        }
        assertTrue(batch.images().minNumber().doubleValue() >= 0 && batch.images().maxNumber().doubleValue() <= 1);
        assertEquals(13.0, batch.oneHot().sumNumber().doubleValue(), 0);
        assertEquals(1f, batch.oneHot().getFloat(7, 1), 0f);
    }
}
