package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.cli.CommandLine;
import org.explain4j.datasets.iqa.Kadid10kReader;
import org.explain4j.datasets.iqa.QualitySample;
import org.explain4j.datasets.iqa.Tid2013Reader;
import org.explain4j.datasets.quality.QualityDistortions;
import org.explain4j.iqa.score.QualityEvaluation;

/**
 * A rated data set named on the command line ({@code --data-dir}, {@code --format}), its ratings'
 * map to [0,1] (KADID DMOS (d - 1) / 4, TID2013 MOS m / 9), and the agreement table train and score print.
 */
record IqaData(String format, List<QualitySample> samples, DoubleUnaryOperator toUnit) {

    static IqaData from(CommandLine line) throws java.io.IOException {
        if (!line.hasOption("data-dir")) {
            throw new UsageException("missing required option --data-dir");
        }
        Path dir = Path.of(line.getOptionValue("data-dir"));
        if (!Files.isDirectory(dir)) {
            throw new UsageException("data folder not found: " + dir + " (bin/explain iqa generate --out " + dir + " writes one)");
        }
        String format = line.getOptionValue("format", "kadid");
        return switch (format) {
            case "kadid" -> new IqaData(format, Kadid10kReader.read(dir), m -> (m - 1) / 4);
            case "tid2013" -> new IqaData(format, Tid2013Reader.read(dir), m -> m / 9);
            default -> throw new UsageException("--format " + format + ": expected kadid or tid2013");
        };
    }

    /** The overall line and the per-distortion Markdown table; synthetic distortion names where the layout is KADID's. */
    void print(QualityEvaluation.Report r, PrintStream out) {
        out.printf(Locale.ROOT, "SROCC %.4f, PLCC %.4f over %d images%n%n", r.overall().srocc(), r.overall().plcc(), r.overall().images());
        out.println("| distortion | images | SROCC | PLCC |\n|---|---:|---:|---:|");
        for (QualityEvaluation.Agreement a : r.perDistortion()) {
            int d = Integer.parseInt(a.group().replaceAll("\\D", ""));
            String name = format.equals("kadid") && d <= QualityDistortions.NAMES.size()
                    ? a.group() + " (" + QualityDistortions.NAMES.get(d - 1) + " if synthetic)" : a.group();
            out.printf(Locale.ROOT, "| %s | %d | %.4f | %.4f |%n", name, a.images(), a.srocc(), a.plcc());
        }
    }
}
