package org.explain4j.spark.job;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.explain4j.spark.io.InputFile;
import org.explain4j.spark.report.NoveltyTable;
import org.explain4j.spark.report.ResultsTable;

/**
 * The driver's side of a distributed novelty run: the listed inputs cut into partitions of whole batches (so every input
 * is scored in the batch the single-machine {@code novelty-score} gives it), scored on the executors, the rows written as
 * one Parquet table. The detector folder's files go out with {@code SparkContext.addFile}.
 */
public final class NoveltyJob {

    private NoveltyJob() {
    }

    public static ExplainImagesJob.Outcome run(SparkSession spark, int batch, long maxPixels, List<InputFile> files, String out,
                                               Map<String, String> hadoop, int partitions, java.util.function.LongConsumer progress) {
        long start = System.nanoTime();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<List<InputFile>> chunks = ExplainImagesJob.chunks(files, batch, partitions);
        Broadcast<DetectorPool> pool = sc.broadcast(new DetectorPool(batch, maxPixels));
        JobCounters counters = new JobCounters(sc.sc());
        ExplainImagesJob.TaskProgress listener = new ExplainImagesJob.TaskProgress(counters, progress);
        sc.sc().addSparkListener(listener);
        String table = out.replaceAll("/+$", "") + "/" + ResultsTable.FILE;
        try {
            JavaRDD<Row> rows = sc.parallelize(chunks, Math.max(1, chunks.size())).mapPartitions(new NoveltyPartition(pool, hadoop, counters));
            spark.createDataFrame(rows, NoveltyTable.SCHEMA).write().mode(SaveMode.Overwrite).parquet(table);
        } finally {
            sc.sc().removeSparkListener(listener);
            pool.destroy();
        }
        return new ExplainImagesJob.Outcome(counters.explained(), counters.skipped(), table, (System.nanoTime() - start) / 1e9,
                counters.loads(), counters.loadSeconds());
    }
}
