package org.explain4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.run.QuestionPolicy;

/**
 * Turns {@code --why}, {@code --rather}, {@code --not-fully} and {@code --what-if-not} into the run's
 * question policy: classes by index or label for a classifier, target scores for a regressor. "Why P?"
 * (or "Why s?") always comes first; P defaults to the predicted class.
 */
final class QuestionArguments {

    private final ExplainableModel model;

    QuestionArguments(ExplainableModel model) {
        this.model = model;
    }

    QuestionPolicy parse(String why, String[] rather, boolean notFully, boolean whatIfNot) {
        String[] contrasts = rather == null ? new String[0] : rather;
        if (!model.isClassifier()) {
            if (why != null) {
                throw new UsageException("--why names a class, but the model is a regressor (one score per sample)");
            }
            if (notFully || whatIfNot) {
                throw new UsageException((notFully ? "--not-fully" : "--what-if-not")
                        + " asks about a class, but the model is a regressor (one score per sample)");
            }
            for (String t : contrasts) {
                target(t);
            }
            return new QuestionPolicy.TargetScores(List.of(contrasts));
        }
        Integer p = why == null ? null : RecognitionInputs.classOf(model, why, "--why");
        List<Integer> qs = new ArrayList<>();
        for (String q : contrasts) {
            qs.add(RecognitionInputs.classOf(model, q, "--rather"));
        }
        return new QuestionPolicy.ClassContrasts(p, qs, 0, notFully, whatIfNot);
    }

    private static float target(String text) {
        try {
            float f = Float.parseFloat(text.trim());
            if (!Float.isFinite(f)) {
                throw new NumberFormatException();
            }
            return f;
        } catch (NumberFormatException e) {
            throw new UsageException("--rather " + text + ": the model is a regressor, so contrasts are target scores (e.g. 0.25)");
        }
    }
}
