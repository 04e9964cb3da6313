package org.explain4j.recognition.data;

import java.util.Arrays;
import java.util.Locale;

/** The recognition data sets this module trains and explains on. */
public enum RecognitionTask {
    MNIST("mnist"),
    FASHION_MNIST("fashion-mnist"),
    /** CURE-TSR, real or synthetic (same file-name convention). */
    SIGNS("signs");

    private final String id;

    RecognitionTask(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static RecognitionTask parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.id.equals(t)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown data set '" + text + "' (mnist, fashion-mnist or signs)"));
    }
}
