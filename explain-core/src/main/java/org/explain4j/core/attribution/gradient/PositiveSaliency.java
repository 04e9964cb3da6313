package org.explain4j.core.attribution.gradient;

import org.explain4j.core.gradient.BackwardRule;
import org.explain4j.core.gradient.GradientEngine;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Positive saliency: max(0, g) of the guided gradient g (divided by max(g) for display, which the normalising view does). (docs/METHODS.md §4.) */
public final class PositiveSaliency extends InputGradientMethod {

    public static final String NAME = "positive-saliency";

    public PositiveSaliency(GradientEngine engine, int batchSize) {
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
        return Transforms.relu(g, false);
    }
}
