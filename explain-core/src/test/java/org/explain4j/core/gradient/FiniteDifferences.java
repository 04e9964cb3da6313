package org.explain4j.core.gradient;

import java.util.function.DoubleUnaryOperator;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.question.Question;
import org.explain4j.core.question.ScoreQuestion;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The reference the engine is checked against: losses recomputed in Java, central differences in double. */
final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /** The question's loss for one sample's output row, computed without SameDiff. */
    static double loss(Question q, double[] z) {
        if (q instanceof ScoreQuestion s) {
            double d = z[0] - s.target();
            return s.u() * z[0] + s.v() * d * d;
        }
        ClassQuestion c = (ClassQuestion) q;
        float[] u = new float[z.length];
        float[] v = new float[z.length];
        c.weights(u, v);
        double max = Double.NEGATIVE_INFINITY;
        for (double zi : z) {
            max = Math.max(max, zi);
        }
        double sum = 0;
        for (double zi : z) {
            sum += Math.exp(zi - max);
        }
        double logZ = max + Math.log(sum);
        double l = 0;
        for (int i = 0; i < z.length; i++) {
            l += u[i] * z[i] - v[i] * (z[i] - logZ);
        }
        return l;
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
