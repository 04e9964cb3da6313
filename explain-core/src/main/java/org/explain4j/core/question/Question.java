package org.explain4j.core.question;

/**
 * A question asked about one sample. Built-in questions are data: they become per-sample weight
 * rows fed to one compiled graph, so any mix of them is answered in one backward pass.
 * A {@link CustomQuestion} brings its own loss and gets a graph of its own.
 */
public sealed interface Question permits ClassQuestion, ScoreQuestion, CustomQuestion {

    /** File-name stem for this question's outputs, e.g. {@code why-3-rather-5}. */
    String slug();

    /** The question in words, with class names from {@code labels} (index when absent). */
    String caption(LabelNames labels);

    /** What the question is, as data: reports and file names read this instead of testing types. */
    Facts facts();

    /**
     * A question's kind ({@code why}, {@code why-rather}, {@code why-not-fully}, {@code what-if-not},
     * {@code why-score}, {@code why-score-rather}, {@code custom}), the classes it names and its target score
     * (null where they do not apply).
     */
    record Facts(String kind, Integer p, Integer q, Double target) {
    }

    /** Class names for captions. */
    @FunctionalInterface
    interface LabelNames {
        String of(int classIndex);
    }
}
