package org.explain4j.spark.job;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.explain4j.spark.report.ResultsTable;

/**
 * The driver's side every job shares: the executors' pool broadcast, the counters and the progress listener set up,
 * the slices dealt out to partitions, each partition's rows written as one Parquet table in --out, and what happened
 * gathered from the accumulators (the table is never read back).
 */
public final class PartitionJob {

    /**
     * What the run did: inputs done and skipped (with reasons), the table's location, the wall time, and how often the
     * executors loaded their model (once per task slot that ran a partition) and how long that took in all.
     */
    public record Outcome(long explained, List<String> skipped, String table, double seconds, long modelLoads, double modelLoadSeconds) {
    }

    private PartitionJob() {
    }

    /**
     * @param slices    what the partitions work on, in order
     * @param numSlices how many partitions to deal them into
     * @param partition the work of one partition, given the broadcast pool and the counters
     * @param progress  told the count of inputs done after every finished task
     */
    public static <S, P extends ExecutorPool<?>> Outcome run(SparkSession spark, P pool, List<S> slices, int numSlices,
                                                           BiFunction<Broadcast<P>, JobCounters, FlatMapFunction<java.util.Iterator<S>, Row>> partition,
                                                           StructType schema, String out, LongConsumer progress) {
        long start = System.nanoTime();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<P> shipped = sc.broadcast(pool);
        JobCounters counters = new JobCounters(sc.sc());
        TaskProgress listener = new TaskProgress(counters, progress);
        sc.sc().addSparkListener(listener);
        String table = out.replaceAll("/+$", "") + "/" + ResultsTable.FILE;
        try {
            var rows = sc.parallelize(new ArrayList<>(slices), Math.max(1, numSlices)).mapPartitions(partition.apply(shipped, counters));
            spark.createDataFrame(rows, schema).write().mode(SaveMode.Overwrite).parquet(table);
        } finally {
            sc.sc().removeSparkListener(listener);
            shipped.destroy();
        }
        return new Outcome(counters.explained(), counters.skipped(), table, (System.nanoTime() - start) / 1e9, counters.loads(),
                counters.loadSeconds());
    }

    /** Spark's listener, turned into "so many inputs done": the accumulators' driver values are merged before a task's end is posted. */
    private static final class TaskProgress extends SparkListener {
        private final JobCounters counters;
        private final LongConsumer progress;

        TaskProgress(JobCounters counters, LongConsumer progress) {
            this.counters = counters;
            this.progress = progress;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
            progress.accept(counters.done());
        }
    }
}
