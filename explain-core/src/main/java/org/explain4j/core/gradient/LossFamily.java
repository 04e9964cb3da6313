package org.explain4j.core.gradient;

import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.question.CustomQuestion;
import org.explain4j.core.question.Question;
import org.explain4j.core.question.ScoreQuestion;

/** Which compiled loss answers a question: one per built-in family, one per custom question. */
sealed interface LossFamily {

    record Classes() implements LossFamily {
    }

    record Scores() implements LossFamily {
    }

    record Custom(CustomQuestion question) implements LossFamily {
    }

    static LossFamily of(Question q) {
        if (q instanceof ClassQuestion) {
            return new Classes();
        }
        if (q instanceof ScoreQuestion) {
            return new Scores();
        }
        return new Custom((CustomQuestion) q);
    }
}
