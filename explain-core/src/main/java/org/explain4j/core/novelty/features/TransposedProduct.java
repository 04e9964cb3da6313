package org.explain4j.core.novelty.features;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Batched products a[i] b[i]^T: [N, M, K] x [N, P, K] -> [N, M, P], as the window sites form per-sample gradients. */
@FunctionalInterface
public interface TransposedProduct {

    /** libnd4j's batched matmul: any type, but slow on GradCON's shapes (docs/NOVELTY.md). */
    TransposedProduct ND4J = (a, b) -> Nd4j.matmul(a, b, null, false, true, false);

    INDArray apply(INDArray a, INDArray b);
}
