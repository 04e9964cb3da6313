package org.explain4j.core.train;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;

/**
 * Moves trained weights into a freshly built graph of the same network: what a trainer saves then carries no
 * loss, label placeholder or updater state.
 */
public final class TrainedWeights {

    private TrainedWeights() {
    }

    /** Assigns every trainable variable of {@code into} from the variable of the same name in {@code trained}. */
    public static void copy(SameDiff trained, SameDiff into) {
        for (SDVariable v : into.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                v.getArr().assign(trained.getVariable(v.name()).getArr());
            }
        }
    }
}
