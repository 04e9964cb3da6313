package org.explain4j.spark.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.explain4j.spark.io.InputFile;
import org.explain4j.spark.report.ResultsTable;

/**
 * The driver's side of a distributed explain run: the listed inputs cut into partitions, each partition explained by
 * {@link ExplainPartition} on some executor, and the rows written as one Parquet table ({@link ResultsTable}).
 *
 * <p>A partition holds a whole number of batches of the input order, so the runner meets the same batches a
 * single-machine run of the same inputs meets (the maps are then byte-identical, whatever the kernels do with a batch's
 * size). The model file goes out with {@code SparkContext.addFile} (and is loaded by the executor's {@link ModelPool}).
 */
public final class ExplainImagesJob {

    /**
     * What the run did: inputs explained and skipped (with reasons), the table's location, the wall time, and how often
     * the executors loaded the model (once per task slot that ran a partition) and how long that took in all.
     */
    public record Outcome(long explained, List<String> skipped, String table, double seconds, long modelLoads, double modelLoadSeconds) {
    }

    private ExplainImagesJob() {
    }

    /**
     * @param files      the inputs, sorted, with their folders
     * @param partitions how many partitions to aim for (rounded so each holds whole batches)
     * @param progress   told the count of inputs done after every finished task
     */
    public static Outcome run(SparkSession spark, ExplainSettings settings, List<InputFile> files, int partitions,
                              java.util.function.LongConsumer progress) {
        long start = System.nanoTime();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<List<InputFile>> chunks = chunks(files, settings.batch(), partitions);
        Broadcast<ModelPool> pool = sc.broadcast(new ModelPool(settings.model()));
        JobCounters counters = new JobCounters(sc.sc());
        TaskProgress listener = new TaskProgress(counters, progress);
        sc.sc().addSparkListener(listener);
        String table = settings.out().replaceAll("/+$", "") + "/" + ResultsTable.FILE;
        try {
            JavaRDD<Row> rows = sc.parallelize(chunks, Math.max(1, chunks.size())).mapPartitions(new ExplainPartition(pool, settings, counters));
            Dataset<Row> results = spark.createDataFrame(rows, ResultsTable.SCHEMA);
            results.write().mode(SaveMode.Overwrite).parquet(table);
        } finally {
            sc.sc().removeSparkListener(listener);
            pool.destroy();
        }
        return new Outcome(counters.explained(), counters.skipped(), table, (System.nanoTime() - start) / 1e9, counters.loads(),
                counters.loadSeconds());
    }

    /** Consecutive runs of the input order, each a whole number of batches, about {@code partitions} of them. */
    static List<List<InputFile>> chunks(List<InputFile> files, int batch, int partitions) {
        long batches = (files.size() + batch - 1) / batch;
        long perChunk = Math.max(1, (batches + partitions - 1) / Math.max(1, partitions)) * batch;
        List<List<InputFile>> chunks = new ArrayList<>();
        for (int i = 0; i < files.size(); i += (int) perChunk) {
            chunks.add(List.copyOf(files.subList(i, (int) Math.min(files.size(), i + perChunk))));
        }
        return chunks;
    }

    /** Spark's listener, turned into "so many inputs done": the accumulator's driver value is merged before a task's end is posted. */
    static final class TaskProgress extends org.apache.spark.scheduler.SparkListener {
        private final JobCounters counters;
        private final java.util.function.LongConsumer progress;

        TaskProgress(JobCounters counters, java.util.function.LongConsumer progress) {
            this.counters = counters;
            this.progress = progress;
        }

        @Override
        public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd taskEnd) {
            progress.accept(counters.done());
        }
    }
}
