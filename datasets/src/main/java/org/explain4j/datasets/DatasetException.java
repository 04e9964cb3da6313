package org.explain4j.datasets;

import org.explain4j.core.io.InputException;

/** A data file that cannot be read as the format it should have; the message names the file and the problem. */
public class DatasetException extends InputException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
