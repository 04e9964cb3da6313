package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.explain4j.core.train.ClassifierTraining;
import org.explain4j.datasets.curetsr.CureTsrName;
import org.explain4j.datasets.signs.SignGenerator;
import org.explain4j.recognition.data.RecognitionTask;
import org.explain4j.recognition.train.RecognitionTrainer;

/** {@code explain recognition <action>}: data, training and figures for the recognition models. */
final class RecognitionCommand implements Command {

    @Override
    public String name() {
        return "recognition";
    }

    @Override
    public String summary() {
        return "classifiers: generate-signs | train | figure | family | evaluate | deletion | explain | novelty | saliency (MNIST, Fashion-MNIST, traffic signs, ONNX models)";
    }

    @Override
    public String syntax() {
        return "<generate-signs|train|figure|family|evaluate|deletion|explain|novelty|saliency> [options]";
    }

    @Override
    public String footer() {
        return """
                Actions (the first argument):
                  generate-signs  write synthetic CURE-TSR-style signs: --out DIR [--train-per-class N]
                                  [--test-per-class N] [--challenged-per-class N] [--seed N]
                  train           --data mnist|fashion-mnist|signs [--data-dir DIR] [--model FILE] [--epochs N]
                                  [--batch N] [--lr X] [--lr-step N] [--patience N] [--val-fraction X] [--seed N]
                                  [--composites: train and test on composites, each object anywhere among clutter,
                                  as recognition saliency scores them]
                  figure          the paper's table: --data NAME [--why P] [--rather Q1 [--rather Q2]] [--rows N],
                                  or --model FILE --input IMG... [--labels FILE] [--reference DIR]; [--layer L] [--out DIR]
                  family          the "Why P?" family beside "Why P, rather than Q?": --data NAME [--rows N], or
                                  --model FILE --input IMG...; [--why P] [--rather Q] [--question why|rather]
                                  [--extra: guided Grad-CAM, Integrated Gradients] [--samples N] [--noise X] [--out DIR]
                  evaluate        every method judged by deletion, insertion, average drop/increase, ROAD and the
                                  sanity check: --data NAME [--methods a,b,...] [--images N] [--sanity-images N]
                                  [--pixels-per-step N] [--samples N] [--steps N] [--seed N] [--out DIR]
                  explain         every image below a folder: --model FILE --input DIR --out DIR [--rather Q]...
                                  [--not-fully] [--batch N] [--overwrite] [--labels FILE] [--layer L]
                                  [--method NAME and its settings, as explain core]
                  novelty         novel classes (GradCON's one-class protocol, one autoencoder per inlier class):
                                  --data mnist|fashion-mnist [--classes 0-9] [--epochs N (default 20)]
                                  [--constraint] [--gradcon-weight X] [--seed N] [--out DIR] [--save-detectors DIR];
                                  novel conditions: --data signs (needs DIR/test-challenges) [--model FILE]
                                  Tables (Markdown, JSON) and ROC plots go to --out (default results/novelty-<data>).
                  novelty-score   score a folder of images (or [C,28,28] .npy arrays) with a saved detector:
                                  --detector DIR --input DIR --out DIR [--batch N (default 64)]: novelty-scores.json,
                                  each input's reconstruction error, per-layer gradient norm and cosines, every score
                  saliency        implicit saliency (Sun et al.) on composites (an object pasted on clutter, its mask
                                  the ground truth), every eye-tracking metric, beside Grad-CAM, input gradients, the
                                  centre bias and the spectral residual; clean, under noise, per layer; and the figure:
                                  --data NAME [--images N (default 200)] [--layer L] [--seed N] [--out DIR]
                                  [--write-composites DIR] [--conflicting all|top:K|3,5] [--pseudo gradcam|magnitude]
                                  [--combine mean|weighted|variance]; or the figure for any model:
                                  --model FILE --input IMG... [--fixations FIX.png...] [--layer L] [--out DIR]
                  deletion        --data NAME [--model FILE] [--images N] [--steps N] [--baseline X] [--seed N] [--out DIR]
                Models default to models/<NAME>.fb (written by train).
                Data folders default to data/mnist, data/fashion-mnist (scripts/install-data.sh) and data/signs.
                """;
    }

