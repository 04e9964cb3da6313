package org.explain4j.core.cam;

import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The answer to one question: {@code raw} is the signed map sum_k alpha_k A_k at the layer's
 * resolution [h,w]; {@code weights} the alpha_k [C]. Turn it into a picture with
 * {@link MapOps#toDisplay} (or the steps one by one).
 */
public record Explanation(int sample, Question question, INDArray raw, INDArray weights) {
}
