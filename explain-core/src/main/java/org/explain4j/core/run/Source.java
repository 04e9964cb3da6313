package org.explain4j.core.run;

import org.explain4j.core.io.InputException;
import org.explain4j.core.io.ModelInput;

/** One input of a run: a name (a file path, an id) and how to load it; a bad input throws {@link InputException}. */
public interface Source {

    String name();

    ModelInput load();

    /** An input already in memory. */
    static Source of(String name, ModelInput input) {
        return new Source() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ModelInput load() {
                return input;
            }
        };
    }
}
