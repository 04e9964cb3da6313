package org.explain4j.core.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.run.AnswerSink;
import org.explain4j.core.run.SampleAnswers;
import org.explain4j.core.run.Source;

/**
 * Writes each input's answers as the CLI contract's files into its own folder ({@code folderOf}), staged so
 * that an input's files appear together or not at all.
 */
public final class ReportSink implements AnswerSink {

    private final ReportWriter writer;
    private final ExplainableModel model;
    private final String modelName;
    private final Function<Source, Path> folderOf;
    private final List<ExplanationReport> reports = new ArrayList<>();

    public ReportSink(ReportWriter writer, ExplainableModel model, String modelName, Function<Source, Path> folderOf) {
        this.writer = writer;
        this.model = model;
        this.modelName = modelName;
        this.folderOf = folderOf;
    }

    @Override
    public void accept(SampleAnswers a) throws IOException {
        try (OutputStaging staging = OutputStaging.replacing(folderOf.apply(a.source()), PreviousReport::files)) {
            reports.add(writer.write(staging, model, modelName, a.source().name(), a.forward(), a.sample(), a.explanations(),
                    a.input().display()));
            staging.commit();
        }
    }

    /** The reports written so far, in input order. */
    public List<ExplanationReport> reports() {
        return List.copyOf(reports);
    }
}
