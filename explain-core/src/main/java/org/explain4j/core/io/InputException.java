package org.explain4j.core.io;

/** An input file that cannot be used; the message names the file and the problem, for the user as it is. */
public class InputException extends IllegalArgumentException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
