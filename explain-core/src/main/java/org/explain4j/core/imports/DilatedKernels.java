package org.explain4j.core.imports;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Dilated convolutions for M2.1's oneDNN conv2d, which rejects dilation ("could not create a descriptor for a dilated
 * convolution"): the dilation is written into the kernel (zeros between its taps), so that a plain convolution with the
 * larger kernel computes the dilated one. Both importers (DL4J/Keras and ONNX) convert their dilated layers this way;
 * dilated layers are rare enough in classifiers that the multiplications by zero do not matter.
 */
public final class DilatedKernels {

    private DilatedKernels() {
    }

    /** A [kH, kW, in, out] kernel with dilation (dH, dW) written out: [(kH-1)dH+1, (kW-1)dW+1, in, out]; a copy when (1, 1). */
    public static INDArray writeOut(INDArray kernel, long dH, long dW) {
        if (dH == 1 && dW == 1) {
            return kernel.dup('c');
        }
        long kh = kernel.size(0);
        long kw = kernel.size(1);
        INDArray out = Nd4j.zeros(kernel.dataType(), (kh - 1) * dH + 1, (kw - 1) * dW + 1, kernel.size(2), kernel.size(3));
        for (long i = 0; i < kh; i++) {
            for (long j = 0; j < kw; j++) {
                out.get(NDArrayIndex.point(i * dH), NDArrayIndex.point(j * dW), NDArrayIndex.all(), NDArrayIndex.all())
                        .assign(kernel.get(NDArrayIndex.point(i), NDArrayIndex.point(j), NDArrayIndex.all(), NDArrayIndex.all()));
            }
        }
        return out;
    }
}
