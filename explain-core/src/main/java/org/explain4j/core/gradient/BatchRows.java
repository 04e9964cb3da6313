package org.explain4j.core.gradient;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rows of a batch along its first axis, in a given order (repeats allowed), as one native pull:
 * {@code INDArray.getRows} copies row by row in Java, which cost more than the dense-head backward
 * it fed, and a sliding window asks for hundreds of rows per batch.
 */
public final class BatchRows {

    private BatchRows() {
    }

    /** [N, ...] -> [rows.length, ...]. */
    public static INDArray of(INDArray batch, int[] rows) {
        long[] shape = batch.shape().clone();
        shape[0] = rows.length;
        INDArray flat = batch.reshape('c', batch.size(0), batch.length() / batch.size(0));
        return Nd4j.pullRows(flat, 1, rows).reshape('c', shape);
    }

    /**
     * The same rows for a caller that only reads them: the batch itself when the rows are every row in order, with no
     * copy (a chain's backward reads each ReLU's input once per call; for VGG16, 13.5 M floats of copies a row).
     */
    public static INDArray readOnly(INDArray batch, int[] rows) {
        boolean identity = rows.length == batch.size(0);
        for (int i = 0; identity && i < rows.length; i++) {
            identity = rows[i] == i;
        }
        return identity ? batch : of(batch, rows);
    }
}
