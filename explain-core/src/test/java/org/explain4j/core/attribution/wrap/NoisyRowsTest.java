package org.explain4j.core.attribution.wrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NoisyRowsTest {

    private static final int N = 20_000;

    /** Sample 0 spans [0, 10] (sigma = 0.1 x 10 = 1), sample 1 is constant (range 0: no noise). */
    private static INDArray inputs() {
        INDArray x = Nd4j.create(DataType.FLOAT, 2, N);
        x.getRow(0).assign(Nd4j.linspace(0, 10, N, DataType.FLOAT));
        x.getRow(1).assign(3);
        return x;
    }

    @Test
    void eachCopyIsItsSamplePlusGaussianNoiseOfTheSamplesSigma() {
        INDArray x = inputs();
        INDArray copies = new NoisyRows(x, new int[] {0, 0, 1}, 0.1, 5).draw(0, 3).dup();
        INDArray e0 = copies.getRow(0).sub(x.getRow(0));
        INDArray e1 = copies.getRow(1).sub(x.getRow(0));
        // mean 0 and sd 1 within ~5 standard errors of N = 20,000 draws
        assertEquals(0, e0.meanNumber().doubleValue(), 0.035);
        assertEquals(1, e0.stdNumber().doubleValue(), 0.025);
        assertEquals(1, e1.stdNumber().doubleValue(), 0.025);
        double corr = e0.mul(e1).meanNumber().doubleValue();
        assertEquals(0, corr, 0.035, "two copies of one sample must get independent noise");
        assertArrayEquals(x.getRow(1).toDoubleVector(), copies.getRow(2).toDoubleVector(), 0);
    }

    @Test
    void aCopyIsTheSameWhateverTheChunk() {
        INDArray x = inputs();
        int[] rows = {0, 0, 0, 0};
        INDArray all = new NoisyRows(x, rows, 0.1, 5).draw(0, 4).dup();
        NoisyRows chunked = new NoisyRows(x, rows, 0.1, 5);
        INDArray first = chunked.draw(0, 2).dup();
        INDArray second = chunked.draw(2, 4);
        assertEquals(all.get(NDArrayIndex.interval(0, 2)), first);
        assertEquals(all.get(NDArrayIndex.interval(2, 4)), second);
        assertNotEquals(new NoisyRows(x, rows, 0.1, 6).draw(0, 4), all, "another seed draws other noise");
    }
}
