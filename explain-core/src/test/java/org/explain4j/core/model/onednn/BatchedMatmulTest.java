package org.explain4j.core.model.onednn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BatchedMatmulTest {

    private static INDArray rand(long seed, long... shape) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), shape).castTo(DataType.FLOAT).subi(0.5);
    }

    /** Per sample, in double, by loops: the independent reference. */
    private static double[] byHand(INDArray a, INDArray b) {
        long n = a.size(0), m = a.size(1), k = a.size(2), p = b.size(1);
        double[] out = new double[(int) (n * m * p)];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < p; c++) {
                    double s = 0;
                    for (int j = 0; j < k; j++) {
                        s += a.getDouble(i, r, j) * b.getDouble(i, c, j);
                    }
                    out[(int) ((i * m + r) * p + c)] = s;
                }
            }
        }
        return out;
    }

    @Test
    void productsEqualTheLoopsForDenseViewsAndStridedInputs() {
        Optional<BatchedMatmul> mm = BatchedMatmul.open();
        assumeTrue(mm.isPresent(), "oneDNN is not available on this machine");
        INDArray a = rand(1, 3, 5, 7);
        INDArray b = rand(2, 3, 4, 7);
        assertArrayEquals(byHand(a, b), mm.get().timesTransposed(a, b).castTo(DataType.DOUBLE).data().asDouble(), 1e-5);
        // a view into a larger batch (offset, dense strides), and a transposed, non-dense one
        INDArray big = rand(3, 5, 5, 7);
        INDArray view = big.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all(), NDArrayIndex.all());
        assertArrayEquals(byHand(view, b), mm.get().timesTransposed(view, b).castTo(DataType.DOUBLE).data().asDouble(), 1e-5);
        INDArray strided = rand(4, 3, 7, 4).permute(0, 2, 1);
        assertArrayEquals(byHand(a, strided), mm.get().timesTransposed(a, strided).castTo(DataType.DOUBLE).data().asDouble(), 1e-5);
        // a second shape gets its own primitive; the first still answers
        assertEquals(3 * 5 * 4, mm.get().timesTransposed(a, b).length());
        // Gram matrices a[i]^T a[i] of [N, K, M]: the same loops on the transposed operand
        INDArray t = a.permute(0, 2, 1).dup('c');   // [3, 7, 5]
        assertArrayEquals(byHand(a, a), mm.get().gram(t).castTo(DataType.DOUBLE).data().asDouble(), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> mm.get().timesTransposed(a.castTo(DataType.DOUBLE), b));
        assertThrows(IllegalArgumentException.class, () -> mm.get().timesTransposed(a, rand(5, 3, 4, 6)));
    }
}
