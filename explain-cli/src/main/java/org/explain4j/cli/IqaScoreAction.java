package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.explain4j.core.io.InputException;
import org.explain4j.core.io.PixelLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.render.Images;
import org.explain4j.iqa.score.QualityEvaluation;
import org.explain4j.iqa.score.QualityScorer;

/**
 * {@code explain iqa score}: the image score of a saved model (non-overlapping 32x32 patches, mean or
 * weighted mean) for an image or every image under a folder, optionally written as CSV; or, with
 * {@code --data-dir}, its SROCC / PLCC against a rated data set's scores (all of its images).
 */
final class IqaScoreAction {

    private IqaScoreAction() {
    }

    static int score(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (line.hasOption("data-dir") == line.hasOption("input")) {
            throw new UsageException("iqa score takes --input IMAGE|FOLDER or --data-dir DIR (a rated data set), one of them");
        }
        String input = Arguments.single(line, "input");
        QualityScorer scorer = new QualityScorer(IqaExplainAction.model(line));
        if (line.hasOption("data-dir")) {
            return evaluate(line, scorer, out, err);
        }
        Path in = Path.of(input);
        Path csv = line.hasOption("out") ? Arguments.outputFile(Path.of(line.getOptionValue("out")), "--out") : null;
        boolean fr = scorer.variant().fullReference();
        if (Files.isDirectory(in)) {
            if (fr) {
                throw new UsageException("a full-reference model scores one --input against its --reference, not a folder");
            }
            return folder(in, scorer, csv, Arguments.pixelLimit(line), out, err);
        }
        if (!Files.isRegularFile(in)) {
            throw new UsageException("input file not found: " + in);
        }
        if (fr && !line.hasOption("reference")) {
            throw new UsageException("this is a full-reference model: give the undistorted image with --reference");
        }
        var image = Images.toArray(IqaExplainAction.read(in, Arguments.pixelLimit(line)));
        QualityScorer.Scored s;
        if (fr) {
            var reference = Images.toArray(IqaExplainAction.read(Path.of(line.getOptionValue("reference")), Arguments.pixelLimit(line)));
            if (!java.util.Arrays.equals(reference.shape(), image.shape())) {
                throw new UsageException("--reference must have the size of --input: " + image.size(2) + "x" + image.size(1)
                        + " against " + reference.size(2) + "x" + reference.size(1));
            }
            s = scorer.score(image, reference);
        } else {
            s = scorer.score(image);
        }
        List<String> rows = List.of(row(in, s));
        if (csv != null) {
            writeCsv(csv, rows);
        }
        out.printf(Locale.ROOT, "%s: score %.4f (%s of %d patches)%n", in, s.score(), scorer.variant().weighted() ? "weighted mean" : "mean",
                s.patchScores().length());
        return ExplainCli.OK;
    }

    private static int folder(Path in, QualityScorer scorer, Path csv, PixelLimit limit, PrintStream out, PrintStream err) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(in)) {
            files = walk.filter(Files::isRegularFile).filter(FolderExplainAction::looksLikeImage)
                    .filter(f -> !f.toString().endsWith(".npy")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new UsageException("no images (PNG, JPEG, BMP, GIF) under " + in);
        }
        List<String> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (ProgressBar bar = Progress.bar("scoring", files.size(), err)) {
            for (Path f : files) {
                try {
                    rows.add(row(in.relativize(f), scorer.score(Images.toArray(IqaExplainAction.read(f, limit)))));
                } catch (UsageException | InputException e) {
                    skipped.add(e.getMessage());
                }
                bar.step();
            }
        }
        if (csv != null) {
            writeCsv(csv, rows);
        }
        out.println("file,score,patches");
        rows.forEach(out::println);
        if (!skipped.isEmpty()) {
            err.println("skipped " + skipped.size() + " unreadable file(s):");
            skipped.forEach(s -> err.println("  " + s));
        }
        return ExplainCli.OK;
    }

    private static int evaluate(CommandLine line, QualityScorer scorer, PrintStream out, PrintStream err) throws Exception {
        IqaData data = IqaData.from(line);
        QualityEvaluation.Report r;
        try (ProgressBar bar = Progress.bar("scoring", data.samples().size(), err)) {
            r = QualityEvaluation.evaluate(scorer, data.samples(), data.toUnit(), bar::stepTo);
        }
        out.printf(Locale.ROOT, "# %s on all %d images of %s%n%n", line.getOptionValue("model", "models/iqa.fb"), data.samples().size(),
                line.getOptionValue("data-dir"));
        data.print(r, out);
        return ExplainCli.OK;
    }

    private static String row(Path file, QualityScorer.Scored s) {
        String name = file.toString();
        if (name.contains(",") || name.contains("\"")) {
            name = '"' + name.replace("\"", "\"\"") + '"';
        }
        return String.format(Locale.ROOT, "%s,%.6f,%d", name, s.score(), s.patchScores().length());
    }

    private static void writeCsv(Path csv, List<String> rows) throws java.io.IOException {
        if (csv.getParent() != null) {
            Files.createDirectories(csv.getParent());
        }
        AtomicFiles.write(csv, tmp -> Files.writeString(tmp, "file,score,patches\n" + String.join("\n", rows) + "\n"));
    }
}
