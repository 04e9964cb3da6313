package org.explain4j.core.model;

/** A model file or card that cannot be used; the message is meant for the user as it is. */
public class ModelLoadException extends IllegalArgumentException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
