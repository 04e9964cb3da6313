package org.explain4j.cli;

/** A mistake in how a command was called; reported as one line with exit status 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
