package org.explain4j.seismic.report;

import java.util.List;
import java.util.Map;

/**
 * {@code section.json}: what was explained, how, and where each file is. Arrays in the {@code .npy} files are
 * [traces, samples], as the slice they explain ({@code seismic slice} writes the same layout).
 */
public record SectionReport(String command, String model, String method, String layer, String section, int traces, int samples,
                            double amplitudeScale, int patch, int stride, int windows, Map<String, Integer> windowsPerClass,
                            int answering, double seconds, String figure, String classes, String windowClasses,
                            String probabilities, List<Answer> answers) {

    /** One question: its caption, its signed map's file and range, and its picture's file. */
    public record Answer(String question, String signed, double signedMin, double signedMax, String picture) {
    }
}
