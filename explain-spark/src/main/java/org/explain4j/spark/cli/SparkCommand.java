package org.explain4j.spark.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
        return "explain a folder, URI or glob of images with Apache Spark (local[*] by default): bin/explain's files plus a Parquet table";
    }

    @Override
    public String syntax() {
        return "explain --model FILE --input DIR|URI|GLOB --out DIR|URI [options]";
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

                On a cluster: the jar from 'mvn -pl explain-spark -am -Pcluster-jar -DskipTests package' with spark-submit
                (docs/SPARK.md):
                  spark-submit --class org.explain4j.spark.cli.SparkMain --master yarn \\
                    explain-spark/target/explain-spark-cluster.jar spark explain --model net.fb \\
                    --input hdfs:///photos --out hdfs:///explanations

                Examples:
                  explain spark explain --model models/signs.fb --input data/signs/test --out out/signs
                  explain spark explain --master local[2] --model net.onnx --labels labels.txt --input 'photos/*.jpg' --out out
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("master").hasArg().argName("URL")
                .desc("Spark master (default: spark-submit's, else local[*]: every core of this machine)").build());
        o.addOption(Option.builder().longOpt("conf").hasArg().argName("KEY=VALUE").desc("a Spark setting, repeatable").build());
        o.addOption(Option.builder().longOpt("partitions").hasArg().argName("N")
                .desc("partitions to cut the inputs into (default 4 per core of the cluster; each holds whole batches)").build());
        o.addOption(Option.builder().longOpt("model").hasArg().argName("FILE").required()
                .desc("model file on the driver (.fb SameDiff with its .card.json, .onnx, DL4J .zip, Keras .h5)").build());
        o.addOption(Option.builder().longOpt("labels").hasArg().argName("FILE").desc("class names, one per line").build());
        o.addOption(Option.builder().longOpt("input").hasArg().argName("DIR|URI|GLOB").required().desc("the images").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR|URI").required().desc("output folder").build());
        o.addOption(Option.builder().longOpt("layer").hasArg().argName("NAME").desc("layer to explain (default: the model's)").build());
        o.addOption(Option.builder().longOpt("rather").hasArg().argName("Q").desc("a contrast class, repeatable (default the runner-up)").build());
        o.addOption(Option.builder().longOpt("not-fully").desc("add \"Why not P with full confidence?\"").build());
        o.addOption(Option.builder().longOpt("batch").hasArg().argName("N").desc("batch size (default 16)").build());
        o.addOption(Option.builder().longOpt("overwrite").desc("redo images whose results exist").build());
        o.addOption(Arguments.pixelLimitOption());
        MethodArguments.options().getOptions().forEach(o::addOption);
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new UsageException("name an action: explain (see explain spark --help)");
        }
        CommandLine line = ExplainCli.parse(this, Arrays.copyOfRange(args, 1, args.length));
        return switch (args[0]) {
            case "explain" -> SparkExplainAction.run(line, out, err);
            default -> throw new UsageException("unknown action '" + args[0] + "'; spark has: explain");
        };
    }

    static Path existingFile(CommandLine line, String option) {
        Path p = Path.of(line.getOptionValue(option));
        if (!Files.isRegularFile(p)) {
            throw new UsageException("--" + option + " " + p + ": no such file");
        }
        return p;
    }
}
