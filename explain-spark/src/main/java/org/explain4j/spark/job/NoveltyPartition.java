package org.explain4j.spark.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.explain4j.recognition.novelty.detector.NoveltyRun;
import org.explain4j.spark.io.InputFile;
import org.explain4j.spark.io.InputSource;
import org.explain4j.spark.report.NoveltyTable;

/** One partition of a distributed novelty run: its inputs scored by the library's {@link NoveltyRun}, one row each. */
public final class NoveltyPartition implements FlatMapFunction<Iterator<List<InputFile>>, Row> {

    private final Broadcast<DetectorPool> pool;
    private final Map<String, String> hadoop;
    private final JobCounters counters;

    public NoveltyPartition(Broadcast<DetectorPool> pool, Map<String, String> hadoop, JobCounters counters) {
        this.pool = pool;
        this.hadoop = Map.copyOf(hadoop);
        this.counters = counters;
    }

    @Override
    public Iterator<Row> call(Iterator<List<InputFile>> chunks) throws Exception {
        List<InputFile> files = new ArrayList<>();
        chunks.forEachRemaining(files::addAll);
        return pool.value().with(counters::modelLoaded, (run, scratch) -> {
            Map<String, String> errors = new HashMap<>();
            List<InputSource> sources = files.stream()
                    .map(f -> new InputSource(f, run.inputs()::load, hadoop, scratch.resolve("in"), errors)).toList();
            List<Row> rows = new ArrayList<>();
            for (NoveltyRun.Scored s : run.score(sources, n -> { })) {
                counters.done(s.scored());
                if (!s.scored()) {
                    counters.skipped(s.error());
                }
                rows.add(NoveltyTable.row(s));
            }
            return rows.iterator();
        });
    }
}
