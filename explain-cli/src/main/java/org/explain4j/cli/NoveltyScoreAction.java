package org.explain4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.io.ModelInputs;
import org.explain4j.core.run.ResultFolders;
import org.explain4j.core.run.Source;
import org.explain4j.recognition.novelty.detector.NoveltyDetector;
import org.explain4j.recognition.novelty.detector.NoveltyRun;

/**
 * {@code explain recognition novelty-score}: every image (or .npy array) below a folder scored by a saved detector,
 * into {@code OUT/novelty-scores.json}: per input its reconstruction error, per decoder weight the gradient's norm and
 * its cosines to GradCON's reference and to the mean inlier gradient, and every score (higher: more novel).
 * Unreadable inputs are listed with their reasons.
 */
final class NoveltyScoreAction {

    static final String FILE = "novelty-scores.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NoveltyScoreAction() {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (!line.hasOption("detector") || !line.hasOption("input") || !line.hasOption("out")) {
            throw new UsageException("novelty-score needs --detector DIR, --input DIR and --out DIR");
        }
        Path in = Path.of(Arguments.single(line, "input"));
        if (!Files.isDirectory(in)) {
            throw new UsageException("--input " + in + " is not a folder");
        }
        Path outDir = Arguments.outputFolder(Path.of(line.getOptionValue("out")));
        NoveltyDetector detector = NoveltyDetector.load(Path.of(line.getOptionValue("detector")));
        NoveltyRun run = new NoveltyRun(detector, Arguments.positiveInt(line, "batch", 64), Arguments.pixelLimit(line));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(in)) {
            files = walk.filter(Files::isRegularFile).filter(f -> ModelInputs.takes(f.getFileName().toString())).sorted().toList();
        }
        files = ResultFolders.outside(outDir, files);
        if (files.isEmpty()) {
            throw new UsageException("no images or .npy arrays under " + in);
        }
        List<Source> sources = files.stream().map(f -> (Source) new FileInput(f.toString(), run)).toList();
        List<NoveltyRun.Scored> scored;
        try (ProgressBar bar = Progress.bar("scoring", files.size(), err)) {
            scored = run.score(sources, bar::stepTo);
        }
        Files.createDirectories(outDir);
        AtomicFiles.write(outDir.resolve(FILE), tmp -> JSON.writeValue(tmp.toFile(), scored));
        long ok = scored.stream().filter(NoveltyRun.Scored::scored).count();
        out.printf(Locale.ROOT, "scored %d of %d inputs with the detector of inlier class %d (%s) into %s%n", ok, scored.size(),
                detector.settings().inlier(), detector.settings().data(), outDir.resolve(FILE));
        List<NoveltyRun.Scored> bad = scored.stream().filter(s -> !s.scored()).toList();
        if (!bad.isEmpty()) {
            err.println("skipped " + bad.size() + " unreadable file(s):");
            bad.forEach(s -> err.println("  " + s.error()));
        }
        return ExplainCli.OK;
    }

    /** An input file, read when its batch comes. */
    private record FileInput(String name, NoveltyRun run) implements Source {
        @Override
        public ModelInput load() {
            return run.inputs().load(Path.of(name));
        }
    }
}
