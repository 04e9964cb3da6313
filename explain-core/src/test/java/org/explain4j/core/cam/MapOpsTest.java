package org.explain4j.core.cam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MapOpsTest {

    @Test
    void normaliseScalesEachMapOnItsOwnAndLeavesFlatMapsAtZero() {
        INDArray maps = Nd4j.createFromArray(new float[] {2, 4, 6, 10, 3, 3, 3, 3}).reshape(2, 2, 2);
        INDArray n = MapOps.normalise(maps);
        assertArrayEquals(new float[] {0, .25f, .5f, 1}, n.slice(0).reshape(4).toFloatVector(), 1e-6f);
        assertArrayEquals(new float[] {0, 0, 0, 0}, n.slice(1).reshape(4).toFloatVector(), 0f);
        assertFalse(n.isNaN().any());
    }

    @Test
    void reluKeepsTheRawMapUntouched() {
        INDArray raw = Nd4j.createFromArray(new float[] {-1, 2, -3, 4}).reshape(1, 2, 2);
        INDArray r = MapOps.relu(raw);
        assertArrayEquals(new float[] {0, 2, 0, 4}, r.reshape(4).toFloatVector(), 0f);
        assertEquals(-1f, raw.getFloat(0), 0f);
    }

    @Test
    void upsampleUsesHalfPixelCentres() {
        // 1x2 -> 1x4 with half-pixel centres: output x at (i + .5) / 2 - .5 = -.25, .25, .75, 1.25 in
        // input coordinates, clamped: values 0, .25, .75, 1 between inputs 0 and 1.
        INDArray m = Nd4j.createFromArray(new float[] {0, 1}).reshape(1, 1, 2);
        INDArray up = MapOps.upsample(m, 1, 4);
        assertArrayEquals(new float[] {0, .25f, .75f, 1}, up.reshape(4).toFloatVector(), 1e-6f);
        assertEquals(DataType.FLOAT, up.dataType());
    }

    @Test
    void theInterpolationMatricesResizeAsUpsampleDoes() {
        int[][] sizes = {{24, 24, 99, 99}, {7, 7, 224, 224}, {14, 9, 224, 150}, {2, 3, 32, 5}, {12, 12, 5, 7}, {1, 1, 4, 4}};
        for (int[] s : sizes) {
            INDArray m = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(s[0] * 31L + s[2]), new long[] {1, s[0], s[1]}).subi(0.5)
                    .castTo(DataType.DOUBLE);
            INDArray rh = Nd4j.createFromArray(MapOps.interpolation(s[2], s[0]));
            INDArray rw = Nd4j.createFromArray(MapOps.interpolation(s[3], s[1]));
            INDArray viaMatrices = rh.mmul(m.slice(0)).mmul(rw.transpose());
            INDArray viaResize = MapOps.upsample(m, s[2], s[3]).slice(0);
            double err = org.nd4j.linalg.ops.transforms.Transforms.abs(viaMatrices.sub(viaResize)).maxNumber().doubleValue();
            assertEquals(0, err, 1e-5, java.util.Arrays.toString(s));
        }
    }
}
