package org.explain4j.core.question;

import java.util.function.BiFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A question defined by any loss built from SameDiff ops on the model's output ({@code [B, ...]} ->
 * scalar). The loss must sum over the batch for per-sample gradients to stay separate. Each distinct
 * instance compiles its own gradient graph, cached for reuse: keep and reuse the instance.
 */
public record CustomQuestion(String slug, String description, BiFunction<SameDiff, SDVariable, SDVariable> loss)
        implements Question {

    public CustomQuestion {
        if (slug == null || !slug.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a custom question's slug must be a file-name stem of letters, digits, '.', '_' or '-'");
        }
    }

    @Override
    public String caption(LabelNames labels) {
        return description;
    }

    @Override
    public Facts facts() {
        return new Facts("custom", null, null, null);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
