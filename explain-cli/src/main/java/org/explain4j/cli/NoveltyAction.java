package org.explain4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.metrics.Detection;
import org.explain4j.core.novelty.report.RocPlot;
import org.explain4j.core.render.Images;
import org.explain4j.datasets.idx.MnistFamily;
import org.explain4j.recognition.data.RecognitionData;
import org.explain4j.recognition.data.RecognitionTask;
import org.explain4j.recognition.novelty.experiment.NoveltyProgress;
import org.explain4j.recognition.novelty.experiment.OneClassExperiment;
import org.explain4j.recognition.novelty.protocol.OneClassSplit;
import org.explain4j.recognition.novelty.train.GradConTraining;

/**
 * {@code explain recognition novelty --data mnist|fashion-mnist}: GradCON's one-class protocol, every inlier class
 * in turn, the activation baseline and the gradient scores measured in the same run (tables and ROC plots).
 * {@code --data signs} runs the novel-conditions experiment ({@link ConditionAction}).
 */
final class NoveltyAction {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NoveltyAction() {
    }

    record ScoreJson(double auroc, double aupr, double fprAt95Tpr) {
    }

    record ClassJson(int inlier, String className, int trainImages, int testImages, int bestEpoch, double seconds,
                     Map<String, ScoreJson> scores, List<GradConTraining.Epoch> epochs) {
    }

    record Report(String command, String data, int epochs, boolean constrained, double gradconWeight, long seed,
                  List<ClassJson> classes, Map<String, ScoreJson> mean) {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err, String commandLine) throws Exception {
        RecognitionTask task = RecognitionInputs.task(line);
        if (task == null) {
            throw new UsageException("missing required option --data (mnist, fashion-mnist or signs)");
        }
        int epochs = Arguments.positiveInt(line, "epochs", 20);
        boolean constrained = line.hasOption("constraint");
        double weight = Arguments.doubleValue(line, "gradcon-weight", 0.12);
        long seed = Arguments.longValue(line, "seed", 1);
        Path outDir = Arguments.outputFolder(Path.of(line.getOptionValue("out", "results/novelty-" + task.id())));
        // checked now, not after an hour of training
        Path detectors = line.hasOption("save-detectors")
                ? Arguments.outputFolder(Path.of(line.getOptionValue("save-detectors")), "--save-detectors") : null;
        if (task == RecognitionTask.SIGNS) {
            if (detectors != null) {
                throw new UsageException("--save-detectors keeps the one-class detectors of mnist and fashion-mnist; the signs' "
                        + "novel-conditions experiment saves none");
            }
            return ConditionAction.run(line, out, err, commandLine, epochs, constrained, weight, seed, outDir);
        }
        // both data sets have ten classes: the list is checked before minutes of loading
        List<Integer> classes = classes(line.getOptionValue("classes"), MnistFamily.MNIST.classNames().size());
        RecognitionData data = RecognitionInputs.data(line, task);
        List<String> names = data.train().classNames();
        OneClassExperiment experiment = new OneClassExperiment(new OneClassExperiment.Settings(epochs, constrained, weight, seed));
        err.printf(Locale.ROOT, "novelty: %s, %d one-class set-ups, %d epochs each, gradient constraint %s%n", task.id(),
                classes.size(), epochs, constrained ? "on" : "off");
        List<OneClassExperiment.ClassResult> results = new ArrayList<>();
        for (int c : classes) {
            OneClassSplit split = task == RecognitionTask.FASHION_MNIST
                    ? OneClassSplit.fiveFolds(data.train(), data.test(), c, seed)
                    : OneClassSplit.heldOutTenth(data.train(), data.test(), c, seed);
            try (Progress.Phases bars = new Progress.Phases("inlier " + classLabel(c, names.get(c)), err)) {
                results.add(experiment.run(split, 1, bars(bars)));
            }
        }
        if (detectors != null) {
            for (OneClassExperiment.ClassResult r : results) {
                Path d = detectors.resolve("inlier-" + r.inlier());
                r.detector().withData(task.id()).save(d);
                err.println("saved the detector of inlier class " + r.inlier() + " in " + d + " (explain recognition novelty-score --detector " + d + ")");
            }
        }
        Report report = report(commandLine, task, epochs, constrained, weight, seed, names, results);
        String md = markdown(report);
        try (OutputStaging staging = new OutputStaging(outDir)) {
            for (OneClassExperiment.ClassResult r : results) {
                Images.writePng(staging.file("roc-" + r.inlier() + ".png"), RocPlot.draw(String.format(Locale.ROOT,
                        "%s, inlier class %s: novel-class detection", task.id(), classLabel(r.inlier(), names.get(r.inlier()))), r.byScore(),
                        900, 620));
            }
            AtomicFiles.write(staging.file("novelty.json"), tmp -> JSON.writeValue(tmp.toFile(), report));
            AtomicFiles.write(staging.file("novelty.md"), tmp -> Files.writeString(tmp, md));
            staging.commit();
        }
        out.print(md);
        out.println("tables and ROC plots: " + outDir);
        return ExplainCli.OK;
    }

