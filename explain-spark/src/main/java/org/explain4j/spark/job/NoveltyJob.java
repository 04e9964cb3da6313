package org.explain4j.spark.job;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.explain4j.spark.io.InputFile;
import org.explain4j.spark.report.NoveltyTable;

/**
 * A distributed novelty run: the listed inputs cut into partitions of whole batches (so every input is scored in the
 * batch the single-machine {@code novelty-score} gives it), scored by {@link NoveltyPartition}. The detector folder's
 * files go out with {@code SparkContext.addFile}.
 */
public final class NoveltyJob {

    private NoveltyJob() {
    }

    public static PartitionJob.Outcome run(SparkSession spark, int batch, long maxPixels, List<InputFile> files, String out,
                                           Map<String, String> hadoop, int partitions, java.util.function.LongConsumer progress) {
        List<List<InputFile>> chunks = ExplainImagesJob.chunks(files, batch, partitions);
        return PartitionJob.run(spark, new DetectorPool(batch, maxPixels), chunks, chunks.size(),
                (pool, counters) -> new NoveltyPartition(pool, hadoop, counters), NoveltyTable.SCHEMA, out, progress);
    }
}
