package org.explain4j.spark.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.explain4j.core.render.Colormap;
import org.explain4j.core.report.ExplanationReport;
import org.explain4j.core.report.ReportSink;
import org.explain4j.core.report.ReportWriter;
import org.explain4j.core.run.AnswerSink;
import org.explain4j.core.run.QuestionPolicy;
import org.explain4j.core.run.Runner;
import org.explain4j.core.run.SampleAnswers;
import org.explain4j.core.run.Source;
import org.explain4j.spark.io.InputFile;
import org.explain4j.spark.io.InputSource;
import org.explain4j.spark.io.ResultStore;
import org.explain4j.spark.report.ResultsTable;

/**
 * One partition of a distributed explain run: its inputs through the library {@link Runner} (batches, one forward and one
 * backward each, answers grouped by input) with a model borrowed from the executor's {@link ModelPool}, each input's files
 * written as bin/explain writes them, and one results row per input. A bad input is a "skipped" row with its reason,
 * never a failed task.
 */
public final class ExplainPartition implements FlatMapFunction<Iterator<List<InputFile>>, Row> {

    private final Broadcast<ModelPool> pool;
    private final ExplainSettings settings;
    private final JobCounters counters;

    public ExplainPartition(Broadcast<ModelPool> pool, ExplainSettings settings, JobCounters counters) {
        this.pool = pool;
        this.settings = settings;
        this.counters = counters;
    }

    @Override
    public Iterator<Row> call(Iterator<List<InputFile>> chunks) throws Exception {
        List<InputFile> files = new ArrayList<>();
        chunks.forEachRemaining(files::addAll);
        return pool.value().with(counters::modelLoaded, (loaded, scratch) -> explain(files, loaded, settings, scratch).iterator());
    }

    private List<Row> explain(List<InputFile> files, ModelPool.Loaded loaded, ExplainSettings settings, Path scratch) throws IOException {
        ResultStore store = ResultStore.of(settings.out(), settings.hadoop(), scratch.resolve("out"));
        Map<String, String> errors = new HashMap<>();
        List<Source> sources = new ArrayList<>();
        for (InputFile f : files) {
            sources.add(new InputSource(f, loaded.inputs()::load, settings.hadoop(), scratch.resolve("in"), errors));
        }
        ReportSink reportSink = new ReportSink(new ReportWriter(Colormap.JET), loaded.model(), settings.modelName(),
                s -> store.writeFolder(((InputSource) s).file().folder()));
        AnswerSink sink = new AnswerSink() {
            @Override
            public void accept(SampleAnswers a) throws IOException {
                reportSink.accept(a);
                store.published(((InputSource) a.source()).file().folder());
            }
        };
        // Q: each --rather, else the runner-up (as the single-machine folder run asks).
        QuestionPolicy policy = new QuestionPolicy.ClassContrasts(null, settings.rather(), settings.rather().isEmpty() ? 1 : 0,
                settings.notFully(), false);
        new Runner(loaded.method(), policy, settings.batch()).run(sources.iterator(), sink, (s, ok) -> counters.done(ok));
        Map<String, ExplanationReport> reports = new HashMap<>();
        for (ExplanationReport r : reportSink.reports()) {
            reports.put(r.input(), r);
        }
        List<Row> rows = new ArrayList<>();
        for (InputFile f : files) {
            ExplanationReport r = reports.get(f.name());
            if (r != null) {
                rows.add(ResultsTable.explained(f.name(), f.folder(), ReportWriter.REPORT, r));
            } else {
                String error = errors.getOrDefault(f.name(), f.name() + ": not explained");
                rows.add(ResultsTable.skipped(f.name(), f.folder(), error));
                counters.skipped(error);
            }
        }
        return rows;
    }
}
