package org.explain4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.core.saliency.baseline.CenterBias;
import org.explain4j.core.saliency.metrics.Grid;
import org.explain4j.core.saliency.metrics.GroundTruth;
import org.explain4j.core.saliency.metrics.SaliencyScores;
import org.explain4j.datasets.saliency.FixationImages;

/**
 * {@code explain core metrics}: every eye-tracking benchmark metric of one saliency map, as JSON, so that any
 * saliency model's output can be scored as the MIT/Tuebingen benchmark's code scores it.
 */
final class MetricsAction {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsAction() {
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("map").hasArg().argName("FILE").required()
                .desc("the saliency map: a 2-D .npy array ([H,W] or [1,H,W]) or an image (its grey level)").build());
        o.addOption(Option.builder().longOpt("fixations").hasArg().argName("FILE").required()
                .desc("the binary fixation map, an image (fixated where at least half as bright as its brightest pixel)").build());
        o.addOption(Option.builder().longOpt("density").hasArg().argName("FILE")
                .desc("the continuous fixation map for CC, SIM and KL (default: the fixations blurred as the benchmark does, 8 cycles/image)").build());
        o.addOption(Option.builder().longOpt("others").hasArg().argName("DIR")
                .desc("fixation maps of other images (shuffled AUC's negatives: their union, scaled to this map's size)").build());
        o.addOption(Option.builder().longOpt("baseline").hasArg().argName("FILE")
                .desc("the map information gain is measured over (default: a centre bias, Gaussian, a quarter of each side)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("N").desc("seed of the random AUCs' draws (default 1)").build());
        o.addOption(Arguments.pixelLimitOption());
        return o;
    }

    static int run(CommandLine line, PrintStream out) throws Exception {
        PixelLimit limit = Arguments.pixelLimit(line);
        Path mapFile = existing(line.getOptionValue("map"), "--map");
        Path fixFile = existing(line.getOptionValue("fixations"), "--fixations");
        Grid map = readMap(mapFile, limit);
        if (java.util.Arrays.stream(map.values()).anyMatch(v -> !Double.isFinite(v))) {
            throw new UsageException(mapFile + ": the saliency map holds NaN or infinite values");
        }
        Grid fixations = FixationImages.binary(fixFile, limit);
        if (!fixations.any()) {
            throw new UsageException(fixFile + ": the fixation map has no fixations (no pixel above 0)");
        }
        GroundTruth truth;
        String densityFrom;
        if (line.hasOption("density")) {
            Path densFile = existing(line.getOptionValue("density"), "--density");
            Grid density = FixationImages.grey(densFile, limit);
            if (!density.sameSize(fixations)) {
                throw new UsageException(densFile + " is " + density.width() + "x" + density.height() + " but the fixation map "
                        + fixations.width() + "x" + fixations.height());
            }
            truth = new GroundTruth(fixations, density);
            densityFrom = densFile.toString();
        } else {
            truth = GroundTruth.fromFixations(fixations);
            densityFrom = "the fixations blurred (antonioGaussian, 8 cycles per image)";
        }
        Grid others = line.hasOption("others") ? others(existingFolder(line.getOptionValue("others")), fixations, limit) : null;
        Grid baseline = line.hasOption("baseline") ? readMap(existing(line.getOptionValue("baseline"), "--baseline"), limit)
                : CenterBias.standard().map(fixations.height(), fixations.width());
        SaliencyScores s = SaliencyScores.of(map, truth, others, baseline, Arguments.longValue(line, "seed", 1));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("map", mapFile.toString());
        report.put("mapSize", List.of(map.height(), map.width()));
        report.put("fixations", fixFile.toString());
        report.put("fixationCount", fixations.positives().length);
        report.put("size", List.of(fixations.height(), fixations.width()));
        report.put("resized", !map.sameSize(fixations));
        report.put("density", densityFrom);
        report.put("others", line.getOptionValue("others"));
        report.put("baseline", line.hasOption("baseline") ? line.getOptionValue("baseline") : "centre bias");
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int k = 0; k < SaliencyScores.NAMES.size(); k++) {
            double v = s.values()[k];
            metrics.put(SaliencyScores.NAMES.get(k), Double.isNaN(v) ? null : v);
        }
        report.put("metrics", metrics);
        out.println(JSON.writeValueAsString(report));
        return ExplainCli.OK;
    }

    private static Grid readMap(Path file, PixelLimit limit) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            try {
                return Grid.of(NpyFiles.read(file));
            } catch (IllegalArgumentException e) {
                throw new UsageException(file + ": " + e.getMessage());
            }
        }
        return FixationImages.grey(file, limit);
    }

    /** The union of the fixation maps in {@code dir}, each scaled (nearest pixel) to {@code like}'s size. */
    private static Grid others(Path dir, Grid like, PixelLimit limit) throws java.io.IOException {
        double[] union = new double[like.values().length];
        int read = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                Grid g = FixationImages.binary(f, limit);
                for (int i : g.positives()) {
                    int y = (int) ((i / g.width()) * (long) like.height() / g.height());
                    int x = (int) ((i % g.width()) * (long) like.width() / g.width());
                    union[y * like.width() + x] = 1;
                }
                read++;
            }
        }
        if (read == 0) {
            throw new UsageException("--others " + dir + " holds no fixation maps");
        }
        return new Grid(like.height(), like.width(), union);
    }

    private static Path existing(String path, String option) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            throw new UsageException(option + " file not found: " + p);
        }
        return p;
    }

    private static Path existingFolder(String path) {
        Path p = Path.of(path);
        if (!Files.isDirectory(p)) {
            throw new UsageException("--others folder not found: " + p);
        }
        return p;
    }
}