    /**
     * Figure, family and saliency take several images (and fixation maps); explain several contrasts. The actions that
     * read one value check for a repeat themselves.
     */
    @Override
    public Set<String> repeatable() {
        return Set.of("input", "rather", "fixations");
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("data").hasArg().argName("NAME").desc("mnist, fashion-mnist or signs").build());
        o.addOption(Option.builder().longOpt("data-dir").hasArg().argName("DIR").desc("data folder (default data/<NAME>)").build());
        o.addOption(Option.builder().longOpt("model").hasArg().argName("FILE").desc("model file: written by train, read by the others (default models/<NAME>.fb)").build());
        o.addOption(Option.builder().longOpt("epochs").hasArg().argName("N").desc("most epochs (train: default 12; novelty: default 20)").build());
        o.addOption(Option.builder().longOpt("batch").hasArg().argName("N").desc("batch size (train: default 64; explain: default 16)").build());
        o.addOption(Option.builder().longOpt("lr").hasArg().argName("X").desc("Adam learning rate (default 1e-3)").build());
        o.addOption(Option.builder().longOpt("lr-step").hasArg().argName("N").desc("divide the rate by 10 every N epochs (default 5; 0: never)").build());
        o.addOption(Option.builder().longOpt("patience").hasArg().argName("N").desc("stop after N epochs without a better validation accuracy (default 3; 0: never)").build());
        o.addOption(Option.builder().longOpt("val-fraction").hasArg().argName("X").desc("share of the training set held out for validation (default 0.1)").build());
        o.addOption(Option.builder().longOpt("save-detectors").hasArg().argName("DIR")
                .desc("novelty: also save each inlier class's detector in DIR/inlier-<c>/ (for novelty-score and spark novelty)").build());
        o.addOption(Option.builder().longOpt("detector").hasArg().argName("DIR").desc("novelty-score: a detector saved by novelty --save-detectors").build());
        o.addOption(Option.builder().longOpt("classes").hasArg().argName("LIST").desc("novelty: inlier classes, e.g. 0-9 or 1,4,7 (default all)").build());
        o.addOption(Option.builder().longOpt("constraint").desc("novelty: train with GradCON's gradient constraint (several times slower: a second backward through the gradients each step)").build());
        o.addOption(Option.builder().longOpt("gradcon-weight").hasArg().argName("X").desc("novelty: weight of the mean cosine in GradCON's score (default 0.12)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("N").desc("seed (default 1)").build());
        o.addOption(Option.builder().longOpt("labels").hasArg().argName("FILE").desc("class names, one per line").build());
        o.addOption(Option.builder().longOpt("layer").hasArg().argName("NAME").desc("layer to explain (default: the model's)").build());
        o.addOption(Option.builder().longOpt("why").hasArg().argName("P").desc("figure: the class P (index or label)").build());
        o.addOption(Option.builder().longOpt("rather").hasArg().argName("Q").desc("a contrast class (figure: up to two; explain: repeatable, default the runner-up)").build());
        o.addOption(Option.builder().longOpt("rows").hasArg().argName("N").desc("figure: rows (default 6)").build());
        o.addOption(Option.builder().longOpt("input").hasArg().argName("FILE").desc("figure, family, saliency: an image file, repeatable; explain, novelty-score: a folder").build());
        o.addOption(Option.builder().longOpt("reference").hasArg().argName("DIR").desc("figure: images to pick representatives from").build());
        o.addOption(Option.builder().longOpt("not-fully").desc("explain: add \"Why not P with full confidence?\"").build());
        o.addOption(Arguments.pixelLimitOption());
        o.addOption(Option.builder().longOpt("overwrite").desc("explain: redo images whose results exist").build());
        o.addOption(Option.builder().longOpt("html").desc("explain, figure, family: also write report.html (every input, its prediction and maps; or the figure) in --out").build());
        o.addOption(Option.builder().longOpt("images").hasArg().argName("N").desc("deletion: test images (default 200); evaluate: (default 100); saliency: composites (default 200)").build());
        o.addOption(Option.builder().longOpt("composites").desc("train: on composites (objects at random places and scales among clutter)").build());
        o.addOption(Option.builder().longOpt("fixations").hasArg().argName("FILE").desc("saliency: a binary fixation map per --input image (ground-truth column), repeatable").build());
        o.addOption(Option.builder().longOpt("write-composites").hasArg().argName("DIR").desc("saliency: also write the composites (stimuli/, fixations/, density/) there").build());
        o.addOption(Option.builder().longOpt("steps").hasArg().argName("N").desc("deletion: removal steps (default 20)").build());
        o.addOption(Option.builder().longOpt("baseline").hasArg().argName("X").desc("deletion: value of removed pixels (default 0)").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("output folder (generate-signs: required; figure, deletion: default figures/<data>)").build());
        o.addOption(Option.builder().longOpt("train-per-class").hasArg().argName("N").desc("generate-signs: training images per sign (default 600)").build());
        o.addOption(Option.builder().longOpt("test-per-class").hasArg().argName("N").desc("generate-signs: clean test images per sign (default 150)").build());
        MethodArguments.options().getOptions().forEach(o::addOption);
        o.addOption(Option.builder().longOpt("question").hasArg().argName("why|rather")
                .desc("family: the question every method column answers (default why)").build());
        o.addOption(Option.builder().longOpt("methods").hasArg().argName("LIST")
                .desc("evaluate: comma-separated methods, 'random' for the floor (default: all)").build());
        o.addOption(Option.builder().longOpt("sanity-images").hasArg().argName("N").desc("evaluate: images for the sanity check (default 10)").build());
        o.addOption(Option.builder().longOpt("pixels-per-step").hasArg().argName("N")
                .desc("evaluate: pixels per deletion/insertion step (default: the image width, as RISE's 224 on 224x224)").build());
        o.addOption(Option.builder().longOpt("extra").desc("family: add guided Grad-CAM and Integrated Gradients columns").build());
        o.addOption(Option.builder().longOpt("challenged-per-class").hasArg().argName("N").desc("generate-signs: test images per sign put through every challenge and level (default 10)").build());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new UsageException("name an action: generate-signs, train, figure, family, evaluate, deletion, explain, novelty, novelty-score or saliency (see explain recognition --help)");
        }
        String action = args[0];
        CommandLine line = ExplainCli.parse(this, Arrays.copyOfRange(args, 1, args.length));
        return switch (action) {
            case "generate-signs" -> generateSigns(line, out, err);
            case "train" -> train(line, out, err);
            case "figure" -> FigureAction.run(line, out, err, "explain recognition " + String.join(" ", args));
            case "deletion" -> DeletionAction.run(line, out, err, "explain recognition " + String.join(" ", args));
            case "explain" -> FolderExplainAction.run(line, out, err);
            case "family" -> FamilyAction.run(line, out, err, "explain recognition " + String.join(" ", args));
            case "evaluate" -> EvaluateAction.run(line, out, err, "explain recognition " + String.join(" ", args));
            case "novelty" -> NoveltyAction.run(line, out, err, "explain recognition " + String.join(" ", args));
            case "novelty-score" -> NoveltyScoreAction.run(line, out, err);
            case "saliency" -> SaliencyAction.run(line, out, err, "explain recognition " + String.join(" ", args));
            default -> throw new UsageException("unknown action '" + action + "'; actions: generate-signs, train, figure, family, evaluate, deletion, explain, novelty, novelty-score, saliency");
        };
    }

