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
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.io.InputException;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.core.report.HtmlReport;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.run.ResultFolders;
import org.explain4j.datasets.segy.SegyFile;
import org.explain4j.seismic.report.SectionFiles;
import org.explain4j.seismic.report.SectionJob;
import org.explain4j.seismic.report.SectionReport;
import org.explain4j.seismic.section.SectionExplainer;
import org.explain4j.seismic.section.SectionQuestions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code explain seismic section}: a whole inline or crossline of a SEG-Y survey (or sections stored as
 * [traces, samples] .npy files, one or a folder of them) explained window by window with the patch classifier;
 * the section view, the class map and every question's map as .npy ({@link SectionFiles}). A section is divided by
 * its largest absolute amplitude first, as the generator scales its sections and LANDMASS its patches ([-1,1]).
 */
final class SeismicSectionAction {

    private SeismicSectionAction() {
    }

    /** A section to explain: its amplitudes [traces][samples] and a title. */
    private record Loaded(float[][] traces, String title) {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err, String command) throws Exception {
        boolean survey = line.hasOption("segy");
        if (survey == line.hasOption("input")) {
            throw new UsageException("section takes --segy FILE with --inline N or --crossline N, or --input SECTION.npy|DIR");
        }
        if (survey && (line.hasOption("inline") == line.hasOption("crossline"))) {
            throw new UsageException("section takes one of --inline N, --crossline N with --segy");
        }
        Path outDir = Arguments.outputFolder(Path.of(line.getOptionValue("out", "explanations/seismic-section")));
        SeismicModels models = SeismicModels.open(line);
        int patch;
        try {
            patch = SectionExplainer.patchOf(models.model());
        } catch (IllegalArgumentException e) {
            throw new UsageException(models.name() + ": " + e.getMessage());
        }
        Integer why = line.hasOption("why") ? models.classOf(line.getOptionValue("why"), "--why") : null;
        List<Integer> rather = new ArrayList<>();
        for (String q : line.getOptionValues("rather") == null ? new String[0] : line.getOptionValues("rather")) {
            rather.add(models.classOf(q, "--rather"));
        }
        SectionQuestions questions = new SectionQuestions(why, rather, line.hasOption("not-fully"));
        SeismicModels.SectionRun run = models.sectionRun(line);
        Job job = new Job(run.explainer(), questions, models, run.spec(), command, err);
        if (survey) {
            Loaded section = fromSurvey(line);
            SectionReport r = job.explain(section, outDir);
            summary(out, r, outDir);
            html(line, r, outDir, out);
            return ExplainCli.OK;
        }
        Path in = Path.of(line.getOptionValue("input"));
        if (!Files.isDirectory(in)) {
            SectionReport r = job.explain(fromNpy(in, patch), outDir);
            summary(out, r, outDir);
            html(line, r, outDir, out);
            return ExplainCli.OK;
        }
        return folder(in, outDir, job, patch, out, err);
    }

