package org.explain4j.core.novelty.features;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The batched products the window sites need: a[i] b[i]^T ([N, M, K] x [N, P, K] -> [N, M, P]) to form per-sample
 * gradients, and Gram matrices a[i]^T a[i] ([N, K, M] -> [N, M, M]) for their norms.
 */
public interface TransposedProduct {

    /** libnd4j's batched matmul: any type, but slow on GradCON's shapes (docs/NOVELTY.md). */
    TransposedProduct ND4J = new TransposedProduct() {
        @Override
        public INDArray apply(INDArray a, INDArray b) {
            return Nd4j.matmul(a, b, null, false, true, false);
        }

        @Override
        public INDArray gram(INDArray a) {
            return Nd4j.matmul(a, a, null, true, false, false);
        }
    };

    INDArray apply(INDArray a, INDArray b);

    INDArray gram(INDArray a);

    /** oneDNN's products for float operands where it loads, else (and for other types) ND4J's. */
    static TransposedProduct fastest() {
        return org.explain4j.core.model.onednn.BatchedMatmul.open().<TransposedProduct>map(m -> new TransposedProduct() {
            @Override
            public INDArray apply(INDArray a, INDArray b) {
                return isFloat(a) && isFloat(b) ? m.timesTransposed(a, b) : ND4J.apply(a, b);
            }

            @Override
            public INDArray gram(INDArray a) {
                return isFloat(a) ? m.gram(a) : ND4J.gram(a);
            }
        }).orElse(ND4J);
    }

    private static boolean isFloat(INDArray a) {
        return a.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT;
    }
}
