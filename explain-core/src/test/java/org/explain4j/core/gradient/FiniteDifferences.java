package org.explain4j.core.gradient;

import java.util.function.DoubleUnaryOperator;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.question.Losses;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The reference the engine is checked against: losses recomputed in Java, central differences in double. */
final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /** The question's loss for one sample's output row: the loss classes' own Java value (logits). */
    static double loss(Question q, double[] z) {
        return Losses.value(q, z, OutputKind.LOGITS).orElseThrow();
    }

    /**
     * d f / d x[index] by central differences, x restored afterwards; NaN where f has a kink within
     * +-h (a ReLU at zero, a max-pool tie), detected by one-sided differences that disagree.
     */
    static double derivative(INDArray x, long index, double h, DoubleUnaryOperator fAtValue) {
        double original = x.getDouble(index);
        double plus = fAtValue.applyAsDouble(original + h);
        double minus = fAtValue.applyAsDouble(original - h);
        double centre = fAtValue.applyAsDouble(original);
        x.putScalar(index, original);
        double right = (plus - centre) / h;
        double left = (centre - minus) / h;
        if (Math.abs(right - left) > 1e-4 * Math.max(1, Math.abs(right) + Math.abs(left))) {
            return Double.NaN;
        }
        return (plus - minus) / (2 * h);
    }
}
