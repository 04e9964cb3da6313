package org.explain4j.spark.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.explain4j.cli.Arguments;
import org.explain4j.cli.Command;
import org.explain4j.cli.ExplainCli;
import org.explain4j.cli.MethodArguments;
import org.explain4j.cli.UsageException;

/**
 * {@code explain spark}: the folder run across a Spark cluster, or across the cores of one machine with
 * {@code --master local[N]} (the default, {@code local[*]}, needs no cluster).
 */
public final class SparkCommand implements Command {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public String summary() {
        return "images (explain), a SEG-Y survey's inlines (section) or novelty scores (novelty) across Apache Spark (local[*] by default)";
    }

    @Override
    public String syntax() {
        return "explain|section|novelty [options]";
    }

    @Override
    public String footer() {
        return """
                explain: every image (PNG, JPEG, BMP, GIF, .npy) below --input, answered as 'explain recognition explain'
                answers it (the same method options, the same questions: "Why P?", "Why P, rather than Q?" with Q the
                runner-up or each --rather, "Why not P with full confidence?" with --not-fully), the same files in the
                same folders of --out, plus results.parquet: one row per input (explained or skipped with its reason,
                the prediction, every question's map range and files). --input and --out take local paths (every
                executor must see them: one machine, or a shared mount), file:, hdfs: or s3a: URIs; --input also globs
                (hdfs:///photos/*/day-?/). The model file is shipped to the executors and loaded once per task slot.

                section: every inline of an inline-sorted SEG-Y survey (or --inlines A-B) explained as 'explain seismic
                section --segy FILE --inline N' explains it (--why, --rather, --not-fully, --stride, --batch, the method
                options), into --out/inline-N/, plus results.parquet (one row per inline). The executors find the inlines
                (each reads its own quarter-gigabyte ranges of trace headers) and read each inline as one byte range: no
                machine reads the whole survey.

                novelty: every image (or [C,28,28] .npy array) below --input scored by a saved novelty detector
                (--detector DIR, from 'explain recognition novelty --save-detectors') as 'explain recognition
                novelty-score' scores it: results.parquet, one row per input with its reconstruction error, per
                decoder weight the gradient's norm and cosines, and every score.

                On a cluster: the jar from 'mvn -pl explain-spark -am -Pcluster-jar -DskipTests package' with spark-submit
                (docs/SPARK.md):
                  spark-submit --class org.explain4j.spark.cli.SparkMain --master yarn \\
                    explain-spark/target/explain-spark-cluster.jar spark explain --model net.fb \\
                    --input hdfs:///photos --out hdfs:///explanations

                Examples:
                  explain spark explain --model models/signs.fb --input data/signs/test --out out/signs
                  explain spark explain --master local[2] --model net.onnx --labels labels.txt --input 'photos/*.jpg' --out out
                  explain spark section --segy survey.sgy --inlines 100-140 --rather salt_dome --out out/sections
                """;
    }

    /** Spark settings and contrasts may be repeated. */
    @Override
    public Set<String> repeatable() {
        return Set.of("conf", "rather");
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("master").hasArg().argName("URL")
                .desc("Spark master (default: spark-submit's, else local[*]: every core of this machine)").build());
        o.addOption(Option.builder().longOpt("conf").hasArg().argName("KEY=VALUE").desc("a Spark setting, repeatable").build());
        o.addOption(Option.builder().longOpt("partitions").hasArg().argName("N")
                .desc("partitions to cut the inputs into (default 4 per core of the cluster; each holds whole batches)").build());
        o.addOption(Option.builder().longOpt("model").hasArg().argName("FILE")
                .desc("model file on the driver (.fb SameDiff with its .card.json, .onnx, DL4J .zip, Keras .h5); explain: required; "
                        + "section: default models/seismic.fb when trained here, else the shipped seismic classifier").build());
        o.addOption(Option.builder().longOpt("labels").hasArg().argName("FILE").desc("class names, one per line").build());
        o.addOption(Option.builder().longOpt("input").hasArg().argName("DIR|URI|GLOB").desc("explain, novelty: the images").build());
        o.addOption(Option.builder().longOpt("detector").hasArg().argName("DIR")
                .desc("novelty: a detector saved by 'explain recognition novelty --save-detectors'").build());
        o.addOption(Option.builder().longOpt("segy").hasArg().argName("FILE|URI").desc("section: the SEG-Y survey (inline-sorted)").build());
        o.addOption(Option.builder().longOpt("inlines").hasArg().argName("A-B").desc("section: the inlines to explain (default all)").build());
        o.addOption(Option.builder().longOpt("why").hasArg().argName("P").desc("section: the class P (default: each window's predicted one)").build());
        o.addOption(Option.builder().longOpt("stride").hasArg().argName("N").desc("section: window step in traces and samples (default 8)").build());
        o.addOption(Option.builder().longOpt("endian").hasArg().argName("big|little").desc("section: byte order (default: detected)").build());
        o.addOption(Option.builder().longOpt("iline-byte").hasArg().argName("B").desc("section: inline number's trace-header byte (default 189)").build());
        o.addOption(Option.builder().longOpt("xline-byte").hasArg().argName("B").desc("section: crossline number's trace-header byte (default 193)").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR|URI").required().desc("output folder").build());
        o.addOption(Option.builder().longOpt("layer").hasArg().argName("NAME").desc("layer to explain (default: the model's)").build());
        o.addOption(Option.builder().longOpt("rather").hasArg().argName("Q").desc("a contrast class, repeatable (default the runner-up)").build());
        o.addOption(Option.builder().longOpt("not-fully").desc("add \"Why not P with full confidence?\"").build());
        o.addOption(Option.builder().longOpt("batch").hasArg().argName("N").desc("batch size (explain: default 16; section: windows, default 32; novelty: default 64)").build());
        o.addOption(Option.builder().longOpt("overwrite").desc("redo images whose results exist").build());
        o.addOption(Arguments.pixelLimitOption());
        MethodArguments.options().getOptions().forEach(o::addOption);
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new UsageException("name an action: explain, section or novelty (see explain spark --help)");
        }
        CommandLine line = ExplainCli.parse(this, Arrays.copyOfRange(args, 1, args.length));
        return switch (args[0]) {
            case "explain" -> SparkExplainAction.run(line, out, err);
            case "section" -> SparkSectionAction.run(line, out, err, "explain spark " + String.join(" ", args));
            case "novelty" -> SparkNoveltyAction.run(line, out, err);
            default -> throw new UsageException("unknown action '" + args[0] + "'; spark has: explain, section, novelty");
        };
    }

    /** A local --input must be a folder (a URI or a glob is listed later), a local --out a folder that takes files. */
    static void checkLocations(String input, String outDir) {
        if (org.explain4j.spark.io.InputListing.isLocal(input) && !Files.isDirectory(Path.of(input))) {
            throw new UsageException("--input " + input + " is not a folder (give a folder, a URI or a glob)");
        }
        if (org.explain4j.spark.io.InputListing.isLocal(outDir)) {
            Arguments.outputFolder(Path.of(outDir));
        }
    }

    static Path existingFile(CommandLine line, String option) {
        Path p = Path.of(line.getOptionValue(option));
        if (!Files.isRegularFile(p)) {
            throw new UsageException("--" + option + " " + p + ": no such file");
        }
        return p;
    }
}
