package org.explain4j.core.attribution;

import org.explain4j.core.question.Question;

/** One question about one sample of a batch. */
public record Asked(int sample, Question question) {
}
