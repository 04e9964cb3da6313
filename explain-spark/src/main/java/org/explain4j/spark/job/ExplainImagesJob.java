package org.explain4j.spark.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.explain4j.spark.io.InputFile;
import org.explain4j.spark.report.ResultsTable;

/**
 * A distributed explain run: the listed inputs cut into partitions, each explained by {@link ExplainPartition} on some
 * executor, the rows one Parquet table ({@link ResultsTable}).
 *
 * <p>A partition holds a whole number of batches of the input order, so the runner meets the same batches a
 * single-machine run of the same inputs meets (the maps are then byte-identical, whatever the kernels do with a batch's
 * size). The model file goes out with {@code SparkContext.addFile} (and is loaded by the executor's {@link ModelPool}).
 */
public final class ExplainImagesJob {

    private ExplainImagesJob() {
    }

    /**
     * @param files      the inputs, sorted, with their folders
     * @param partitions how many partitions to aim for (rounded so each holds whole batches)
     * @param progress   told the count of inputs done after every finished task
     */
    public static PartitionJob.Outcome run(SparkSession spark, ExplainSettings settings, List<InputFile> files, int partitions,
                                           java.util.function.LongConsumer progress) {
        List<List<InputFile>> chunks = chunks(files, settings.batch(), partitions);
        return PartitionJob.run(spark, new ModelPool(settings.model()), chunks, chunks.size(),
                (pool, counters) -> new ExplainPartition(pool, settings, counters), ResultsTable.SCHEMA, settings.out(), progress);
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
}
