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
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.explain4j.cli.Arguments;
import org.explain4j.cli.Progress;
import org.explain4j.cli.SeismicCommand;
import org.explain4j.cli.SeismicModels;
import org.explain4j.cli.UsageException;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ShippedModel;
import org.explain4j.datasets.segy.SegyFile;
import org.explain4j.datasets.segy.SegyLayout;
import org.explain4j.seismic.nets.SeismicNet;
import org.explain4j.spark.io.InputListing;
import org.explain4j.spark.io.RangeReader;
import org.explain4j.spark.job.PartitionJob;
import org.explain4j.spark.job.ExplainSectionsJob;
import org.explain4j.spark.job.GeometryScan;
import org.explain4j.spark.job.ModelShipment;
import org.explain4j.spark.job.SectionSettings;

/**
 * {@code explain spark section}: a SEG-Y survey's inlines explained across Spark, each as {@code bin/explain seismic
 * section --segy F --inline N} explains it. The driver reads the survey's headers and checks the options as bin/explain
 * does; the executors find the inlines ({@link GeometryScan}) and explain them, each reading only its byte ranges.
 */
final class SparkSectionAction {

    private SparkSectionAction() {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err, String command) throws Exception {
        if (!line.hasOption("segy") || line.hasOption("input")) {
            throw new UsageException("spark section takes --segy FILE (an inline-sorted SEG-Y survey), not --input");
        }
        String segy = line.getOptionValue("segy");
        String outDir = line.getOptionValue("out");
        if (InputListing.isLocal(outDir)) {
            Arguments.outputFolder(Path.of(outDir));
        }
        // A local survey's headers are read before Spark starts; a URI's once Spark's Hadoop settings are known.
        SegyLayout local = InputListing.isLocal(segy) ? layout(segy, line, null) : null;
        int[] wanted = inlines(line.getOptionValue("inlines"));
        SeismicModels models = SeismicModels.open(line);
        Integer why = line.hasOption("why") ? models.classOf(line.getOptionValue("why"), "--why") : null;
        List<Integer> rather = new ArrayList<>();
        for (String q : line.getOptionValues("rather") == null ? new String[0] : line.getOptionValues("rather")) {
            rather.add(models.classOf(q, "--rather"));
        }
        SeismicModels.SectionRun run = models.sectionRun(line);
        int stride = Arguments.positiveInt(line, "stride", 8);
        Path modelFile = Files.isRegularFile(models.file()) ? models.file() : ShippedModel.extract(SeismicNet.class, SeismicNet.SHIPPED_MODEL);
        try (SparkSession spark = SparkSessions.start(line.getOptionValue("master"), SparkExplainAction.sparkConf(line))) {
            Map<String, String> hadoop = new HashMap<>();
            spark.sparkContext().hadoopConfiguration().forEach(e -> hadoop.put(e.getKey(), e.getValue()));
            SegyLayout layout = local != null ? local : layout(segy, line, hadoop);
            List<GeometryScan.InlineRun> all = GeometryScan.scan(JavaSparkContext.fromSparkContext(spark.sparkContext()), segy, layout, hadoop);
            GeometryScan.checkRegular(all, segy);
            List<GeometryScan.InlineRun> todo = all.stream()
                    .filter(r -> wanted == null || (r.inline() >= wanted[0] && r.inline() <= wanted[1])).toList();
            if (todo.isEmpty()) {
                throw new UsageException("--inlines " + line.getOptionValue("inlines") + ": the survey's inlines run from "
                        + all.get(0).inline() + " to " + all.get(all.size() - 1).inline());
            }
            if (InputListing.isLocal(outDir)) {
                OutputStaging.removeLeftovers(Path.of(outDir), Integer.MAX_VALUE);
            }
            spark.sparkContext().addFile(modelFile.toAbsolutePath().toString());
            Path card = ExplainableModel.cardPathFor(modelFile);
            if (Files.isRegularFile(card)) {
                spark.sparkContext().addFile(card.toAbsolutePath().toString());
            }
            SectionSettings settings = new SectionSettings(new ModelShipment(modelFile.getFileName().toString(), null, run.spec(),
                    PixelLimit.DEFAULT.maxPixels()), models.name(), run.methodName(), run.spec().layer(), stride, run.batch(), why, rather,
                    line.hasOption("not-fully"), segy, new org.apache.hadoop.fs.Path(segy).getName(), layout, outDir, hadoop, command);
            int partitions = line.hasOption("partitions") ? Arguments.positiveInt(line, "partitions", 1)
                    : 4 * spark.sparkContext().defaultParallelism();
            err.printf(Locale.ROOT, "spark: %d inlines of %d traces x %d samples, %d to explain, on %s (%d task slots)%n", all.size(),
                    all.get(0).traces(), layout.samples(), todo.size(), spark.sparkContext().master(), spark.sparkContext().defaultParallelism());
            PartitionJob.Outcome outcome;
            try (ProgressBar bar = Progress.bar("inlines", todo.size(), err)) {
                outcome = ExplainSectionsJob.run(spark, settings, todo, partitions, bar::stepTo);
            }
            out.printf(Locale.ROOT, "explained %d of %d inlines in %.1f s into %s%n", outcome.explained(), todo.size(), outcome.seconds(), outDir);
            SparkSummary.print(outcome, "model", "inline(s)", out, err);
        }
        return org.explain4j.cli.ExplainCli.OK;
    }

    /** The survey's layout from its headers alone: a local file directly, a URI through Hadoop ({@code hadoop} not null). */
    private static SegyLayout layout(String segy, CommandLine line, Map<String, String> hadoop) {
        if (hadoop == null) {
            try (SegyFile f = SegyFile.open(Path.of(segy), SeismicCommand.options(line, false))) {
                return f.layout();
            }
        }
        RangeReader source;
        try {
            source = RangeReader.open(segy, hadoop);
        } catch (java.io.IOException e) {
            throw new UsageException("--segy " + segy + ": cannot open (" + org.explain4j.core.model.ModelLoadException.firstLine(e) + ")");
        }
        try (SegyFile f = SegyFile.open(segy, source, SeismicCommand.options(line, false))) {
            return f.layout();
        }
    }

    /** "A-B" or "N" as an inclusive range; null: every inline. */
    static int[] inlines(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            if (t.matches("-?\\d+")) {
                int n = Integer.parseInt(t);
                return new int[]{n, n};
            }
            if (t.matches("-?\\d+-\\d+")) {
                int dash = t.indexOf('-', 1);
                int a = Integer.parseInt(t.substring(0, dash));
                int b = Integer.parseInt(t.substring(dash + 1));
                if (a <= b) {
                    return new int[]{a, b};
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new UsageException("--inlines " + text + ": give an inline number or a range A-B with A <= B");
    }
}
