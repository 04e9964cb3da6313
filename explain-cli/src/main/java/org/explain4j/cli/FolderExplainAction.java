package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.io.InputException;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.io.ModelInputs;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.render.Colormap;
import org.explain4j.core.report.ReportWriter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code explain recognition explain}: every image below a folder, in batches, each answered as
 * {@code explain core} would ("Why P?", "Why P, rather than Q?" with Q the runner-up or each
 * --rather, optionally "Why not P with full confidence?"), into {@code OUT/<relative path without
 * extension>/}. Unreadable files are skipped with a warning and listed at the end; images whose
 * results exist are skipped unless --overwrite.
 */
final class FolderExplainAction {

    private static final List<String> IMAGE_SUFFIXES = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif", ".npy");

    private FolderExplainAction() {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (!line.hasOption("input") || !line.hasOption("out")) {
            throw new UsageException("explain needs --input DIR and --out DIR");
        }
        Path in = Path.of(line.getOptionValue("input"));
        Path outDir = Path.of(line.getOptionValue("out"));
        if (!Files.isDirectory(in)) {
            throw new UsageException("--input " + in + " is not a folder (for one image use: bin/explain core)");
        }
        Path modelFile = RecognitionInputs.modelFile(line, RecognitionInputs.task(line));
        ExplainableModel model = RecognitionInputs.model(line, modelFile);
        if (!model.isClassifier()) {
            throw new UsageException("recognition explain needs a classifier; " + modelFile + " is a regressor");
        }
        String layer = RecognitionInputs.layer(line, model, modelFile);
        int batch = Arguments.positiveInt(line, "batch", 16);
        boolean overwrite = line.hasOption("overwrite");
        boolean notFully = line.hasOption("not-fully");
        String[] rather = line.getOptionValues("rather");
        List<Integer> contrasts = new ArrayList<>();
        if (rather != null) {
            for (String r : rather) {
                contrasts.add(RecognitionInputs.classOf(model, r, "--rather"));
            }
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(in)) {
            files = walk.filter(Files::isRegularFile).filter(FolderExplainAction::looksLikeImage).sorted().toList();
        }
        List<Path> todo = new ArrayList<>();
        int existing = 0;
        for (Path f : files) {
            if (!overwrite && Files.isRegularFile(resultDir(in, outDir, f).resolve(ReportWriter.REPORT))) {
                existing++;
            } else {
                todo.add(f);
            }
        }
        ModelInputs loader = new ModelInputs(model.inputShape(), model.card().preprocessing(), model.dataType());
        CamExplainer explainer = new CamExplainer(new GradientEngine(model), layer);
        ReportWriter writer = new ReportWriter(Colormap.JET);
        List<String> skipped = new ArrayList<>();
        int explained = 0;
        long start = System.nanoTime();
        try (ProgressBar bar = Progress.bar("explaining", todo.size(), err)) {
            for (int from = 0; from < todo.size(); from += batch) {
                List<Path> part = todo.subList(from, Math.min(todo.size(), from + batch));
                List<Path> ok = new ArrayList<>();
                List<ModelInput> inputs = new ArrayList<>();
                for (Path f : part) {
                    try {
                        inputs.add(loader.load(f));
                        ok.add(f);
                    } catch (InputException e) {
                        skipped.add(e.getMessage());
                        bar.step();
                    }
                }
                if (inputs.isEmpty()) {
                    continue;
                }
                INDArray x = Nd4j.concat(0, inputs.stream().map(ModelInput::tensor).toArray(INDArray[]::new));
                Forward f = explainer.forward(x);
                List<Asked> asked = new ArrayList<>();
                int[] per = new int[inputs.size()];
                for (int i = 0; i < inputs.size(); i++) {
                    int b = i;
                    int p = f.predicted(b);
                    int before = asked.size();
                    asked.add(new Asked(b, new ClassQuestion.WhyP(p)));
                    if (contrasts.isEmpty()) {
                        asked.add(new Asked(b, new ClassQuestion.WhyPRatherQ(p, f.runnerUp(b))));
                    } else {
                        contrasts.forEach(q -> asked.add(new Asked(b, new ClassQuestion.WhyPRatherQ(p, q))));
                    }
                    if (notFully) {
                        asked.add(new Asked(b, new ClassQuestion.WhyNotFullyP(p)));
                    }
                    per[b] = asked.size() - before;
                }
                List<Explanation> answers = explainer.explain(f, asked);
                int at = 0;
                for (int b = 0; b < inputs.size(); b++) {
                    Path target = resultDir(in, outDir, ok.get(b));
                    try (OutputStaging staging = new OutputStaging(target)) {
                        writer.write(staging, model, modelFile.toString(), ok.get(b).toString(), f, b, answers.subList(at, at + per[b]),
                                inputs.get(b).display());
                        staging.commit();
                    }
                    at += per[b];
                    explained++;
                    bar.step();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "explained %d images in %.1f s (%.1f images/s end to end) into %s%n", explained, seconds,
                explained / Math.max(seconds, 1e-9), outDir);
        if (existing > 0) {
            out.println("kept " + existing + " existing results (--overwrite redoes them)");
        }
        if (!skipped.isEmpty()) {
            err.println("skipped " + skipped.size() + " unreadable file(s):");
            skipped.forEach(s -> err.println("  " + s));
        }
        return ExplainCli.OK;
    }

    static boolean looksLikeImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && IMAGE_SUFFIXES.stream().anyMatch(n::endsWith);
    }

    private static Path resultDir(Path in, Path outDir, Path file) {
        String rel = in.relativize(file).toString();
        return outDir.resolve(rel.replaceFirst("\\.[^./]*$", ""));
    }

}
