package org.explain4j.core.attribution.gradient;

import org.explain4j.core.gradient.BackwardRule;
import org.explain4j.core.gradient.GradientEngine;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Input x gradient: x * dL/dx. (docs/METHODS.md §4.) */
public final class InputXGradient extends InputGradientMethod {

    public static final String NAME = "input-x-gradient";

    public InputXGradient(GradientEngine engine, int batchSize) {
        super(engine, batchSize);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected BackwardRule rule() {
        return BackwardRule.PLAIN;
    }

    @Override
    protected INDArray attribution(INDArray x, INDArray g) {
        return x.mul(g);
    }
}
