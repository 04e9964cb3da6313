package org.explain4j.recognition.novelty.train;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * GradCON's gradient constraint c(g) = mean over the constrained weights of -cos(g_i, ref_i), where g_i is the
 * reconstruction loss's gradient at weight i, and its derivative with respect to g, u_i = dc/dg_i =
 * -(1/L) (ref_i / (|g_i| |ref_i|) - (g_i . ref_i) g_i / (|g_i|^3 |ref_i|)). The training loss's gradient gains
 * H u (the loss's Hessian times u), because c depends on the weights through g.
 */
public final class GradientConstraint {

    private GradientConstraint() {
    }

    /** c(g): mean of -cos(g_i, ref_i). */
    public static double value(List<INDArray> g, ReferenceGradient ref) {
        double sum = 0;
        for (int i = 0; i < g.size(); i++) {
            sum -= cosine(g.get(i), ref.of(i));
        }
        return sum / g.size();
    }

    /** dc/dg_i for every constrained weight. */
    public static List<INDArray> direction(List<INDArray> g, ReferenceGradient ref) {
        List<INDArray> u = new ArrayList<>();
        int layers = g.size();
        for (int i = 0; i < layers; i++) {
            INDArray gi = g.get(i);
            INDArray ri = ref.of(i);
            double gn = gi.norm2Number().doubleValue();
            double rn = ri.norm2Number().doubleValue();
            if (gn == 0 || rn == 0) {
                u.add(gi.mul(0));
                continue;
            }
            double dot = gi.mul(ri).sumNumber().doubleValue();
            INDArray d = ri.div(gn * rn).subi(gi.mul(dot / (gn * gn * gn * rn)));
            u.add(d.muli(-1.0 / layers));
        }
        return u;
    }

    /** cos(a, b), 0 when either is zero. */
    public static double cosine(INDArray a, INDArray b) {
        double an = a.norm2Number().doubleValue();
        double bn = b.norm2Number().doubleValue();
        return an == 0 || bn == 0 ? 0 : a.mul(b).sumNumber().doubleValue() / (an * bn);
    }
}
