package org.explain4j.spark.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.cli.CommandLine;
import org.apache.spark.sql.SparkSession;
import org.explain4j.cli.Arguments;
import org.explain4j.cli.Progress;
import org.explain4j.cli.UsageException;
import org.explain4j.core.io.ModelInputs;
import org.explain4j.recognition.novelty.detector.NoveltyDetector;
import org.explain4j.spark.io.InputFile;
import org.explain4j.spark.io.InputListing;
import org.explain4j.spark.io.ResultStore;
import org.explain4j.spark.job.PartitionJob;
import org.explain4j.spark.job.NoveltyJob;

/**
 * {@code explain spark novelty}: a data set scored by a saved novelty detector across Spark, as {@code explain
 * recognition novelty-score} scores it on one machine; the features and scores go to one Parquet table.
 */
final class SparkNoveltyAction {

    private SparkNoveltyAction() {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (!line.hasOption("detector") || !line.hasOption("input")) {
            throw new UsageException("spark novelty needs --detector DIR (saved by recognition novelty --save-detectors) and --input DIR|URI|GLOB");
        }
        Path dir = Path.of(line.getOptionValue("detector"));
        NoveltyDetector detector = NoveltyDetector.load(dir);
        String input = line.getOptionValue("input");
        String outDir = line.getOptionValue("out");
        SparkCommand.checkLocations(input, outDir);
        int batch = Arguments.positiveInt(line, "batch", 64);
        long maxPixels = Arguments.pixelLimit(line).maxPixels();
        try (SparkSession spark = SparkSessions.start(line.getOptionValue("master"), SparkExplainAction.sparkConf(line))) {
            Map<String, String> hadoop = new HashMap<>();
            spark.sparkContext().hadoopConfiguration().forEach(e -> hadoop.put(e.getKey(), e.getValue()));
            List<InputFile> files = InputListing.list(input, ResultStore.configuration(hadoop), ModelInputs::takes, outDir);
            if (files.isEmpty()) {
                throw new UsageException("no images or .npy arrays under --input " + input);
            }
            for (String name : NoveltyDetector.files(detector.settings().sites().size())) {
                spark.sparkContext().addFile(dir.resolve(name).toAbsolutePath().toString());
            }
            int partitions = line.hasOption("partitions") ? Arguments.positiveInt(line, "partitions", 1)
                    : 4 * spark.sparkContext().defaultParallelism();
            err.printf(Locale.ROOT, "spark: %d inputs, the detector of inlier class %d (%s), on %s (%d task slots)%n", files.size(),
                    detector.settings().inlier(), detector.settings().data(), spark.sparkContext().master(),
                    spark.sparkContext().defaultParallelism());
            PartitionJob.Outcome outcome;
            try (ProgressBar bar = Progress.bar("scoring", files.size(), err)) {
                outcome = NoveltyJob.run(spark, batch, maxPixels, files, outDir, hadoop, partitions, bar::stepTo);
            }
            out.printf(Locale.ROOT, "scored %d of %d inputs in %.1f s into %s%n", outcome.explained(), files.size(), outcome.seconds(), outDir);
            SparkSummary.print(outcome, "detector", "unreadable file(s)", out, err);
        }
        return org.explain4j.cli.ExplainCli.OK;
    }
}
