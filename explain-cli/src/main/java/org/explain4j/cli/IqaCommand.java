package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.explain4j.datasets.quality.QualityDistortions;
import org.explain4j.iqa.data.SyntheticQualitySet;
import org.explain4j.iqa.train.QualityTrainer;

/** {@code explain iqa <action>}: the image-quality data, models and explanations; each action but generate lives in its own class. */
final class IqaCommand implements Command {

    @Override
    public String name() {
        return "iqa";
    }

    @Override
    public String summary() {
        return "image quality: generate | train (DIQaM / WaDIQaM, SROCC/PLCC) | score | explain | figure (\"Why s, rather than t?\")";
    }

    @Override
    public String syntax() {
        return "<generate|train|score|explain|figure|evidence|bench> [options]";
    }

    @Override
    public String footer() {
        return """
                Actions:
                  generate  --out DIR [--references N] [--size WxH] [--seed N]: a synthetic set,
                            KADID-10k layout
                  train     --data-dir DIR [--format kadid|tid2013] [--variant nr|wa-nr|fr|wa-fr]
                            [--model FILE] [--width X] [--epochs N] [--batch IMAGES] [--lr X]
                            [--test-fraction X] [--seed N]
                  score     --input IMG|DIR [--reference IMG] [--model FILE] [--out FILE.csv]:
                            image scores (non-overlapping 32x32 patches); or --data-dir DIR
                            [--format F]: SROCC / PLCC of a saved model on a rated set
                  explain   --input IMG [--model FILE] [--rather T]... [--stride N] [--out DIR]
                            [--contrast window|image] [--paste relu|signed]: "Why s?" and
                            "Why s, rather than T?" over the whole image
                  figure    [--input IMG]... [--model FILE] [--stride N] [--out DIR] [--contrast ...]:
                            the talk's table: Why s?, rather than 1, 0.75, 0.5, 0.25 (without
                            --input: two generated images)
                  evidence  --data-dir DIR [--model FILE] [--contrast ...] [--rather T] [--out FILE.json]:
                            per window, the maps at the damaged and the clean windows' mean scores;
                            with --rather T (or --contrast image, default T = 1) the map's mass inside
                            each local patch's square over the square's area share
                Contrasts: window (default) = each window's score against T, as the paper and the talk
                (conv10 unless --layer); image = the image's score against T.
                  bench     [--model FILE] [--size WxH] [--stride N] [--reps N]: explaining an
                            image (default 512x384, stride 4) against scoring the same windows
                Scores map to [0,1]: KADID DMOS (d - 1) / 4, TID2013 MOS m / 9.
                """;
    }

    /**
     * Figure takes two images; explain several target scores. The actions that read one value check for a repeat
     * themselves.
     */
    @Override
    public Set<String> repeatable() {
        return Set.of("input", "rather");
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("generate (required), explain, figure: output folder; score: a CSV file; evidence: a JSON file").build());
        o.addOption(Option.builder().longOpt("references").hasArg().argName("N").desc("generate: reference scenes (default 30)").build());
        o.addOption(Option.builder().longOpt("size").hasArg().argName("WxH").desc("generate: image size (default 128x96); bench: (default 512x384)").build());
        o.addOption(Option.builder().longOpt("data-dir").hasArg().argName("DIR").desc("train, score, evidence: a data set's folder").build());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("NAME").desc("train, score: kadid (default; also the synthetic set) or tid2013").build());
        o.addOption(Option.builder().longOpt("model").hasArg().argName("FILE").desc("model file: written by train (default models/iqa.fb); read by score, explain, figure, evidence, bench (default models/iqa.fb if it exists, else the shipped WaDIQaM-NR)").build());
        o.addOption(Option.builder().longOpt("variant").hasArg().argName("NAME")
                .desc("train: nr (DIQaM), wa-nr (WaDIQaM, default), fr or wa-fr (full reference)").build());
        o.addOption(Option.builder().longOpt("width").hasArg().argName("X").desc("train: width multiplier in (0,1] (default 0.25)").build());
        o.addOption(Option.builder().longOpt("epochs").hasArg().argName("N").desc("train: epochs (default 10)").build());
        o.addOption(Option.builder().longOpt("batch").hasArg().argName("N").desc("train: images per batch, each with its patches (default 8)").build());
        o.addOption(Option.builder().longOpt("lr").hasArg().argName("X").desc("train: Adam learning rate (default 1e-3)").build());
        o.addOption(Option.builder().longOpt("test-fraction").hasArg().argName("X").desc("train: share of references held out (default 0.2)").build());
        o.addOption(Option.builder().longOpt("input").hasArg().argName("IMG").desc("score: an image or a folder of images; explain, figure: an image; figure: repeatable").build());
        o.addOption(Option.builder().longOpt("reference").hasArg().argName("IMG").desc("score: the reference image (full-reference models)").build());
        o.addOption(Option.builder().longOpt("rather").hasArg().argName("T").desc("explain: a target score, repeatable; evidence: the target (default 1)").build());
        o.addOption(Option.builder().longOpt("layer").hasArg().argName("NAME").desc("explain, figure, evidence: the layer explained (default the model's, relu10)").build());
        o.addOption(Option.builder().longOpt("contrast").hasArg().argName("MODE").desc("explain, figure, evidence: window (default: each window's"
                + " score against t, as the paper and the talk) or image (the image's score against t)").build());
        o.addOption(Option.builder().longOpt("paste").hasArg().argName("HOW").desc("--contrast window: relu (default: ReLU on each window's"
                + " map before pasting, as the reference) or signed").build());
        o.addOption(Option.builder().longOpt("html").desc("explain, figure: also write report.html (the image, its score and every map; or the figure) in --out").build());
        o.addOption(Option.builder().longOpt("stride").hasArg().argName("N").desc("explain, figure, evidence, bench: window stride in pixels (default 4)").build());
        o.addOption(Option.builder().longOpt("warmup").hasArg().argName("N").desc("bench: untimed runs first (default 1)").build());
        o.addOption(Option.builder().longOpt("reps").hasArg().argName("N").desc("bench: timed pairs, medians quoted (default 5)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("N").desc("seed (default 1)").build());
        o.addOption(Arguments.pixelLimitOption());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new UsageException("name an action: generate, train, score, explain, figure, evidence or bench (see explain iqa --help)");
        }
        CommandLine line = ExplainCli.parse(this, Arrays.copyOfRange(args, 1, args.length));
        return switch (args[0]) {
            case "generate" -> generate(line, out, err);
            case "train" -> IqaTrainAction.train(line, out, err);
            case "score" -> IqaScoreAction.score(line, out, err);
            case "evidence" -> IqaEvidenceAction.evidence(line, out, err);
            case "bench" -> IqaBenchAction.bench(line, out, err);
            case "explain" -> IqaExplainAction.explain(line, out, err);
            case "figure" -> IqaExplainAction.figure(line, out);
            default -> throw new UsageException("unknown action '" + args[0] + "'; actions: generate, train, score, explain, figure, evidence, bench");
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
        Path dir = Arguments.outputFolder(Path.of(line.getOptionValue("out")));
        int n;
        try (ProgressBar bar = Progress.bar("images", (long) refs * QualityDistortions.NAMES.size() * 5, err)) {
            n = SyntheticQualitySet.write(dir, refs, w, h, Arguments.longValue(line, "seed", 1), (d, t) -> bar.stepTo(d));
        }
        out.printf(Locale.ROOT, "wrote %d references and %d distorted images to %s (KADID-10k layout)%n", refs, n, dir);
        return ExplainCli.OK;
    }
}
