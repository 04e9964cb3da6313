package org.explain4j.core.cam;

import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The answer to one question: {@link #raw} is the signed map sum_k alpha_k A_k at the layer's
 * resolution [h,w]; {@link #weights} the alpha_k [C]. Turn it into a picture with
 * {@link MapOps#toDisplay} (or the steps one by one). The answers of one call share their batch
 * arrays ({@code maps} [K,h,w], {@code allWeights} [K,C]) and each reads its own row on demand, so
 * K = 1,000 contrasts cost no 2,000 copies.
 */
public record Explanation(int sample, Question question, INDArray maps, INDArray allWeights, int row) {

    /** The signed map [h,w] (a view into the batch; dup() it before changing it). */
    public INDArray raw() {
        return maps.slice(row);
    }

    /** Grad-CAM's weights alpha_k [C] (a view into the batch). */
    public INDArray weights() {
        return allWeights.getRow(row);
    }
}
