package org.explain4j.spark.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.cli.CommandLine;
import org.apache.spark.sql.SparkSession;
import org.explain4j.cli.Arguments;
import org.explain4j.cli.MethodArguments;
import org.explain4j.cli.Progress;
import org.explain4j.cli.RecognitionInputs;
import org.explain4j.cli.UsageException;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.io.ModelInputs;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.report.ReportWriter;
import org.explain4j.spark.io.InputFile;
import org.explain4j.spark.io.InputListing;
import org.explain4j.spark.io.ResultStore;
import org.explain4j.spark.job.PartitionJob;
import org.explain4j.spark.job.ExplainImagesJob;
import org.explain4j.spark.job.ExplainSettings;
import org.explain4j.spark.job.ModelShipment;

/**
 * {@code explain spark explain}: everything is checked on the driver as bin/explain checks it (the model loads, the
 * method builds, the classes exist, the input lists) before Spark starts a task, so a mistake is one line and exit
 * status 2; then {@link ExplainImagesJob} runs and the summary comes out as the folder run prints it.
 */
final class SparkExplainAction {

    private SparkExplainAction() {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (!line.hasOption("model") || !line.hasOption("input")) {
            throw new UsageException("spark explain needs --model FILE and --input DIR|URI|GLOB");
        }
        Path modelFile = SparkCommand.existingFile(line, "model");
        Path labels = line.hasOption("labels") ? SparkCommand.existingFile(line, "labels") : null;
        String input = line.getOptionValue("input");
        String outDir = line.getOptionValue("out");
        SparkCommand.checkLocations(input, outDir);
        ExplainableModel model = RecognitionInputs.model(line, modelFile);
        if (!model.isClassifier()) {
            throw new UsageException("spark explain needs a classifier; " + modelFile + " is a regressor");
        }
        MethodSpec spec = MethodArguments.spec(line, MethodArguments.layer(line, model, modelFile));
        MethodArguments.create(spec, new GradientEngine(model));
        List<Integer> rather = new ArrayList<>();
        for (String r : line.getOptionValues("rather") == null ? new String[0] : line.getOptionValues("rather")) {
            rather.add(RecognitionInputs.classOf(model, r, "--rather"));
        }
        int batch = Arguments.positiveInt(line, "batch", 16);
        long maxPixels = Arguments.pixelLimit(line).maxPixels();
        Map<String, String> sparkConf = sparkConf(line);
        try (SparkSession spark = SparkSessions.start(line.getOptionValue("master"), sparkConf)) {
            Map<String, String> hadoop = new HashMap<>();
            spark.sparkContext().hadoopConfiguration().forEach(e -> hadoop.put(e.getKey(), e.getValue()));
            List<InputFile> files = list(input, outDir, hadoop);
            ResultStore store = ResultStore.of(outDir, hadoop, null);
            if (InputListing.isLocal(outDir)) {
                int leftovers = OutputStaging.removeLeftovers(Path.of(outDir), Integer.MAX_VALUE);
                if (leftovers > 0) {
                    err.println("removed " + leftovers + " half-written file(s) or folder(s) of an interrupted run from " + outDir);
                }
            }
            List<InputFile> todo = new ArrayList<>();
            for (InputFile f : files) {
                if (line.hasOption("overwrite") || !store.exists(f.folder(), ReportWriter.REPORT)) {
                    todo.add(f);
                }
            }
            spark.sparkContext().addFile(modelFile.toAbsolutePath().toString());
            Path card = ExplainableModel.cardPathFor(modelFile);
            if (Files.isRegularFile(card)) {
                spark.sparkContext().addFile(card.toAbsolutePath().toString());
            }
            if (labels != null) {
                spark.sparkContext().addFile(labels.toAbsolutePath().toString());
            }
            ExplainSettings settings = new ExplainSettings(new ModelShipment(modelFile.getFileName().toString(),
                    labels == null ? null : labels.getFileName().toString(), spec, maxPixels), modelFile.toString(), rather,
                    line.hasOption("not-fully"), batch, outDir, hadoop);
            int partitions = line.hasOption("partitions") ? Arguments.positiveInt(line, "partitions", 1)
                    : 4 * spark.sparkContext().defaultParallelism();
            err.printf(Locale.ROOT, "spark: %d images, %d to explain, on %s (%d task slots)%n", files.size(), todo.size(),
                    spark.sparkContext().master(), spark.sparkContext().defaultParallelism());
            PartitionJob.Outcome outcome;
            try (ProgressBar bar = Progress.bar("explaining", todo.size(), err)) {
                outcome = ExplainImagesJob.run(spark, settings, todo, partitions, bar::stepTo);
            }
            out.printf(Locale.ROOT, "explained %d images in %.1f s (%.1f images/s end to end) into %s%n", outcome.explained(),
                    outcome.seconds(), outcome.explained() / Math.max(outcome.seconds(), 1e-9), outDir);
            if (files.size() > todo.size()) {
                out.println("kept " + (files.size() - todo.size()) + " existing results (--overwrite redoes them)");
            }
            SparkSummary.print(outcome, "model", "unreadable file(s)", out, err);
        }
        return org.explain4j.cli.ExplainCli.OK;
    }

    private static List<InputFile> list(String input, String outDir, Map<String, String> hadoop) throws java.io.IOException {
        List<InputFile> files = InputListing.list(input, ResultStore.configuration(hadoop), ModelInputs::takes, outDir);
        if (files.isEmpty()) {
            throw new UsageException("no images (" + String.join(" ", ModelInputs.SUFFIXES) + ") under --input " + input);
        }
        return files;
    }

    static Map<String, String> sparkConf(CommandLine line) {
        Map<String, String> conf = new HashMap<>();
        for (String kv : line.getOptionValues("conf") == null ? new String[0] : line.getOptionValues("conf")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--conf " + kv + ": give KEY=VALUE (e.g. spark.executor.memory=8g)");
            }
            conf.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return conf;
    }
}
