package org.explain4j.core.run;

import java.util.ArrayList;
import java.util.List;

/** Keeps every input's answers in memory, in input order. */
public final class MemorySink implements AnswerSink {

    private final List<SampleAnswers> answers = new ArrayList<>();

    @Override
    public void accept(SampleAnswers a) {
        answers.add(a);
    }

    public List<SampleAnswers> answers() {
        return List.copyOf(answers);
    }
}
