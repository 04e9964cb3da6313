package org.explain4j.core.question;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The regressor's question loss, in the one place every path takes it from: per row,
 * {@code L = u s + v (s - t)^2} with (u, v, t) the question's weights; {@code dL/ds = u + 2 v (s - t)}.
 */
public final class ScoreLoss {

    private ScoreLoss() {
    }

    /** The loss summed over the batch: s, u, v and t [B, 1]. */
    public static SDVariable graph(SDVariable s, SDVariable u, SDVariable v, SDVariable t) {
        SDVariable d = s.sub(t);
        return u.mul(s).add(v.mul(d).mul(d)).sum();
    }

    public static double value(ScoreQuestion q, double s) {
        double d = s - q.target();
        return q.u() * s + q.v() * d * d;
    }

    public static double gradient(ScoreQuestion q, double s) {
        return q.u() + 2 * q.v() * (s - q.target());
    }
}
