package org.explain4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.question.Question;
import org.explain4j.core.question.ScoreQuestion;

/**
 * Turns {@code --why}, {@code --rather}, {@code --not-fully} and {@code --what-if-not} into questions:
 * classes by index or label for a classifier, target scores for a regressor. "Why P?" (or "Why s?")
 * always comes first.
 */
final class QuestionArguments {

    private final ExplainableModel model;
    private final Forward forward;

    QuestionArguments(ExplainableModel model, Forward forward) {
        this.model = model;
        this.forward = forward;
    }

    List<Question> parse(String why, String[] rather, boolean notFully, boolean whatIfNot) {
        String[] contrasts = rather == null ? new String[0] : rather;
        List<Question> out = new ArrayList<>();
        if (!model.isClassifier()) {
            if (why != null) {
                throw new UsageException("--why names a class, but the model is a regressor (one score per sample)");
            }
            if (notFully || whatIfNot) {
                throw new UsageException((notFully ? "--not-fully" : "--what-if-not")
                        + " asks about a class, but the model is a regressor (one score per sample)");
            }
            out.add(new ScoreQuestion.WhyScore());
            for (String t : contrasts) {
                out.add(new ScoreQuestion.WhyScoreRather(target(t), t));
            }
            return out;
        }
        int p = why == null ? forward.predicted(0) : classOf(why, "--why");
        out.add(new ClassQuestion.WhyP(p));
        for (String q : contrasts) {
            out.add(new ClassQuestion.WhyPRatherQ(p, classOf(q, "--rather")));
        }
        if (notFully) {
            out.add(new ClassQuestion.WhyNotFullyP(p));
        }
        if (whatIfNot) {
            out.add(new ClassQuestion.WhatIfNotP(p));
        }
        return out;
    }

    private int classOf(String text, String option) {
        return RecognitionInputs.classOf(model, text, option);
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
