package org.explain4j.core.figure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.render.Images;
import org.explain4j.core.report.ExplanationFiles;
import org.explain4j.core.report.ExplanationReport;

/** Writes a {@link ContrastFigure} as {@code figure.png} and {@code figure.json}, together or not at all. */
public final class FigureWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FigureWriter() {
    }

    /** {@code inputNames} names each row's input (a file, or the data set and index). */
    public static FigureReport write(Path outDir, ContrastFigure.Figure figure, ExplainableModel model, String layer,
                                     String command, String modelName, List<String> inputNames) throws IOException {
        List<FigureReport.RowReport> rows = new ArrayList<>();
        for (int i = 0; i < figure.rows().size(); i++) {
            ContrastFigure.Row r = figure.rows().get(i);
            List<ExplanationReport.Answer> answers = new ArrayList<>();
            for (Explanation e : r.answers()) {
                answers.add(ExplanationFiles.answer(e.question(), model::labelOf, e.raw().minNumber().doubleValue(),
                        e.raw().maxNumber().doubleValue(), null));
            }
            rows.add(new FigureReport.RowReport(inputNames.get(i), model.labelOf(r.p()), r.probabilityOfP(), model.labelOf(r.q1()),
                    model.labelOf(r.q2()), answers));
        }
        FigureReport report = new FigureReport(command, modelName, layer, rows);
        try (OutputStaging staging = new OutputStaging(outDir)) {
            Images.writePng(staging.file("figure.png"), figure.image());
            AtomicFiles.write(staging.file("figure.json"), tmp -> JSON.writeValue(tmp.toFile(), report));
            staging.commit();
        }
        return report;
    }

    /** {@code figure.json} of a {@link FamilyFigure}: the columns and, per row, its input, P, Q and every column's answer. */
    public record FamilyReport(String command, String model, String layer, List<String> columns, List<FamilyRow> rows) {
    }

    public record FamilyRow(String input, String p, double probabilityOfP, String q, List<ExplanationReport.Answer> answers) {
    }

    /** Writes a {@link FamilyFigure} as {@code figure.png} and {@code figure.json}, together or not at all. */
    public static FamilyReport write(Path outDir, FamilyFigure.Figure figure, ExplainableModel model, String layer, String command,
                                     String modelName, List<String> inputNames) throws IOException {
        List<FamilyRow> rows = new ArrayList<>();
        for (int i = 0; i < figure.rows().size(); i++) {
            FamilyFigure.Row r = figure.rows().get(i);
            List<ExplanationReport.Answer> answers = new ArrayList<>();
            for (Explanation e : r.answers()) {
                answers.add(ExplanationFiles.answer(e.question(), model::labelOf, e.raw().minNumber().doubleValue(),
                        e.raw().maxNumber().doubleValue(), null).withMethod(e.method(), e.raw().shape(), null));
            }
            rows.add(new FamilyRow(inputNames.get(i), model.labelOf(r.p()), r.probabilityOfP(), model.labelOf(r.q()), answers));
        }
        FamilyReport report = new FamilyReport(command, modelName, layer, figure.columns(), rows);
        try (OutputStaging staging = new OutputStaging(outDir)) {
            Images.writePng(staging.file("figure.png"), figure.image());
            AtomicFiles.write(staging.file("figure.json"), tmp -> JSON.writeValue(tmp.toFile(), report));
            staging.commit();
        }
        return report;
    }
}
