package org.explain4j.core.model.onednn;

/**
 * How a ReLU passes gradients back, with y its output and g the incoming gradient (the engine's BackwardRule, named
 * here so that the model layer does not depend on the engine): PLAIN g (y > 0), GUIDED g (y > 0) (g > 0), DECONVNET
 * g (g > 0). y > 0 exactly where the ReLU's input is, so the forward's output decides the mask.
 */
public enum ReluGradient {
    PLAIN, GUIDED, DECONVNET
}
