package org.explain4j.core.model;

/** A model file or card that cannot be used; the message is meant for the user as it is. */
public class ModelLoadException extends IllegalArgumentException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first line of a cause's message (its class name if it has none): what a one-line error quotes of it. */
    public static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
