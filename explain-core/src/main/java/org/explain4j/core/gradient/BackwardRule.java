package org.explain4j.core.gradient;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How gradients pass back through a ReLU (docs/METHODS.md §4), with x the ReLU's input and g the incoming
 * gradient: {@link #PLAIN} g (x > 0); {@link #GUIDED} (guided backpropagation) g (x > 0) (g > 0);
 * {@link #DECONVNET} g (g > 0), ignoring the forward sign.
 *
 * <p>In SameDiff 1.0.0-M2.1 a ReLU's backward is a {@code ThresholdReluBp(x, g)} op of the gradient
 * function, which computes g (x > cutoff); a subclass of the forward op is no help, since the gradient
 * function rebuilds every op from its serialised form. So the rule rewrites the gradient function after
 * it is built: GUIDED feeds it relu(g) instead of g, DECONVNET feeds it g in place of x, so that it
 * computes g (g > 0). A hand-written backward (the dense-head shortcut) applies {@link #relu} instead.
 */
public enum BackwardRule {
    PLAIN, GUIDED, DECONVNET;

    /** The backward of a ReLU for incoming gradients {@code g} and the ReLU's inputs {@code x} (same shape); may reuse g. */
    INDArray relu(INDArray g, INDArray x) {
        return switch (this) {
            case PLAIN -> g.muli(x.gt(0).castTo(g.dataType()));
            case GUIDED -> Transforms.relu(g, false).muli(x.gt(0).castTo(g.dataType()));
            case DECONVNET -> Transforms.relu(g, false);
        };
    }

    /** The same for one value on the heap ({@link HeapTail}): incoming gradient {@code g}, the ReLU's input {@code x}. */
    double relu(double g, double x) {
        return switch (this) {
            case PLAIN -> x > 0 ? g : 0;
            case GUIDED -> x > 0 && g > 0 ? g : 0;
            case DECONVNET -> g > 0 ? g : 0;
        };
    }

    /** Rewrites every ReLU backward of {@code gradientFunction} (SameDiff's "grad" function) to this rule. */
    void rewrite(SameDiff gradientFunction) {
        if (this == PLAIN) {
            return;
        }
        List<DifferentialFunction> reluBackwards = new ArrayList<>();
        for (SameDiffOp op : gradientFunction.getOps().values()) {
            if (op.getOp() instanceof ThresholdReluBp) {
                reluBackwards.add(op.getOp());
            }
        }
        for (DifferentialFunction bp : reluBackwards) {
            SDVariable g = bp.arg(1);
            if (this == GUIDED) {
                gradientFunction.replaceArgFor(1, gradientFunction.nn().relu(g, 0), bp);
            } else {
                gradientFunction.replaceArgFor(0, g, bp);
            }
        }
    }

    /** How many ReLU backwards a gradient function has (tests check that a rewrite found some). */
    static long reluBackwards(SameDiff gradientFunction) {
        return gradientFunction.getOps().values().stream().filter(o -> o.getOp() instanceof ThresholdReluBp).count();
    }
}
