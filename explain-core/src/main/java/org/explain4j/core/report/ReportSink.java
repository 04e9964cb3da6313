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
    private HtmlReport html;
    private Function<Source, String> htmlFolder;

    public ReportSink(ReportWriter writer, ExplainableModel model, String modelName, Function<Source, Path> folderOf) {
        this.writer = writer;
        this.model = model;
        this.modelName = modelName;
        this.folderOf = folderOf;
    }

    /** Also adds each input to {@code report}; {@code folder} gives its files' folder relative to the report ("" or "name/"). */
    public ReportSink withHtml(HtmlReport report, Function<Source, String> folder) {
        this.html = report;
        this.htmlFolder = folder;
        return this;
    }

    @Override
    public void accept(SampleAnswers a) throws IOException {
        ExplanationReport written;
        try (OutputStaging staging = OutputStaging.replacing(folderOf.apply(a.source()), PreviousReport::files)) {
            written = writer.write(staging, model, modelName, a.source().name(), a.forward(), a.sample(), a.explanations(),
                    a.input().display());
            staging.commit();
        }
        reports.add(written);
        if (html != null) {
            html.add(written, htmlFolder.apply(a.source()), a.input().display(), a.explanations());
        }
    }

    /** The reports written so far, in input order. */
    public List<ExplanationReport> reports() {
        return List.copyOf(reports);
    }
}
