package org.explain4j.core.cam;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What tells one CAM method from another: the channel weights w [K, C] of the map sum_c w_c A_c, from the
 * gradient of each question's loss at the layer (like pytorch-grad-cam's {@code get_cam_weights}).
 */
public sealed interface CamWeights permits GradCamWeights, GradCamPlusPlusWeights {

    /** The method's name, as the command line spells it. */
    String name();

    /**
     * True when the weights need only the spatial means of the gradient: the engine then never builds
     * the [K, C, H, W] gradient where its dense-head shortcut can pool it directly.
     */
    boolean needsOnlyMeans();

    /** [K, C] weights from the gradients [K, C, H, W] and the activations of the asked rows [K, C, H, W]. */
    INDArray fromGradients(INDArray gradients, INDArray activations);
}
