package org.explain4j.core.attribution.gradient;

import org.explain4j.core.gradient.BackwardRule;
import org.explain4j.core.gradient.GradientEngine;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Guided backpropagation: every ReLU passes back g (x > 0) (g > 0). (docs/METHODS.md §4.) */
public final class GuidedBackprop extends InputGradientMethod {

    public static final String NAME = "guided-backprop";

    public GuidedBackprop(GradientEngine engine, int batchSize) {
        super(engine, batchSize);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected BackwardRule rule() {
        return BackwardRule.GUIDED;
    }

    @Override
    protected INDArray attribution(INDArray x, INDArray g) {
        return g;
    }
}
