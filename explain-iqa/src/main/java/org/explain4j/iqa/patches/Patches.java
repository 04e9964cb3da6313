package org.explain4j.iqa.patches;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Square patches of an image, as DIQaM scores it: non-overlapping tiles, cut by reshaping, no pixel loops. */
public final class Patches {

    private Patches() {
    }

    /**
     * The non-overlapping {@code size} x {@code size} tiles of a [C,H,W] image, row by row, as
     * [P,C,size,size] (the right and bottom margins that do not fill a tile are left out).
     */
    public static INDArray tiles(INDArray chw, int size) {
        long c = chw.size(0);
        long rows = chw.size(1) / size;
        long cols = chw.size(2) / size;
        if (rows == 0 || cols == 0) {
            throw new IllegalArgumentException("the image (" + chw.size(1) + "x" + chw.size(2) + ") is smaller than one "
                    + size + "x" + size + " patch");
        }
        INDArray core = chw.get(NDArrayIndex.all(), NDArrayIndex.interval(0, rows * size), NDArrayIndex.interval(0, cols * size)).dup('c');
        return core.reshape('c', c, rows, size, cols, size).permute(1, 3, 0, 2, 4).dup('c').reshape(rows * cols, c, size, size);
    }
}