    /** Every .npy below {@code in}, each into its own folder; a bad file is skipped with a warning and listed at the end. */
    private static int folder(Path in, Path outDir, Job job, int patch, PrintStream out, PrintStream err) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(in)) {
            files = walk.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")).sorted().toList();
        }
        files = ResultFolders.outside(outDir, files);
        if (files.isEmpty()) {
            throw new UsageException("no .npy sections under " + in);
        }
        OutputStaging.removeLeftovers(outDir, Integer.MAX_VALUE);
        Map<Path, Path> folders = ResultFolders.assign(in, outDir, files);
        List<String> skipped = new ArrayList<>();
        int done = 0;
        for (Path f : files) {
            try {
                SectionReport r = job.explain(fromNpy(f, patch), folders.get(f));
                out.printf(Locale.ROOT, "%s: %s -> %s%n", f, classCounts(r), folders.get(f));
                done++;
            } catch (InputException | UsageException e) {
                err.println("warning: skipped " + e.getMessage());
                skipped.add(e.getMessage());
            }
        }
        out.printf(Locale.ROOT, "explained %d of %d sections into %s%n", done, files.size(), outDir);
        if (!skipped.isEmpty()) {
            err.println("skipped " + skipped.size() + " file(s):");
            skipped.forEach(s -> err.println("  " + s));
        }
        return ExplainCli.OK;
    }

    /** The library's {@link SectionJob} with a progress bar over the windows. */
    private record Job(SectionJob job, PrintStream err) {

        Job(SectionExplainer explainer, SectionQuestions questions, SeismicModels models, MethodSpec spec, String command, PrintStream err) {
            this(new SectionJob(explainer, questions, models.model(), models.name(), spec.method() == null ? "gradcam" : spec.method(),
                    spec.layer(), command), err);
        }

        SectionReport explain(Loaded section, Path outDir) throws java.io.IOException {
            SectionJob.Prepared prepared = job.prepare(section.traces(), section.title());
            try (ProgressBar bar = Progress.bar("windows", prepared.windows(), err)) {
                return job.explain(prepared, outDir, (d, t) -> bar.stepTo(d));
            }
        }
    }

    private static Loaded fromSurvey(CommandLine line) {
        Path file = Path.of(line.getOptionValue("segy"));
        try (SegyFile f = SegyFile.open(file, SeismicCommand.options(line, true))) {
            if (line.hasOption("inline")) {
                int n = (int) Arguments.longValue(line, "inline", 0);
                return new Loaded(f.inline(n), "inline " + n + " of " + file.getFileName());
            }
            int n = (int) Arguments.longValue(line, "crossline", 0);
            return new Loaded(f.crossline(n), "crossline " + n + " of " + file.getFileName());
        }
    }

    private static Loaded fromNpy(Path file, int patch) {
        INDArray a = NpyFiles.read(file);
        if (a.rank() != 2) {
            throw new InputException(file + ": a section is a 2-D array [traces, samples]; this one is " + java.util.Arrays.toString(a.shape()));
        }
        if (a.size(0) < patch || a.size(1) < patch) {
            throw new InputException(file + ": the section is " + a.size(0) + " traces x " + a.size(1) + " samples; windows are "
                    + patch + "x" + patch);
        }
        return new Loaded(a.castTo(DataType.FLOAT).toFloatMatrix(), file.getFileName().toString());
    }

    /** --html for one section: the section view, then every question's map with its signed values under the pointer. */
    private static void html(CommandLine line, SectionReport r, Path outDir, PrintStream out) throws java.io.IOException {
        if (!line.hasOption("html")) {
            return;
        }
        List<HtmlReport.Panel> panels = new ArrayList<>();
        for (SectionReport.Answer a : r.answers()) {
            panels.add(new HtmlReport.Panel(r.method(), a.question(), a.picture(), HtmlReport.Grid.of(NpyFiles.read(outDir.resolve(a.signed())))));
        }
        panels.add(new HtmlReport.Panel(r.method(), "the section, its window classes and every map", r.figure(), null));
        HtmlReport html = new HtmlReport("explain4j seismic: " + r.section());
        html.add(new HtmlReport.Item(r.section(), classCounts(r), null, panels));
        html.write(outDir.resolve(HtmlReport.FILE));
        out.println("wrote " + outDir.resolve(HtmlReport.FILE));
    }

    private static String classCounts(SectionReport r) {
        return String.join(", ", r.windowsPerClass().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()) + " windows";
    }

    private static void summary(PrintStream out, SectionReport r, Path outDir) {
        out.printf(Locale.ROOT, "%s: %d traces x %d samples, %d windows (%s) in %.1f s%n", r.section(), r.traces(), r.samples(), r.windows(),
                classCounts(r), r.seconds());
        for (SectionReport.Answer a : r.answers()) {
            out.printf(Locale.ROOT, "%-48s %s%n", a.question(), outDir.resolve(a.signed()));
        }
        out.println("view: " + outDir.resolve(r.figure()) + "  report: " + outDir.resolve("section.json"));
    }
}
