package org.explain4j.spark.job;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.explain4j.spark.report.SectionsTable;

/** A distributed section run: the inlines (found by {@link GeometryScan}) dealt out to partitions, each explained by {@link SectionPartition}. */
public final class ExplainSectionsJob {

    private ExplainSectionsJob() {
    }

    public static PartitionJob.Outcome run(SparkSession spark, SectionSettings settings, List<GeometryScan.InlineRun> inlines,
                                           int partitions, java.util.function.LongConsumer progress) {
        return PartitionJob.run(spark, new ModelPool(settings.model()), inlines, Math.min(partitions, inlines.size()),
                (pool, counters) -> new SectionPartition(pool, settings, counters), SectionsTable.SCHEMA, settings.out(), progress);
    }
}
