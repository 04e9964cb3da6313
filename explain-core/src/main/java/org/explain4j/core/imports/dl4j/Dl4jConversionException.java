package org.explain4j.core.imports.dl4j;

import org.explain4j.core.model.ModelLoadException;

/** A DL4J network explain4j cannot convert (an unsupported layer, vertex, activation or data format), said in one line. */
public final class Dl4jConversionException extends ModelLoadException {
    public Dl4jConversionException(String message) {
        super(message);
    }
}