    /** Reports a novelty experiment's two phases on their own bars. */
    static NoveltyProgress bars(Progress.Phases bars) {
        return new NoveltyProgress() {
            @Override
            public void training(int epoch, int epochs, int batch, int batches, double loss) {
                bars.report("training", (long) (epoch - 1) * batches + batch, (long) epochs * batches,
                        String.format(Locale.ROOT, " epoch %d/%d loss %.4f", epoch, epochs, loss));
            }

            @Override
            public void scoring(int images, int total) {
                bars.report("scoring", images, total, "");
            }
        };
    }

    /** "3" for MNIST, whose class names are their indices (not "3 (3)"); "0 (T-shirt/top)" where a class has a name. */
    static String classLabel(int index, String name) {
        return name.equals(Integer.toString(index)) ? name : index + " (" + name + ")";
    }

    /** "0-9", "3", "1,4,7" or absent (every class). */
    static List<Integer> classes(String text, int count) {
        if (text == null) {
            List<Integer> all = new ArrayList<>();
            for (int c = 0; c < count; c++) {
                all.add(c);
            }
            return all;
        }
        TreeSet<Integer> set = new TreeSet<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            try {
                if (p.matches("\\d+-\\d+")) {
                    String[] ab = p.split("-");
                    for (int c = Integer.parseInt(ab[0]); c <= Integer.parseInt(ab[1]); c++) {
                        set.add(c);
                    }
                } else {
                    set.add(Integer.parseInt(p));
                }
            } catch (NumberFormatException e) {
                throw new UsageException("--classes: '" + p + "' is not a class index or range (e.g. 0-9 or 1,4,7)");
            }
        }
        if (set.isEmpty() || set.first() < 0 || set.last() >= count) {
            throw new UsageException("--classes: class indices run from 0 to " + (count - 1));
        }
        return new ArrayList<>(set);
    }

    private static Report report(String command, RecognitionTask task, int epochs, boolean constrained, double weight, long seed,
                                 List<String> names, List<OneClassExperiment.ClassResult> results) {
        List<ClassJson> classes = new ArrayList<>();
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (OneClassExperiment.ClassResult r : results) {
            Map<String, ScoreJson> scores = new LinkedHashMap<>();
            for (Map.Entry<String, Detection> e : r.byScore().entrySet()) {
                Detection d = e.getValue();
                scores.put(e.getKey(), new ScoreJson(d.auroc(), d.aupr(), d.fprAt95Tpr()));
                double[] s = sums.computeIfAbsent(e.getKey(), k -> new double[3]);
                s[0] += d.auroc() / results.size();
                s[1] += d.aupr() / results.size();
                s[2] += d.fprAt95Tpr() / results.size();
            }
            classes.add(new ClassJson(r.inlier(), names.get(r.inlier()), r.trainImages(), r.testImages(), r.training().bestEpoch(),
                    r.seconds(), scores, r.training().epochs()));
        }
        Map<String, ScoreJson> mean = new LinkedHashMap<>();
        sums.forEach((k, s) -> mean.put(k, new ScoreJson(s[0], s[1], s[2])));
        return new Report(command, task.id(), epochs, constrained, weight, seed, classes, mean);
    }

    private static String markdown(Report r) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "Novel-class detection, %s, one GradCON autoencoder per inlier class, %d epochs, gradient constraint %s, seed %d%n"
                        + "(command: %s)%n%nAUROC (novel = positive; reconstruction is the activation baseline):%n%n| inlier |",
                r.data(), r.epochs(), r.constrained() ? "on" : "off", r.seed(), r.command()));
        List<String> scores = OneClassExperiment.SCORES;
        for (String s : scores) {
            md.append(' ').append(s).append(" |");
        }
        md.append(" best epoch | minutes |\n|---|");
        md.append("---:|".repeat(scores.size() + 2)).append('\n');
        for (ClassJson c : r.classes()) {
            md.append("| ").append(classLabel(c.inlier(), c.className())).append(" |");
            for (String s : scores) {
                md.append(String.format(Locale.ROOT, " %.3f |", c.scores().get(s).auroc()));
            }
            md.append(String.format(Locale.ROOT, " %d | %.1f |%n", c.bestEpoch(), c.seconds() / 60));
        }
        md.append("| **mean** |");
        for (String s : scores) {
            md.append(String.format(Locale.ROOT, " **%.3f** |", r.mean().get(s).auroc()));
        }
        md.append(" | |\n\nMean AUPR / FPR at 95% TPR: ");
        List<String> pairs = new ArrayList<>();
        for (String s : scores) {
            pairs.add(String.format(Locale.ROOT, "%s %.3f / %.3f", s, r.mean().get(s).aupr(), r.mean().get(s).fprAt95Tpr()));
        }
        return md.append(String.join("; ", pairs)).append(".\n").toString();
    }
}
