package org.explain4j.core.run;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.question.Question;
import org.explain4j.core.question.ScoreQuestion;

/**
 * Which questions a run asks about each sample, from that sample's forward pass: plain data (serialisable
 * as JSON with a {@code policy} field), so that a run's specification can travel to another process.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "policy")
@JsonSubTypes({
    @JsonSubTypes.Type(value = QuestionPolicy.ClassContrasts.class, name = "class-contrasts"),
    @JsonSubTypes.Type(value = QuestionPolicy.TargetScores.class, name = "target-scores")})
public sealed interface QuestionPolicy {

    /** The questions about sample {@code b} of {@code forward}, "Why P?" (or "Why s?") first. */
    List<Question> questions(Forward forward, int b);

    /**
     * For a classifier: "Why P?" with P = {@code why} (null: the predicted class); "Why P, rather than Q?" for
     * each class of {@code rather}, then for the most likely other classes until there are {@code runnersUp}
     * contrasts in all; optionally "Why not P with full confidence?" and "What if not P?".
     */
    record ClassContrasts(Integer why, List<Integer> rather, int runnersUp, boolean notFully, boolean whatIfNot)
            implements QuestionPolicy {

        public ClassContrasts {
            rather = rather == null ? List.of() : List.copyOf(rather);
            if (runnersUp < 0) {
                throw new IllegalArgumentException("runnersUp must be >= 0");
            }
        }

        /** P predicted, Q the runner-up. */
        public static ClassContrasts predictedVsRunnerUp() {
            return new ClassContrasts(null, List.of(), 1, false, false);
        }

        /** P predicted, each of {@code classes} as Q. */
        public static ClassContrasts predictedVsEach(List<Integer> classes) {
            return new ClassContrasts(null, classes, 0, false, false);
        }

        /** P predicted, every other class as Q (most likely first). */
        public static ClassContrasts allClasses() {
            return new ClassContrasts(null, List.of(), Integer.MAX_VALUE, false, false);
        }

        @Override
        public List<Question> questions(Forward forward, int b) {
            if (!forward.kind().isClassifier()) {
                throw new IllegalArgumentException("class contrasts need a classifier; the model is a regressor (one score per sample)");
            }
            int[] ranked = forward.ranked(b);
            int p = why != null ? why : ranked[0];
            List<Question> out = new ArrayList<>();
            out.add(new ClassQuestion.WhyP(p));
            Set<Integer> contrasts = new LinkedHashSet<>(rather);
            for (int i = 0; i < ranked.length && contrasts.size() < runnersUp; i++) {
                if (ranked[i] != p) {
                    contrasts.add(ranked[i]);
                }
            }
            contrasts.forEach(q -> out.add(new ClassQuestion.WhyPRatherQ(p, q)));
            if (notFully) {
                out.add(new ClassQuestion.WhyNotFullyP(p));
            }
            if (whatIfNot) {
                out.add(new ClassQuestion.WhatIfNotP(p));
            }
            return out;
        }
    }

    /** For a regressor: "Why s?" and "Why s, rather than t?" for each target, written as given (for file names). */
    record TargetScores(List<String> targets) implements QuestionPolicy {

        public TargetScores {
            targets = targets == null ? List.of() : List.copyOf(targets);
            for (String t : targets) {
                parse(t);
            }
        }

        @Override
        public List<Question> questions(Forward forward, int b) {
            if (forward.kind().isClassifier()) {
                throw new IllegalArgumentException("target scores apply to regressors; the model is a classifier");
            }
            List<Question> out = new ArrayList<>();
            out.add(new ScoreQuestion.WhyScore());
            targets.forEach(t -> out.add(new ScoreQuestion.WhyScoreRather(parse(t), t)));
            return out;
        }

        private static float parse(String t) {
            try {
                float f = Float.parseFloat(t.trim());
                if (Float.isFinite(f)) {
                    return f;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("target score '" + t + "' is not a finite number");
        }
    }
}
