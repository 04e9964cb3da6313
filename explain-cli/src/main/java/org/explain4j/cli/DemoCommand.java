package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.train.ClassifierTraining;
import org.explain4j.datasets.curetsr.CureTsrName;
import org.explain4j.datasets.signs.SignGenerator;
import org.explain4j.recognition.data.RecognitionTask;
import org.explain4j.recognition.demo.SignsDemo;
import org.explain4j.core.figure.FigureReport;
import org.explain4j.core.imports.ModelFiles;
import org.explain4j.recognition.train.RecognitionTrainer;

/** {@code explain demo}: the embedded default, end to end, with nothing to fetch. */
final class DemoCommand implements Command {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "the embedded default: \"Why no_left, rather than no_right?\" on generated traffic signs, as in the paper";
    }

    @Override
    public String footer() {
        return """
                Writes into --out: figure.png (Input | Why P? | Q1 | Why P, rather than Q1? | Q2 |
                Why P, rather than Q2? | Why not P with full confidence?), figure.json, the inputs as PNGs and
                the model as model.fb (with its card) for 'explain core'.
                Uses the CURE-TSR network shipped with explain4j (trained by 'explain recognition train --data
                signs'), or --model FILE, or with --retrain trains a fresh one on newly generated signs first.
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("output folder (default: explanations/demo)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("N").desc("seed of the generated signs (default 7)").build());
        o.addOption(Option.builder().longOpt("model").hasArg().argName("FILE").desc("a signs model to use instead of the shipped one").build());
        o.addOption(Option.builder().longOpt("retrain").desc("generate signs and train a fresh model first (a few minutes)").build());
        o.addOption(Option.builder().longOpt("epochs").hasArg().argName("N").desc("--retrain: epochs (default 8)").build());
        o.addOption(Option.builder().longOpt("train-per-class").hasArg().argName("N").desc("--retrain: training signs per type (default 300)").build());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandLine line = ExplainCli.parse(this, args);
        Path outDir = Arguments.outputFolder(Path.of(line.getOptionValue("out", "explanations/demo")));
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new UsageException("--out " + outDir + " exists and is not a folder");
        }
        long seed = Arguments.longValue(line, "seed", 7);
        if (line.hasOption("retrain") && line.hasOption("model")) {
            throw new UsageException("--retrain trains its own model; drop --model");
        }
        ExplainableModel model;
        String modelName;
        if (line.hasOption("retrain")) {
            Path model0 = retrain(line, seed, out, err);
            model = ModelFiles.open(model0, null, null);
            modelName = "trained by explain demo --retrain";
        } else if (line.hasOption("model")) {
            Path file = Path.of(line.getOptionValue("model"));
            if (!Files.isRegularFile(file)) {
                throw new UsageException("model file not found: " + file);
            }
            model = ModelFiles.open(file, null, null);
            modelName = file.toString();
        } else {
            model = SignsDemo.shippedModel();
            modelName = "shipped " + SignsDemo.MODEL_RESOURCE;
        }
        if (model.outputWidth() != CureTsrName.SIGNS.size()) {
            throw new UsageException("the demo needs a traffic-sign model with 14 classes; this one has " + model.outputWidth());
        }
        FigureReport report = SignsDemo.run(model, modelName, outDir, seed);
        for (FigureReport.RowReport r : report.rows()) {
            out.printf(Locale.ROOT, "%-28s P = %s (%.1f%%), Q1 = %s, Q2 = %s%n", r.input(), r.p(), 100 * r.probabilityOfP(), r.q1(), r.q2());
        }
        out.println("figure:      " + outDir.resolve("figure.png"));
        out.println("description: " + outDir.resolve("figure.json"));
        out.println("model:       " + outDir.resolve("model.fb") + " (with its card)");
        out.println("next: bin/explain core --model " + outDir.resolve("model.fb") + " --input " + outDir.resolve("input-no_left-1.png")
                + " --rather no_right --rather stop --not-fully --out " + outDir.resolve("core"));
        return ExplainCli.OK;
    }

    private static Path retrain(CommandLine line, long seed, PrintStream out, PrintStream err) throws Exception {
        Path work = Files.createTempDirectory("explain4j-demo");
        try {
            int perClass = Arguments.positiveInt(line, "train-per-class", 300);
            SignGenerator.Plan plan = new SignGenerator.Plan(perClass, Math.max(2, perClass / 10), 0, seed);
            try (ProgressBar bar = Progress.bar("signs", 14L * (plan.trainPerClass() + plan.testPerClass()), err)) {
                new SignGenerator(64, 32).write(work.resolve("signs"), plan, (done, all) -> bar.stepTo(done));
            }
            Path model = work.resolve("signs.fb");
            ProgressBar[] bar = new ProgressBar[1];
            RecognitionTrainer.Report r = RecognitionTrainer.run(new RecognitionTrainer.Options(RecognitionTask.SIGNS, work.resolve("signs"),
                    model, Arguments.positiveInt(line, "epochs", 8), 64, 2e-3, 0, 0, 0.1, seed), new ClassifierTraining.Listener() {
                        @Override
                        public void batch(int epoch, int batch, int batches, double loss) {
                            if (bar[0] == null) {
                                bar[0] = Progress.bar("epoch " + epoch, batches, err);
                            }
                            bar[0].step();
                        }

                        @Override
                        public void epoch(ClassifierTraining.Epoch e) {
                            bar[0].close();
                            bar[0] = null;
                        }
                    });
            out.printf(Locale.ROOT, "trained on %d generated signs: test accuracy %.1f%%%n", r.trainImages(), 100 * r.testAccuracy());
            Path keep = Files.createTempDirectory("explain4j-demo-model");
            for (String suffix : new String[] {".fb", ".card.json"}) {
                Files.copy(work.resolve("signs" + suffix), keep.resolve("signs" + suffix));
            }
            return keep.resolve("signs.fb");
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }
}
