package org.explain4j.seismic.section;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.explain4j.core.run.QuestionPolicy;

/**
 * The questions every window of a section is asked, in the same order in every window so that their maps can be
 * assembled: "Why P?", "Why P, rather than Q?" for each contrast class (none given: each window's runner-up), and
 * optionally "Why not P with full confidence?". With P named ({@code why}), a section map is assembled from the
 * windows the model classifies as P only: elsewhere the model did not decide P, and the contrast loss (which does
 * not involve P) would answer a question about another decision. With P open, every window answers for its own
 * prediction.
 */
public record SectionQuestions(Integer why, List<Integer> rather, boolean notFully) {

    public SectionQuestions {
        rather = rather == null ? List.of() : List.copyOf(rather);
    }

    /** The run's policy: the same number of questions, in the same order, for every window. */
    public QuestionPolicy policy() {
        return new QuestionPolicy.ClassContrasts(why, rather, rather.isEmpty() ? 1 : 0, notFully, false);
    }

    /** Whether a window predicted as {@code predicted} contributes to the section's maps. */
    public boolean answers(int predicted) {
        return why == null || why == predicted;
    }

    /** The caption of each question, in the policy's order. */
    public List<String> captions(IntFunction<String> label) {
        String p = why == null ? "each window's class" : label.apply(why);
        List<String> out = new ArrayList<>();
        out.add("Why " + p + "?");
        if (rather.isEmpty()) {
            out.add("Why " + p + ", rather than its runner-up?");
        }
        rather.forEach(q -> out.add("Why " + p + ", rather than " + label.apply(q) + "?"));
        if (notFully) {
            out.add("Why not " + p + " with full confidence?");
        }
        return out;
    }

    /** A file-name stem for each question, in the policy's order. */
    public List<String> slugs(IntFunction<String> label) {
        String p = why == null ? "p" : label.apply(why);
        List<String> out = new ArrayList<>();
        out.add("why-" + p);
        if (rather.isEmpty()) {
            out.add("why-" + p + "-rather-runner-up");
        }
        rather.forEach(q -> out.add("why-" + p + "-rather-" + label.apply(q)));
        if (notFully) {
            out.add("why-not-fully-" + p);
        }
        return out;
    }
}
