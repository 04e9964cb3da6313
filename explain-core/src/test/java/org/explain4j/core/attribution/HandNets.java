package org.explain4j.core.attribution;

import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A ReLU network small enough to differentiate on paper, whose guided, deconvnet and plain backward
 * passes all differ. Input x = (x1, x2); h = relu(W1 x) with rows (1,-1), (1,1), (-1,0); logits
 * z0 = 2 h1 - h2 + 3 h3, z1 = 0. At x = (2, 1): pre-activations (1, 3, -2), h = (1, 3, 0), z = (-1, 0).
 * For "Why 0?" dL/dh = (2, -1, 3), and dL/dx = W1^T g with
 * plain g = (2, -1, 0) -> (1, -3); guided g = (2, 0, 0) -> (2, -2); deconvnet g = (2, 0, 3) -> (-1, -2).
 */
final class HandNets {

    static final String INPUT = "x";
    static final String OUTPUT = "z";

    private HandNets() {
    }

    static ExplainableModel guidedChain() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder(INPUT, DataType.DOUBLE, -1, 2);
        SDVariable w1 = sd.var("W1", Nd4j.createFromArray(new double[][] {{1, 1, -1}, {-1, 1, 0}}));
        SDVariable h = sd.nn().relu("h", x.mmul(w1), 0);
        SDVariable w2 = sd.var("W2", Nd4j.createFromArray(new double[][] {{2, 0}, {-1, 0}, {3, 0}}));
        h.mmul(OUTPUT, w2);
        return ExplainableModel.of(sd, new ModelCard("hand", INPUT, OUTPUT, null, null, null, null, null));
    }
}