    private int generateSigns(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (!line.hasOption("out")) {
            throw new UsageException("missing required option --out");
        }
        Path dir = Arguments.outputFolder(Path.of(line.getOptionValue("out")));
        SignGenerator.Plan plan = new SignGenerator.Plan(Arguments.positiveInt(line, "train-per-class", 600),
                Arguments.positiveInt(line, "test-per-class", 150), Arguments.nonNegativeInt(line, "challenged-per-class", 10),
                Arguments.longValue(line, "seed", 1));
        if (plan.challengedPerClass() > plan.testPerClass()) {
            throw new UsageException("--challenged-per-class cannot exceed --test-per-class");
        }
        int types = CureTsrName.SIGNS.size();
        long total = (long) types * (plan.trainPerClass() + plan.testPerClass() + plan.challengedPerClass() * 60L);
        int written;
        try (ProgressBar bar = Progress.bar("signs", total, err)) {
            written = new SignGenerator(64, 32).write(dir, plan, (done, all) -> bar.stepTo(done));
        }
        out.printf(Locale.ROOT, "wrote %d images to %s (train/, test/, test-challenges/)%n", written, dir);
        return ExplainCli.OK;
    }

    private int train(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (!line.hasOption("data")) {
            throw new UsageException("missing required option --data (mnist, fashion-mnist or signs)");
        }
        RecognitionTask task;
        try {
            task = RecognitionTask.parse(line.getOptionValue("data"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path dataDir = Path.of(line.getOptionValue("data-dir", "data/" + task.id()));
        Path model = Arguments.outputFile(Path.of(line.getOptionValue("model", "models/" + task.id() + ".fb")), "--model");
        double val = Arguments.doubleValue(line, "val-fraction", 0.1);
        if (!(val >= 0 && val < 1)) {
            throw new UsageException("--val-fraction must lie in [0, 1)");
        }
        double lr = Arguments.doubleValue(line, "lr", 1e-3);
        if (!(lr > 0)) {
            throw new UsageException("--lr must be positive");
        }
        if (!Files.isDirectory(dataDir)) {
            throw new UsageException("data folder not found: " + dataDir + (task == RecognitionTask.SIGNS
                    ? " (bin/explain recognition generate-signs --out " + dataDir + " writes one)"
                    : " (scripts/install-data.sh " + task.id() + " installs it)"));
        }
        RecognitionTrainer.Options o = new RecognitionTrainer.Options(task, dataDir, model, Arguments.positiveInt(line, "epochs", 12),
                Arguments.positiveInt(line, "batch", 64), lr, Arguments.nonNegativeInt(line, "lr-step", 5),
                Arguments.nonNegativeInt(line, "patience", 3), val, Arguments.longValue(line, "seed", 1), line.hasOption("composites"));
        RecognitionTrainer.Report report;
        try (TrainingBars bars = new TrainingBars(err)) {
            report = RecognitionTrainer.run(o, bars);
        }
        out.println(report.markdown());
        out.println("model: " + model + " (with its card); report: " + model.resolveSibling(model.getFileName().toString()
                .replaceFirst("\\.[^.]*$", "") + ".report.md"));
        return ExplainCli.OK;
    }
}
