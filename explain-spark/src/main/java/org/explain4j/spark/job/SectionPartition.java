package org.explain4j.spark.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.explain4j.core.io.InputException;
import org.explain4j.seismic.report.SectionJob;
import org.explain4j.seismic.report.SectionReport;
import org.explain4j.seismic.section.SectionExplainer;
import org.explain4j.seismic.section.SectionQuestions;
import org.explain4j.spark.io.RangeReader;
import org.explain4j.spark.io.ResultStore;
import org.explain4j.spark.report.SectionsTable;

/**
 * One partition of a distributed section run: each of its inlines read as its own byte range of the survey (one
 * positioned read of its traces), explained by the library's {@link SectionJob} exactly as {@code bin/explain seismic
 * section --inline N} explains it, written into {@code OUT/inline-N/}; one table row per inline. A section that cannot
 * be explained (all zeros, NaN, too small for the windows, a short read) is a "skipped" row, never a failed task.
 */
public final class SectionPartition implements FlatMapFunction<Iterator<GeometryScan.InlineRun>, Row> {

    private final Broadcast<ModelPool> pool;
    private final SectionSettings settings;
    private final JobCounters counters;

    public SectionPartition(Broadcast<ModelPool> pool, SectionSettings settings, JobCounters counters) {
        this.pool = pool;
        this.settings = settings;
        this.counters = counters;
    }

    /** The folder of an inline's files, relative to --out. */
    public static String folder(int inline) {
        return "inline-" + inline;
    }

    @Override
    public Iterator<Row> call(Iterator<GeometryScan.InlineRun> inlines) throws Exception {
        return pool.value().with(counters::modelLoaded, (loaded, scratch) -> {
            SectionJob job = new SectionJob(new SectionExplainer(loaded.method(), settings.stride(), settings.batch()),
                    new SectionQuestions(settings.why(), settings.rather(), settings.notFully()), loaded.model(), settings.modelName(),
                    settings.method(), settings.layer(), settings.command());
            ResultStore store = ResultStore.of(settings.out(), settings.hadoop(), scratch);
            List<Row> rows = new ArrayList<>();
            try (RangeReader reader = RangeReader.open(settings.segy(), settings.hadoop())) {
                while (inlines.hasNext()) {
                    rows.add(explain(inlines.next(), job, reader, store));
                }
            }
            return rows.iterator();
        });
    }

    private Row explain(GeometryScan.InlineRun run, SectionJob job, RangeReader reader, ResultStore store) throws IOException {
        String title = "inline " + run.inline() + " of " + settings.survey();
        String folder = folder(run.inline());
        try {
            float[][] traces;
            try {
                traces = settings.layout().samples(reader.read(settings.layout().offset(run.firstTrace()),
                        (int) (run.traces() * settings.layout().traceBytes())), run.traces());
            } catch (IOException e) {
                throw new InputException(title + ": cannot read its traces (" + e.getMessage() + ")", e);
            }
            SectionReport report = job.explain(job.prepare(traces, title), store.writeFolder(folder), (done, total) -> { });
            store.published(folder);
            counters.done(true);
            return SectionsTable.explained(run.inline(), folder, "section.json", report);
        } catch (InputException e) {
            counters.done(false);
            counters.skipped(e.getMessage());
            return SectionsTable.skipped(title, run.inline(), folder, e.getMessage());
        }
    }
}
