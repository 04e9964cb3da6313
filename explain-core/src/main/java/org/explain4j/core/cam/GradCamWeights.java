package org.explain4j.core.cam;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Grad-CAM (docs/METHODS.md §1.4): w_c = spatial mean of dL/dA_c, no ReLU on the gradient, no sign change. */
public record GradCamWeights() implements CamWeights {

    @Override
    public String name() {
        return "gradcam";
    }

    @Override
    public boolean needsOnlyMeans() {
        return true;
    }

    @Override
    public INDArray fromGradients(INDArray gradients, INDArray activations) {
        return GradCam.weights(gradients);
    }
}
