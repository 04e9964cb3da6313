package org.explain4j.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.render.Colormap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes the answers about one input: the contract's three files per question and
 * {@code explanations.json}, all staged so that they appear together or not at all.
 */
public final class ReportWriter {

    public static final String REPORT = "explanations.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int TOP = 5;

    private final ExplanationFiles files;

    public ReportWriter(Colormap colormap) {
        this.files = new ExplanationFiles(colormap);
    }

    /**
     * {@code forward} is the pass over the input (sample {@code sample}), {@code answers} the
     * explanations about it, {@code display} the input as a picture at the model's input size.
     */
    public ExplanationReport write(OutputStaging staging, ExplainableModel model, String modelName, String inputName,
                                   Forward forward, int sample, List<Explanation> answers, BufferedImage display)
            throws IOException {
        List<ExplanationReport.Answer> entries = new ArrayList<>();
        for (Explanation e : answers) {
            entries.add(files.write(staging, e, display, model::labelOf));
        }
        INDArray acts = forward.activations();
        long[] layerShape = acts == null ? null : new long[] {acts.size(1), acts.size(2), acts.size(3)};
        String method = answers.isEmpty() ? null : answers.get(0).method();
        ExplanationReport report = new ExplanationReport(modelName, inputName, method, forward.layer(), model.inputShape(), layerShape,
                model.outputKind().json(), prediction(model, forward, sample), entries);
        AtomicFiles.write(staging.file(REPORT), tmp -> JSON.writeValue(tmp.toFile(), report));
        return report;
    }

    public static ExplanationReport.Prediction prediction(ExplainableModel model, Forward forward, int sample) {
        if (!model.isClassifier()) {
            return ExplanationReport.Prediction.ofScore(forward.score(sample));
        }
        INDArray p = forward.probabilities().getRow(sample);
        int[] ranked = forward.ranked(sample);
        List<ExplanationReport.Ranked> top = new ArrayList<>();
        for (int i = 0; i < Math.min(TOP, ranked.length); i++) {
            top.add(new ExplanationReport.Ranked(ranked[i], model.labelOf(ranked[i]), p.getDouble(ranked[i])));
        }
        return ExplanationReport.Prediction.ofClass(ranked[0], model.labelOf(ranked[0]), p.getDouble(ranked[0]), top);
    }
}
