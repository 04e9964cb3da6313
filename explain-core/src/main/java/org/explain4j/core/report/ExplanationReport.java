package org.explain4j.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@code explanations.json} holds: the model, the input, the prediction and one entry per
 * question with the files written for it. Paths are file names relative to the report's folder.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExplanationReport(
        String model,
        String input,
        String method,
        String layer,
        long[] inputShape,
        long[] layerShape,
        String outputKind,
        Prediction prediction,
        List<Answer> explanations) {

    /** A classifier's decision (class, label, probability and the top classes) or a regressor's score. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Prediction(Integer classIndex, String label, Double probability, List<Ranked> top, Double score) {

        public static Prediction ofClass(int classIndex, String label, double probability, List<Ranked> top) {
            return new Prediction(classIndex, label, probability, top, null);
        }

        public static Prediction ofScore(double score) {
            return new Prediction(null, null, null, null, score);
        }
    }

    /** One class among the most likely. */
    public record Ranked(int classIndex, String label, double probability) {
    }

    /**
     * One answered question. {@code rawMin}/{@code rawMax} give the range of the signed raw map, so a
     * reader can tell a flat (all-zero) view from a real one without opening the arrays; {@code details}
     * holds a method's per-answer numbers (Integrated Gradients: {@code completenessError}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(
            String slug,
            String question,
            String kind,
            Integer p,
            Integer q,
            Double target,
            double rawMin,
            double rawMax,
            String method,
            long[] rawShape,
            java.util.Map<String, Double> details,
            Files files) {

        /** The same entry naming the method, the raw map's shape and the method's per-answer numbers. */
        public Answer withMethod(String method, long[] rawShape, java.util.Map<String, Double> details) {
            return new Answer(slug, question, kind, p, q, target, rawMin, rawMax, method, rawShape, details, files);
        }
    }

    /** The three files of one answer. */
    public record Files(String raw, String map, String overlay) {
    }
}
