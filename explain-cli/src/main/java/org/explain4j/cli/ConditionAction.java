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
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.metrics.Detection;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.novelty.report.RocPlot;
import org.explain4j.core.render.Images;
import org.explain4j.datasets.curetsr.CureTsrName;
import org.explain4j.datasets.curetsr.CureTsrReader;
import org.explain4j.recognition.data.RecognitionData;
import org.explain4j.recognition.data.RecognitionTask;
import org.explain4j.recognition.demo.SignsDemo;
import org.explain4j.recognition.novelty.experiment.ConditionExperiment;

/** {@code explain recognition novelty --data signs}: clean signs against each challenge type and level. */
final class ConditionAction {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConditionAction() {
    }

    record CellJson(int challenge, String challengeName, int level, int novelImages, Map<String, Double> auroc) {
    }

    record Report(String command, String classifier, int epochs, boolean constrained, long seed, int trainImages,
                  int cleanTestImages, List<CellJson> cells, Map<String, Double> meanAuroc, Map<String, Double> allChallengesAuroc) {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err, String commandLine, int epochs, boolean constrained,
                   double weight, long seed, Path outDir) throws Exception {
        // the classifier first: a bad model file is reported before minutes of loading
        ExplainableModel classifier;
        String classifierName;
        if (line.hasOption("model")) {
            Path m = Path.of(line.getOptionValue("model"));
            classifier = RecognitionInputs.model(line, m);
            classifierName = m.toString();
        } else if (Files.isRegularFile(Path.of("models/signs.fb"))) {
            classifier = RecognitionInputs.model(line, Path.of("models/signs.fb"));
            classifierName = "models/signs.fb";
        } else {
            classifier = SignsDemo.shippedModel();
            classifierName = "shipped signs classifier";
        }
        Path dir = Path.of(line.getOptionValue("data-dir", "data/signs"));
        RecognitionData data = RecognitionInputs.data(line, RecognitionTask.SIGNS);
        CureTsrReader.Loaded hard = RecognitionData.challenged(RecognitionTask.SIGNS, dir).orElseThrow(() -> new UsageException(
                "no challenged signs in " + dir.resolve("test-challenges")
                        + " (bin/explain recognition generate-signs --out " + dir + " --challenged-per-class N writes them)"));
        if (hard.data().size() == 0) {
            throw new UsageException("no readable challenged signs in " + dir.resolve("test-challenges"));
        }
        for (String s : hard.skipped()) {
            err.println("warning: skipped " + s);
        }
        err.printf(Locale.ROOT, "novelty: signs, %d clean training images, %d clean and %d challenged test images, %d epochs, "
                + "gradient constraint %s; max-softmax from %s%n", data.train().size(), data.test().size(), hard.data().size(), epochs,
                constrained ? "on" : "off", classifierName);
        ConditionExperiment.Result r;
        try (Progress.Phases bars = new Progress.Phases("signs", err)) {
            r = new ConditionExperiment(new ConditionExperiment.Settings(epochs, constrained, weight, seed)).run(data.train().images(),
                    data.test().images(), hard.data().images(), hard.names(), classifier, NoveltyAction.bars(bars));
        }
        List<CellJson> cells = new ArrayList<>();
        Map<String, Double> mean = new LinkedHashMap<>();
        for (ConditionExperiment.Cell c : r.cells()) {
            Map<String, Double> a = new LinkedHashMap<>();
            c.byScore().forEach((k, d) -> a.put(k, d.auroc()));
            cells.add(new CellJson(c.challenge(), CureTsrName.CHALLENGES.get(c.challenge() - 1), c.level(), c.novelImages(), a));
            a.forEach((k, v) -> mean.merge(k, v / r.cells().size(), Double::sum));
        }
        Map<String, Double> all = new LinkedHashMap<>();
        r.allChallenges().forEach((k, d) -> all.put(k, d.auroc()));
        Report report = new Report(commandLine, classifierName, epochs, constrained, seed, r.trainImages(), r.cleanTestImages(), cells,
                mean, all);
        String md = markdown(report);
        try (OutputStaging staging = new OutputStaging(outDir)) {
            Images.writePng(staging.file("roc-all-challenges.png"), RocPlot.draw("signs: clean vs every challenge and level (held-out half)",
                    r.allChallenges(), 900, 620));
            AtomicFiles.write(staging.file("conditions.json"), tmp -> JSON.writeValue(tmp.toFile(), report));
            AtomicFiles.write(staging.file("conditions.md"), tmp -> Files.writeString(tmp, md));
            staging.commit();
        }
        out.print(md);
        out.println("tables and ROC plot: " + outDir);
        return ExplainCli.OK;
    }

    /** Header cells, then one row per group (cells averaged), groups without cells left out. */
    private static void table(StringBuilder md, List<String> scores, List<CellJson> cells, List<Integer> groups,
                              java.util.function.ToIntFunction<CellJson> groupOf, java.util.function.IntFunction<String> label) {
        scores.forEach(s -> md.append(' ').append(s).append(" |"));
        md.append("\n|---|").append("---:|".repeat(scores.size())).append('\n');
        for (int g : groups) {
            List<CellJson> of = cells.stream().filter(c -> groupOf.applyAsInt(c) == g).toList();
            if (of.isEmpty()) {
                continue;
            }
            md.append("| ").append(label.apply(g)).append(" |");
            for (String s : scores) {
                md.append(String.format(Locale.ROOT, " %.3f |", of.stream().mapToDouble(c -> c.auroc().get(s)).average().orElse(Double.NaN)));
            }
            md.append('\n');
        }
    }

    private static String markdown(Report r) {
        List<String> scores = ConditionExperiment.SCORES;
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "Novel conditions, signs: autoencoder on %d clean signs, %d epochs, gradient constraint %s, seed %d; max-softmax from %s%n"
                        + "(command: %s)%n%nAUROC, clean test signs against each challenge (mean over its levels), on the"
                        + " held-out half (odd positions within the clean signs and within each challenge and level; the learned"
                        + " head was fitted on the even positions):%n%n| challenge |",
                r.trainImages(), r.epochs(), r.constrained() ? "on" : "off", r.seed(), r.classifier(), r.command()));
        table(md, scores, r.cells(), java.util.stream.IntStream.rangeClosed(1, 12).boxed().toList(), CellJson::challenge,
                t -> CureTsrName.CHALLENGES.get(t - 1));
        md.append("\nBy level (mean over challenge types):\n\n| level |");
        table(md, scores, r.cells(), List.of(1, 2, 3, 4, 5), CellJson::level, String::valueOf);
        md.append("| **average** |");
        for (String s : scores) {
            md.append(String.format(Locale.ROOT, " **%.3f** |", r.meanAuroc().get(s)));
        }
        return md.append('\n').toString();
    }
}
