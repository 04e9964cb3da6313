package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.explain4j.recognition.demo.ShapesDemo;

/** {@code explain demo}: the embedded default, end to end, with nothing to fetch. */
final class DemoCommand implements Command {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "the embedded default: train a small CNN on generated shapes and draw \"Why P, rather than Q?\" figures";
    }

    @Override
    public String footer() {
        return """
                Writes into --out: figure.png (Input | Why P? | Q1 | Why P, rather than Q1? | Q2 |
                Why P, rather than Q2? | Why not P with full confidence?, one row per class), figure.json,
                the figure's inputs as PNGs, and model.fb + model.card.json for 'explain core'.
                About a minute on 2 cores.
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("output folder (default: explanations/demo)").build());
        o.addOption(Option.builder().longOpt("epochs").hasArg().argName("N").desc("training epochs (default 6)").build());
        o.addOption(Option.builder().longOpt("train").hasArg().argName("N").desc("generated training images (default 3000)").build());
        o.addOption(Option.builder().longOpt("test").hasArg().argName("N").desc("generated test images (default 600)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("N").desc("seed of data, weights and batches (default 7)").build());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandLine line = ExplainCli.parse(this, args);
        Path outDir = Path.of(line.getOptionValue("out", "explanations/demo"));
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new UsageException("--out " + outDir + " exists and is not a folder");
        }
        int test = Arguments.positiveInt(line, "test", 600);
        if (test < 6) {
            throw new UsageException("--test must be at least 6 (one image per class)");
        }
        ShapesDemo.Settings settings = new ShapesDemo.Settings(Arguments.positiveInt(line, "train", 3000), test,
                Arguments.positiveInt(line, "epochs", 6), Arguments.longValue(line, "seed", 7));
        err.println("demo: generating " + settings.trainSize() + " training shapes and training a small CNN");
        ShapesDemo.Result r;
        ProgressBar[] bar = new ProgressBar[1];
        try {
            r = ShapesDemo.run(outDir, settings, (epoch, batch, batches, loss) -> {
                if (bar[0] == null) {
                    bar[0] = new ProgressBarBuilder().setTaskName("training").setInitialMax((long) batches * settings.epochs())
                            .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err)).build();
                }
                bar[0].step();
                bar[0].setExtraMessage(String.format(Locale.ROOT, "epoch %d loss %.3f", epoch, loss));
            });
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        out.printf(Locale.ROOT, "held-out accuracy %.1f%% on %d generated test shapes (loss per epoch: %s)%n",
                100 * r.testAccuracy(), settings.testSize(), r.epochLoss().stream()
                        .map(v -> String.format(Locale.ROOT, "%.3f", v)).toList());
        out.println("figure:      " + r.figure());
        out.println("description: " + r.json());
        out.println("model:       " + r.model() + "   (try: bin/explain core --model " + r.model() + " --input "
                + r.figure().resolveSibling("input-square.png") + " --rather diamond --out " + outDir.resolve("core") + ")");
        return ExplainCli.OK;
    }
}
