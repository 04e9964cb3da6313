package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.explain4j.datasets.iqa.Kadid10kReader;
import org.explain4j.datasets.iqa.QualitySample;
import org.explain4j.datasets.iqa.Tid2013Reader;
import org.explain4j.datasets.quality.QualityDistortions;
import org.explain4j.iqa.data.SyntheticQualitySet;
import org.explain4j.iqa.train.QualityTrainer;

/** {@code explain iqa <action>}: the image-quality data and models (issue 4 in progress: generate, train). */
final class IqaCommand implements Command {

    @Override
    public String name() {
        return "iqa";
    }

    @Override
    public String summary() {
        return "image quality: generate | train (DIQaM-NR, SROCC/PLCC) | explain | figure (\"Why s, rather than t?\")";
    }

    @Override
    public String syntax() {
        return "<generate|train|explain|figure> [options]";
    }

    @Override
    public String footer() {
        return """
                Actions:
                  generate  --out DIR [--references N] [--size WxH] [--seed N]: synthetic set in the KADID-10k layout
                  train     --data-dir DIR [--format kadid|tid2013] [--model FILE] [--width X] [--epochs N]
                            [--batch N] [--lr X] [--test-fraction X] [--seed N]
                  explain   --input IMG [--model FILE] [--rather T]... [--stride N] [--out DIR]: "Why s?" and
                            "Why s, rather than T?" maps over the whole image (sliding window, default stride 4)
                  figure    --input IMG [--input IMG]... [--model FILE] [--stride N] [--out DIR]: the talk's table,
                            columns Why s?, rather than 1, 0.75, 0.5, 0.25
                Scores map to [0,1]: KADID DMOS (d - 1) / 4, TID2013 MOS m / 9.
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("output folder (generate: required)").build());
        o.addOption(Option.builder().longOpt("references").hasArg().argName("N").desc("generate: reference scenes (default 30)").build());
        o.addOption(Option.builder().longOpt("size").hasArg().argName("WxH").desc("generate: image size (default 128x96)").build());
        o.addOption(Option.builder().longOpt("data-dir").hasArg().argName("DIR").desc("train: data folder").build());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("NAME").desc("train: kadid (default; also the synthetic set) or tid2013").build());
        o.addOption(Option.builder().longOpt("model").hasArg().argName("FILE").desc("model file: written by train, read by explain and figure (default models/iqa.fb)").build());
        o.addOption(Option.builder().longOpt("width").hasArg().argName("X").desc("train: width multiplier in (0,1] (default 0.25)").build());
        o.addOption(Option.builder().longOpt("epochs").hasArg().argName("N").desc("train: epochs (default 10)").build());
        o.addOption(Option.builder().longOpt("batch").hasArg().argName("N").desc("train: batch size (default 64)").build());
        o.addOption(Option.builder().longOpt("lr").hasArg().argName("X").desc("train: Adam learning rate (default 1e-3)").build());
        o.addOption(Option.builder().longOpt("test-fraction").hasArg().argName("X").desc("train: share of references held out (default 0.2)").build());
        o.addOption(Option.builder().longOpt("input").hasArg().argName("IMG").desc("explain, figure: an image; figure: repeatable").build());
        o.addOption(Option.builder().longOpt("rather").hasArg().argName("T").desc("explain: a target score; repeatable").build());
        o.addOption(Option.builder().longOpt("stride").hasArg().argName("N").desc("explain, figure: window stride in pixels (default 4)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("N").desc("seed (default 1)").build());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new UsageException("name an action: generate, train, explain or figure (see explain iqa --help)");
        }
        CommandLine line = ExplainCli.parse(this, Arrays.copyOfRange(args, 1, args.length));
        return switch (args[0]) {
            case "generate" -> generate(line, out, err);
            case "train" -> train(line, out, err);
            case "explain" -> IqaExplainAction.explain(line, out);
            case "figure" -> IqaExplainAction.figure(line, out);
            default -> throw new UsageException("unknown action '" + args[0] + "'; actions: generate, train, explain, figure");
        };
    }

    private int generate(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (!line.hasOption("out")) {
            throw new UsageException("missing required option --out");
        }
        int refs = Arguments.positiveInt(line, "references", 30);
        String size = line.getOptionValue("size", "128x96");
        if (!size.matches("\\d+x\\d+")) {
            throw new UsageException("--size " + size + ": expected WIDTHxHEIGHT, e.g. 128x96");
        }
        int w = Integer.parseInt(size.split("x")[0]);
        int h = Integer.parseInt(size.split("x")[1]);
        if (w < QualityTrainer.PATCH || h < QualityTrainer.PATCH) {
            throw new UsageException("--size must be at least 32x32 (one patch)");
        }
        if (refs > 99) {
            throw new UsageException("--references must be at most 99");
        }
        Path dir = Path.of(line.getOptionValue("out"));
        int n;
        try (ProgressBar bar = Progress.bar("images", (long) refs * QualityDistortions.NAMES.size() * 5, err)) {
            n = SyntheticQualitySet.write(dir, refs, w, h, Arguments.longValue(line, "seed", 1), (d, t) -> bar.stepTo(d));
        }
        out.printf(Locale.ROOT, "wrote %d references and %d distorted images to %s (KADID-10k layout)%n", refs, n, dir);
        return ExplainCli.OK;
    }

    private int train(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (!line.hasOption("data-dir")) {
            throw new UsageException("missing required option --data-dir");
        }
        Path dir = Path.of(line.getOptionValue("data-dir"));
        if (!Files.isDirectory(dir)) {
            throw new UsageException("data folder not found: " + dir + " (bin/explain iqa generate --out " + dir + " writes one)");
        }
        String format = line.getOptionValue("format", "kadid");
        List<QualitySample> samples = switch (format) {
            case "kadid" -> Kadid10kReader.read(dir);
            case "tid2013" -> Tid2013Reader.read(dir);
            default -> throw new UsageException("--format " + format + ": expected kadid or tid2013");
        };
        double width = Arguments.doubleValue(line, "width", 0.25);
        if (!(width > 0 && width <= 1)) {
            throw new UsageException("--width must lie in (0, 1]");
        }
        double testFraction = Arguments.doubleValue(line, "test-fraction", 0.2);
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new UsageException("--test-fraction must lie in (0, 1)");
        }
        Path model = Path.of(line.getOptionValue("model", "models/iqa.fb"));
        QualityTrainer.Options o = new QualityTrainer.Options(width, Arguments.positiveInt(line, "epochs", 10),
                Arguments.positiveInt(line, "batch", 64), Arguments.doubleValue(line, "lr", 1e-3), testFraction,
                Arguments.longValue(line, "seed", 1));
        ProgressBar[] bar = new ProgressBar[1];
        int[] epochSeen = {0};
        QualityTrainer.Result r;
        try {
            r = QualityTrainer.train(samples, format.equals("tid2013") ? m -> m / 9 : m -> (m - 1) / 4, o, (epoch, b, n, loss) -> {
                if (epoch != epochSeen[0]) {
                    if (bar[0] != null) {
                        bar[0].close();
                    }
                    bar[0] = Progress.bar("epoch " + epoch, n, err);
                    epochSeen[0] = epoch;
                }
                bar[0].step();
                bar[0].setExtraMessage(String.format(Locale.ROOT, "MAE %.3f", loss));
            });
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        r.model().save(model);
        out.printf(Locale.ROOT, "# held-out references %s: SROCC %.4f, PLCC %.4f over %d images%n%n", r.testReferences(),
                r.overall().srocc(), r.overall().plcc(), r.overall().images());
        out.println("| distortion | images | SROCC | PLCC |\n|---|---:|---:|---:|");
        for (QualityTrainer.Agreement a : r.perDistortion()) {
            int d = Integer.parseInt(a.group().replaceAll("\\D", ""));
            String name = format.equals("kadid") && d <= QualityDistortions.NAMES.size() && line.getOptionValue("data-dir") != null
                    ? a.group() + " (" + QualityDistortions.NAMES.get(d - 1) + " if synthetic)" : a.group();
            out.printf(Locale.ROOT, "| %s | %d | %.4f | %.4f |%n", name, a.images(), a.srocc(), a.plcc());
        }
        out.printf(Locale.ROOT, "%ntraining MAE per epoch: %s%nmodel: %s (with its card)%n", r.epochLoss().stream()
                .map(v -> String.format(Locale.ROOT, "%.4f", v)).toList(), model);
        return ExplainCli.OK;
    }
}
