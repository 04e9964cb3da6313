package org.explain4j.core.question;

import java.util.Arrays;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The classifier's question loss, in the one place every path takes it from: per row,
 * {@code L = sum_c U[c] z[c] - sum_c V[c] log_softmax(z)[c]} with (U, V) the question's weights
 * ({@link ClassQuestion#weights}); its gradient {@code dL/dz = U - V + (sum_c V[c]) softmax(z)}.
 * The compiled SameDiff graph ({@link #graph}), the dense-head backward ({@link #gradient}) and the
 * finite-difference tests and Integrated Gradients' completeness check ({@link #value}) all use it.
 */
public final class ClassLoss {

    /**
     * A model that outputs probabilities is explained on log(max(p, floor)) as its logits: softmax of
     * those is p again, so the questions mean the same as for a logit model.
     */
    public static final double PROBABILITY_FLOOR = 1e-30;

    private ClassLoss() {
    }

    /** The logits a probability row stands for (see {@link #PROBABILITY_FLOOR}). */
    public static double[] logitsOfProbabilities(double[] p) {
        double[] z = new double[p.length];
        for (int c = 0; c < p.length; c++) {
            z[c] = Math.log(Math.max(p[c], PROBABILITY_FLOOR));
        }
        return z;
    }

    /** The loss summed over the batch: z [B, classes], u and v [B, classes]. */
    public static SDVariable graph(SameDiff sd, SDVariable z, SDVariable u, SDVariable v) {
        // logSoftmax without an explicit dimension: M2.1 fails to clone the op when a dimension is set.
        SDVariable logP = sd.nn().logSoftmax(z);
        return u.mul(z).sum().sub(v.mul(logP).sum());
    }

    /** The loss of one row of logits, in double precision. */
    public static double value(ClassQuestion q, double[] z) {
        float[] u = new float[z.length];
        float[] v = new float[z.length];
        q.weights(u, v);
        double logZ = logSumExp(z);
        double l = 0;
        for (int c = 0; c < z.length; c++) {
            l += u[c] * z[c] - v[c] * (z[c] - logZ);
        }
        return l;
    }

    /**
     * dL/dz of one row into {@code out[offset .. offset + classes)}, given that row's softmax {@code p}.
     * {@code u} and {@code v} are scratch rows of length classes.
     */
    public static void gradient(ClassQuestion q, double[] p, float[] u, float[] v, double[] out, int offset) {
        Arrays.fill(u, 0f);
        Arrays.fill(v, 0f);
        q.weights(u, v);
        double sumV = 0;
        for (float x : v) {
            sumV += x;
        }
        for (int c = 0; c < p.length; c++) {
            out[offset + c] = u[c] - v[c] + sumV * p[c];
        }
    }

    /** softmax of one row, stable. */
    public static double[] softmax(double[] z) {
        double logZ = logSumExp(z);
        double[] p = new double[z.length];
        for (int c = 0; c < z.length; c++) {
            p[c] = Math.exp(z[c] - logZ);
        }
        return p;
    }

    private static double logSumExp(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : z) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (double x : z) {
            sum += Math.exp(x - max);
        }
        return max + Math.log(sum);
    }
}
