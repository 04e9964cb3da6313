package org.explain4j.core.question;

/**
 * Questions about a classifier. Each becomes a pair of weight rows (U, V) over the classes and the
 * loss {@code sum_c U[c] z[c] - sum_c V[c] log_softmax(z)[c]} (docs/METHODS.md §1).
 */
public sealed interface ClassQuestion extends Question {

    /** The class the question is about (the decision P). */
    int p();

    /** Writes this question's weights into row vectors {@code u} and {@code v} of length numClasses. */
    void weights(float[] u, float[] v);

    /** Every class the question names, for range checks. */
    default int[] classes() {
        return new int[] {p()};
    }

    /** "Why P?": Grad-CAM, the gradient of the logit z_P. */
    record WhyP(int p) implements ClassQuestion {
        @Override
        public void weights(float[] u, float[] v) {
            u[p] = 1;
        }

        @Override
        public Facts facts() {
            return new Facts("why", p, null, null);
        }

        @Override
        public String slug() {
            return "why-" + p;
        }

        @Override
        public String caption(LabelNames l) {
            return "Why " + l.of(p) + "?";
        }
    }

    /** "Why P, rather than Q?": the gradient of cross-entropy(z, Q), whose dL/dz is softmax(z) - e_Q. */
    record WhyPRatherQ(int p, int q) implements ClassQuestion {
        @Override
        public void weights(float[] u, float[] v) {
            v[q] = 1;
        }

        @Override
        public int[] classes() {
            return new int[] {p, q};
        }

        @Override
        public Facts facts() {
            return new Facts("why-rather", p, q, null);
        }

        @Override
        public String slug() {
            return "why-" + p + "-rather-" + q;
        }

        @Override
        public String caption(LabelNames l) {
            return "Why " + l.of(p) + ", rather than " + l.of(q) + "?";
        }
    }

    /** "Why not P with full confidence?": the gradient of cross-entropy(z, P). */
    record WhyNotFullyP(int p) implements ClassQuestion {
        @Override
        public void weights(float[] u, float[] v) {
            v[p] = 1;
        }

        @Override
        public Facts facts() {
            return new Facts("why-not-fully", p, null, null);
        }

        @Override
        public String slug() {
            return "why-not-fully-" + p;
        }

        @Override
        public String caption(LabelNames l) {
            return "Why not " + l.of(p) + " with full confidence?";
        }
    }

    /**
     * "What if not P?": the counterfactual map, Grad-CAM with negated weights. Since the Grad-CAM
     * weights are linear in the gradient, backpropagating -z_P negates them exactly.
     */
    record WhatIfNotP(int p) implements ClassQuestion {
        @Override
        public void weights(float[] u, float[] v) {
            u[p] = -1;
        }

        @Override
        public Facts facts() {
            return new Facts("what-if-not", p, null, null);
        }

        @Override
        public String slug() {
            return "what-if-not-" + p;
        }

        @Override
        public String caption(LabelNames l) {
            return "What if not " + l.of(p) + "?";
        }
    }
}
