package org.explain4j.core.cam;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Grad-CAM's reduction (REFERENCE.md §1.4): alpha_k = spatial mean of dL/dA_k (no ReLU, no sign
 * change), raw map = sum_k alpha_k A_k, signed, at the layer's resolution.
 */
public final class GradCam {

    private GradCam() {
    }

    /** [N,C,H,W] gradients -> [N,C] weights. */
    public static INDArray weights(INDArray gradients) {
        requireRank4(gradients, "gradients");
        return gradients.mean(2, 3);
    }

    /** [N,C,H,W] activations and [N,C] weights -> [N,H,W] signed maps. */
    public static INDArray rawMaps(INDArray activations, INDArray weights) {
        requireRank4(activations, "activations");
        long n = activations.size(0);
        long c = activations.size(1);
        long h = activations.size(2);
        long w = activations.size(3);
        INDArray a = activations.reshape(n, c, h * w);
        INDArray out = Nd4j.create(activations.dataType(), n, h * w);
        for (long i = 0; i < n; i++) {
            // [1,C] x [C,HW]: one GEMV per sample instead of a loop over pixels.
            out.putRow(i, weights.getRow(i).reshape(1, c).mmul(a.slice(i)));
        }
        return out.reshape(n, h, w);
    }

    private static void requireRank4(INDArray x, String what) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("Grad-CAM needs " + what + " shaped [N,C,H,W], got rank " + x.rank());
        }
    }
}
