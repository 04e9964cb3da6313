package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.io.ModelInputs;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.render.Colormap;
import org.explain4j.core.report.HtmlReport;
import org.explain4j.core.report.ReportSink;
import org.explain4j.core.report.ReportWriter;
import org.explain4j.core.run.QuestionPolicy;
import org.explain4j.core.run.RunSummary;
import org.explain4j.core.run.ResultFolders;
import org.explain4j.core.run.Runner;
import org.explain4j.core.run.Source;

/**
 * {@code explain recognition explain}: every image below a folder, in batches, each answered as
 * {@code explain core} would ("Why P?", "Why P, rather than Q?" with Q the runner-up or each
 * --rather, optionally "Why not P with full confidence?"), into {@code OUT/<relative path without
 * extension>/} ({@link ResultFolders}: distinct for every input). Unreadable files are skipped with a warning and listed at the end; images whose
 * results exist are skipped unless --overwrite.
 */
final class FolderExplainAction {

    private FolderExplainAction() {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (!line.hasOption("input") || !line.hasOption("out")) {
            throw new UsageException("explain needs --input DIR and --out DIR");
        }
        Path in = Path.of(Arguments.single(line, "input"));
        Path outDir = Path.of(line.getOptionValue("out"));
        if (!Files.isDirectory(in)) {
            throw new UsageException("--input " + in + " is not a folder (for one image use: bin/explain core)");
        }
        Arguments.outputFolder(outDir);
        Path modelFile = RecognitionInputs.modelFile(line, RecognitionInputs.task(line));
        ExplainableModel model = RecognitionInputs.model(line, modelFile);
        if (!model.isClassifier()) {
            throw new UsageException("recognition explain needs a classifier; " + modelFile + " is a regressor");
        }
        ModelInputs loader = new ModelInputs(model.inputShape(), model.card().preprocessing(), model.dataType(), Arguments.pixelLimit(line));
        return run(line, model, modelFile, modelFile.toString(), loader::load, FolderExplainAction::looksLikeImage, in, outDir, out, err);
    }

    /**
     * The folder run for any classifier: every file below --input that {@code wanted} accepts, loaded by {@code load}
     * (which throws {@code InputException} for a bad file: it is skipped with a warning and listed at the end).
     */
    static int run(CommandLine line, ExplainableModel model, Path modelFile, String modelName, java.util.function.Function<Path, ModelInput> load,
                   java.util.function.Predicate<Path> wanted, Path in, Path outDir, PrintStream out, PrintStream err) throws Exception {
        MethodSpec spec = MethodArguments.spec(line, MethodArguments.layer(line, model, modelFile));
        AttributionMethod method = MethodArguments.create(spec, new GradientEngine(model));
        int batch = Arguments.positiveInt(line, "batch", 16);
        boolean overwrite = line.hasOption("overwrite");
        String[] rather = line.getOptionValues("rather");
        List<Integer> contrasts = new ArrayList<>();
        if (rather != null) {
            for (String r : rather) {
                contrasts.add(RecognitionInputs.classOf(model, r, "--rather"));
            }
        }
        // Q: each --rather, else the runner-up.
        QuestionPolicy policy = new QuestionPolicy.ClassContrasts(null, contrasts, contrasts.isEmpty() ? 1 : 0,
                line.hasOption("not-fully"), false);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(in)) {
            files = walk.filter(Files::isRegularFile).filter(wanted).sorted().toList();
        }
        int inOut = files.size();
        files = ResultFolders.outside(outDir, files);
        if (files.size() < inOut) {
            err.println("left out " + (inOut - files.size()) + " file(s) inside --out " + outDir + ", which lies in the input folder");
        }
        int leftovers = OutputStaging.removeLeftovers(outDir, Integer.MAX_VALUE);
        if (leftovers > 0) {
            err.println("removed " + leftovers + " half-written file(s) or folder(s) of an interrupted run from " + outDir);
        }
        Map<Path, Path> folders = ResultFolders.assign(in, outDir, files);
        List<Path> todo = new ArrayList<>();
        int existing = 0;
        for (Path f : files) {
            if (!overwrite && Files.isRegularFile(folders.get(f).resolve(ReportWriter.REPORT))) {
                existing++;
            } else {
                todo.add(f);
            }
        }
        List<Source> sources = todo.stream().map(f -> (Source) new FileSource(f, load)).toList();
        ReportSink sink = new ReportSink(new ReportWriter(Colormap.JET), model, modelName,
                s -> folders.get(((FileSource) s).file()));
        HtmlReport html = line.hasOption("html") ? new HtmlReport("explain4j: " + Path.of(modelName).getFileName() + " on " + in) : null;
        if (html != null) {
            sink.withHtml(html, s -> {
                String rel = outDir.relativize(folders.get(((FileSource) s).file())).toString().replace('\\', '/');
                return rel.isEmpty() ? "" : rel + "/";
            });
        }
        long start = System.nanoTime();
        RunSummary summary;
        int[] done = {0};
        try (Interruption stop = new Interruption(outDir, () -> "finished " + done[0] + " of " + todo.size() + " inputs", err);
             ProgressBar bar = Progress.bar("explaining", todo.size(), err)) {
            summary = new Runner(method, policy, batch).run(sources.iterator(), stop.guard(sink), (s, ok) -> {
                done[0]++;
                bar.step();
            });
        }
        int explained = summary.explained();
        List<String> skipped = summary.skipped();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "explained %d images in %.1f s (%.1f images/s end to end) into %s%n", explained, seconds,
                explained / Math.max(seconds, 1e-9), outDir);
        if (existing > 0) {
            out.println("kept " + existing + " existing results (--overwrite redoes them)");
        }
        if (html != null) {
            html.write(outDir.resolve(HtmlReport.FILE));
            out.println("wrote " + outDir.resolve(HtmlReport.FILE) + " (" + html.size() + " inputs explained in this run)");
        }
        if (!skipped.isEmpty()) {
            err.println("skipped " + skipped.size() + " unreadable file(s):");
            skipped.forEach(s -> err.println("  " + s));
        }
        return ExplainCli.OK;
    }

    /** An image or .npy file of the folder, loaded as the model's input. */
    private record FileSource(Path file, java.util.function.Function<Path, ModelInput> loader) implements Source {
        @Override
        public String name() {
            return file.toString();
        }

        @Override
        public ModelInput load() {
            return loader.apply(file);
        }
    }

    static boolean looksLikeImage(Path p) {
        return ModelInputs.takes(p.getFileName().toString());
    }


}
