package org.explain4j.core.attribution.gradient;

import org.explain4j.core.gradient.BackwardRule;
import org.explain4j.core.gradient.GradientEngine;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Deconvnet: every ReLU passes back g (g > 0), ignoring the forward sign. (docs/METHODS.md §4.) */
public final class Deconvnet extends InputGradientMethod {

    public static final String NAME = "deconvnet";

    public Deconvnet(GradientEngine engine, int batchSize) {
        super(engine, batchSize);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected BackwardRule rule() {
        return BackwardRule.DECONVNET;
    }

    @Override
    protected INDArray attribution(INDArray x, INDArray g) {
        return g;
    }
}
