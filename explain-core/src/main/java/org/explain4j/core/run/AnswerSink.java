package org.explain4j.core.run;

import java.io.IOException;

/** Where a run puts each input's answers, one input at a time, in input order. */
@FunctionalInterface
public interface AnswerSink {

    void accept(SampleAnswers answers) throws IOException;
}
