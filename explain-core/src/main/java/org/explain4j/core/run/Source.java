package org.explain4j.core.run;

import org.explain4j.core.io.InputException;
import org.explain4j.core.io.ModelInput;

/** One input of a run: a name (a file path, an id) and how to load it; a bad input throws {@link InputException}. */
public interface Source {

    String name();

    ModelInput load();

    /** The questions to ask about this input, when it brings its own (a figure's fixed row); null: the run's policy. */
    default QuestionPolicy policy() {
        return null;
    }

    /** An input already in memory. */
    static Source of(String name, ModelInput input) {
        return of(name, input, null);
    }

    /** An input already in memory with its own questions (null: the run's). */
    static Source of(String name, ModelInput input, QuestionPolicy questions) {
        return new Source() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ModelInput load() {
                return input;
            }

            @Override
            public QuestionPolicy policy() {
                return questions;
            }
        };
    }
}
