package org.explain4j.core.cam;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Grad-CAM++ in the closed form pytorch-grad-cam uses (which assumes an exponential of the score, so that
 * higher derivatives are powers of the first; docs/METHODS.md §4): with g = dL/dA,
 * alpha = g^2 / (2 g^2 + sum_ij(A) g^3 + 1e-6), 0 where g = 0; w_c = sum_ij relu(g) alpha.
 */
public record GradCamPlusPlusWeights() implements CamWeights {

    private static final double EPSILON = 1e-6;

    @Override
    public String name() {
        return "gradcam++";
    }

    @Override
    public boolean needsOnlyMeans() {
        return false;
    }

    @Override
    public INDArray fromGradients(INDArray gradients, INDArray activations) {
        INDArray g = gradients.castTo(activations.dataType());
        long k = g.size(0);
        long c = g.size(1);
        INDArray g2 = g.mul(g);
        INDArray g3 = g2.mul(g);
        INDArray sumA = activations.sum(2, 3).reshape(k, c, 1, 1);
        INDArray denominator = g2.mul(2).addi(g3.muli(sumA.broadcast(g.shape()))).addi(EPSILON);
        INDArray alpha = g2.divi(denominator).muli(g.neq(0).castTo(g.dataType()));
        return Transforms.relu(g, true).muli(alpha).sum(2, 3);
    }
}
