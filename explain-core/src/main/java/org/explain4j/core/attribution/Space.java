package org.explain4j.core.attribution;

/**
 * Where a map lives: on a layer's spatial grid ([h, w], CAM methods) or on the model input ([C, H, W] in
 * the input tensor's own units, gradient methods). Display steps depend on it (see {@code MapOps.toDisplay}).
 */
public sealed interface Space {

    /** A short name for reports: {@code layer:NAME} or {@code input}. */
    String describe();

    /** The spatial grid of activation {@code name}: maps [h, w]. */
    record Layer(String name) implements Space {
        @Override
        public String describe() {
            return "layer:" + name;
        }
    }

    /** The model input: maps [C, H, W], one value per input element. */
    record Input() implements Space {
        @Override
        public String describe() {
            return "input";
        }
    }
}
