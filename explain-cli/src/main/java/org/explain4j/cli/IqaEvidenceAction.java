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
import java.util.TreeMap;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.render.Images;
import org.explain4j.iqa.evidence.DistortedRegion;
import org.explain4j.iqa.evidence.RegionEvidence;
import org.explain4j.iqa.explain.Contrast;
import org.explain4j.iqa.explain.QualityMaps;

/** {@code explain iqa evidence}: the region test of issue 4 over every local-patch image a synthetic set's {@code regions.csv} lists. */
final class IqaEvidenceAction {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private IqaEvidenceAction() {
    }

    static int evidence(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        String rather = Arguments.single(line, "rather");
        if (!line.hasOption("data-dir")) {
            throw new UsageException("missing required option --data-dir (a synthetic set with regions.csv)");
        }
        Path dir = Path.of(line.getOptionValue("data-dir"));
        if (!Files.isDirectory(dir)) {
            throw new UsageException("data folder not found: " + dir);
        }
        ExplainableModel model = IqaExplainAction.model(line);
        int stride = Arguments.positiveInt(line, "stride", 4);
        double target = rather != null ? IqaExplainAction.target(rather) : 1.0;
        Path json = line.hasOption("out") ? Arguments.outputFile(Path.of(line.getOptionValue("out")), "--out") : null;
        List<DistortedRegion> regions = DistortedRegion.read(dir.resolve("regions.csv"));
        Contrast contrast = IqaExplainAction.contrast(line);
        QualityMaps maps = IqaExplainAction.maps(line, model, contrast);
        if (contrast.perWindow() && !line.hasOption("rather")) {
            // Without --rather, the per-window contrast picks its two targets per image.
            return windows(line, dir, regions, maps, contrast, stride, json, out, err);
        }
        List<RegionEvidence.Case> cases = new ArrayList<>();
        Map<Integer, List<RegionEvidence.Case>> byLevel = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        try (ProgressBar bar = Progress.bar("explaining", regions.size(), err)) {
            for (DistortedRegion r : regions) {
                Path file = dir.resolve("images").resolve(r.image());
                bar.step();
                java.awt.image.BufferedImage image;
                try {
                    image = IqaExplainAction.read(file, Arguments.pixelLimit(line));
                } catch (UsageException | org.explain4j.core.io.InputException e) {
                    skipped.add(e.getMessage());
                    continue;
                }
                RegionEvidence.Case c = RegionEvidence.measure(maps, r.image(), Images.toArray(image), r, stride, target, contrast);
                cases.add(c);
                byLevel.computeIfAbsent(level(r.image()), k -> new ArrayList<>()).add(c);
            }
        }
        out.printf(Locale.ROOT, "# \"rather than %s\" map (%s contrast) mass inside the distorted square / the square's area share, stride %d%n%n",
                fmt(target), contrast.label(), stride);
        out.println("| level | images | mean area share | mean mass inside | mean ratio | median ratio | ratio >= 2 |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|");
        byLevel.forEach((level, cs) -> row(out, String.valueOf(level), cs));
        row(out, "all", cases);
        RegionEvidence.Summary all = RegionEvidence.Summary.of(cases);
        if (json != null) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("dataDir", dir.toString());
            report.put("target", target);
            report.put("stride", stride);
            report.put("summary", all);
            report.put("cases", cases.stream().map(c -> Map.of("image", c.image(), "score", c.score(), "massInside", c.massInside(),
                    "areaShare", c.areaShare(), "ratio", c.ratio())).toList());
            if (json.getParent() != null) {
                Files.createDirectories(json.getParent());
            }
            AtomicFiles.write(json, tmp -> JSON.writeValue(tmp.toFile(), report));
        }
        out.printf(Locale.ROOT, "%nmean ratio %.2f over %d images (issue 4 asks for at least 2)%n", all.meanRatio(), all.images());
        if (!skipped.isEmpty()) {
            err.println("skipped " + skipped.size() + " unreadable file(s):");
            skipped.forEach(m -> err.println("  " + m));
        }
        return ExplainCli.OK;
    }

    /** The per-window contrast's evidence: for each image, the two targets between its damaged and clean windows. */
    private static int windows(CommandLine line, Path dir, List<DistortedRegion> regions, QualityMaps maps, Contrast contrast, int stride,
                               Path json, PrintStream out, PrintStream err) throws Exception {
        List<RegionEvidence.WindowCase> cases = new ArrayList<>();
        Map<Integer, List<RegionEvidence.WindowCase>> byLevel = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        try (ProgressBar bar = Progress.bar("explaining", regions.size(), err)) {
            for (DistortedRegion r : regions) {
                bar.step();
                try {
                    java.awt.image.BufferedImage image = IqaExplainAction.read(dir.resolve("images").resolve(r.image()), Arguments.pixelLimit(line));
                    RegionEvidence.WindowCase c = RegionEvidence.measureWindows(maps, r.image(), Images.toArray(image), r, stride, contrast);
                    cases.add(c);
                    byLevel.computeIfAbsent(level(r.image()), k -> new ArrayList<>()).add(c);
                } catch (UsageException | org.explain4j.core.io.InputException e) {
                    skipped.add(e.getMessage());
                }
            }
        }
        out.printf(Locale.ROOT, "# per-window contrast (%s paste), stride %d: t_below = mean score of the windows overlapping the square,"
                + " t_above = mean score of the others%n", contrast == Contrast.WINDOW ? "ReLU" : "signed", stride);
        out.println("# clean ratio: the \"rather than t_below\" map's positive mass outside the square / the clean area share");
        out.println("# square ratio: the \"rather than t_above\" map's positive mass inside the square / the square's area share");
        out.println();
        out.println("| level | images | mean t_below | mean t_above | mean clean ratio | clean ratio > 1 | mean square ratio | median square ratio | square ratio >= 2 |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        byLevel.forEach((level, cs) -> windowRow(out, String.valueOf(level), cs));
        windowRow(out, "all", cases);
        if (json != null) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("dataDir", dir.toString());
            report.put("contrast", contrast.label());
            report.put("layer", maps.layer());
            report.put("stride", stride);
            report.put("cases", cases);
            AtomicFiles.write(json, tmp -> JSON.writeValue(tmp.toFile(), report));
        }
        if (!skipped.isEmpty()) {
            err.println("skipped " + skipped.size() + " unreadable file(s):");
            skipped.forEach(m -> err.println("  " + m));
        }
        return ExplainCli.OK;
    }

    private static void windowRow(PrintStream out, String label, List<RegionEvidence.WindowCase> cases) {
        double[] square = cases.stream().mapToDouble(RegionEvidence.WindowCase::squareRatio).sorted().toArray();
        int n = square.length;
        double median = n == 0 ? Double.NaN : n % 2 == 1 ? square[n / 2] : (square[n / 2 - 1] + square[n / 2]) / 2;
        out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.2f | %.0f%% | %.2f | %.2f | %.0f%% |%n", label, n,
                cases.stream().mapToDouble(RegionEvidence.WindowCase::tBelow).average().orElse(Double.NaN),
                cases.stream().mapToDouble(RegionEvidence.WindowCase::tAbove).average().orElse(Double.NaN),
                cases.stream().mapToDouble(RegionEvidence.WindowCase::cleanRatio).average().orElse(Double.NaN),
                100.0 * cases.stream().filter(c -> c.cleanRatio() > 1).count() / Math.max(n, 1),
                java.util.Arrays.stream(square).average().orElse(Double.NaN), median,
                100.0 * java.util.Arrays.stream(square).filter(v -> v >= 2).count() / Math.max(n, 1));
    }

    private static void row(PrintStream out, String label, List<RegionEvidence.Case> cases) {
        RegionEvidence.Summary s = RegionEvidence.Summary.of(cases);
        out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.2f | %.2f | %.0f%% |%n", label, s.images(),
                cases.stream().mapToDouble(RegionEvidence.Case::areaShare).average().orElse(Double.NaN),
                cases.stream().mapToDouble(RegionEvidence.Case::massInside).average().orElse(Double.NaN),
                s.meanRatio(), s.medianRatio(), 100 * s.atLeastTwice());
    }

    /** The level of a KADID-style name {@code I01_08_05.png}; 0 when the name has another form. */
    private static int level(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("_(\\d+)\\.[A-Za-z]+$").matcher(name);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
