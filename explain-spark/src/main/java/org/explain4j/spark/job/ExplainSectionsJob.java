package org.explain4j.spark.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.explain4j.spark.report.ResultsTable;
import org.explain4j.spark.report.SectionsTable;

/**
 * The driver's side of a distributed section run: the inlines (found by {@link GeometryScan}) dealt out to partitions,
 * each explained by {@link SectionPartition}, the rows written as one Parquet table.
 */
public final class ExplainSectionsJob {

    private ExplainSectionsJob() {
    }

    public static ExplainImagesJob.Outcome run(SparkSession spark, SectionSettings settings, List<GeometryScan.InlineRun> inlines,
                                               int partitions, java.util.function.LongConsumer progress) {
        long start = System.nanoTime();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<ModelPool> pool = sc.broadcast(new ModelPool(settings.model()));
        JobCounters counters = new JobCounters(sc.sc());
        ExplainImagesJob.TaskProgress listener = new ExplainImagesJob.TaskProgress(counters, progress);
        sc.sc().addSparkListener(listener);
        String table = settings.out().replaceAll("/+$", "") + "/" + ResultsTable.FILE;
        try {
            JavaRDD<Row> rows = sc.parallelize(new ArrayList<>(inlines), Math.max(1, Math.min(partitions, inlines.size())))
                    .mapPartitions(new SectionPartition(pool, settings, counters));
            spark.createDataFrame(rows, SectionsTable.SCHEMA).write().mode(SaveMode.Overwrite).parquet(table);
        } finally {
            sc.sc().removeSparkListener(listener);
            pool.destroy();
        }
        return new ExplainImagesJob.Outcome(counters.explained(), counters.skipped(), table, (System.nanoTime() - start) / 1e9,
                counters.loads(), counters.loadSeconds());
    }
}
