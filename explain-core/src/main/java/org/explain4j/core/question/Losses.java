package org.explain4j.core.question;

import java.util.OptionalDouble;
import org.explain4j.core.model.OutputKind;

/** The value of a built-in question's loss on one output row (a custom question's loss lives in its graph). */
public final class Losses {

    private Losses() {
    }

    /**
     * L for one sample's output row {@code out} (logits or probabilities as {@code kind} says, or the score
     * at out[0]); empty for a custom question.
     */
    public static OptionalDouble value(Question q, double[] out, OutputKind kind) {
        if (q instanceof ClassQuestion c) {
            return OptionalDouble.of(ClassLoss.value(c, kind == OutputKind.PROBABILITIES ? ClassLoss.logitsOfProbabilities(out) : out));
        }
        if (q instanceof ScoreQuestion s) {
            return OptionalDouble.of(ScoreLoss.value(s, out[0]));
        }
        return OptionalDouble.empty();
    }
}
