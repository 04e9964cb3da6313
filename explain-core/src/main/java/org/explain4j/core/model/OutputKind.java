package org.explain4j.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the model's output variable holds; decides how a question becomes a loss. */
public enum OutputKind {
    /** Unnormalised class scores: Grad-CAM backpropagates them directly. */
    LOGITS,
    /** Softmax outputs: their logarithm serves as logits (softmax(log p) = p, so cross-entropies are unchanged). */
    PROBABILITIES,
    /** One value per sample: a regressor such as an image-quality model. */
    SCORE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static OutputKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown output kind '" + text + "' (expected logits, probabilities or score)");
        }
    }

    public boolean isClassifier() {
        return this != SCORE;
    }
}
