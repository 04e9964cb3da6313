package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.datasets.segy.SegyFile;
import org.explain4j.datasets.segy.SegyOptions;
import org.nd4j.linalg.factory.Nd4j;

/** {@code explain seismic <action>}: SEG-Y surveys. */
final class SeismicCommand implements Command {

    @Override
    public String name() {
        return "seismic";
    }

    @Override
    public String summary() {
        return "seismic surveys: info (SEG-Y headers and geometry) | slice (an inline, crossline or depth slice as .npy)";
    }

    @Override
    public String syntax() {
        return "<info|slice> --segy FILE [options]";
    }

    @Override
    public String footer() {
        return """
                Actions:
                  info   --segy FILE: byte order, text encoding, revision, sample format, samples per
                         trace and interval, traces, sorting, inline and crossline ranges, text header
                  slice  --segy FILE (--inline N | --crossline N | --depth K) --out FILE.npy: float32,
                         [traces, samples] for an inline or crossline (as segyio's iline[] / xline[]),
                         [inlines, crosslines] for a depth slice (sample index K)
                Reading: --endian big|little overrides the detected byte order; --iline-byte B and
                --xline-byte B give the trace-header positions of the inline and crossline numbers
                (default 189 / 193; older surveys 9 / 21 or 17 / 13); info --no-geometry skips the grid.
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("segy").hasArg().argName("FILE").desc("the SEG-Y file").build());
        o.addOption(Option.builder().longOpt("inline").hasArg().argName("N").desc("slice: an inline number").build());
        o.addOption(Option.builder().longOpt("crossline").hasArg().argName("N").desc("slice: a crossline number").build());
        o.addOption(Option.builder().longOpt("depth").hasArg().argName("K").desc("slice: a sample index (0-based)").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("FILE.npy").desc("slice: the .npy to write").build());
        o.addOption(Option.builder().longOpt("endian").hasArg().argName("big|little").desc("byte order (default: detected)").build());
        o.addOption(Option.builder().longOpt("iline-byte").hasArg().argName("B").desc("inline number's trace-header byte (default 189)").build());
        o.addOption(Option.builder().longOpt("xline-byte").hasArg().argName("B").desc("crossline number's trace-header byte (default 193)").build());
        o.addOption(Option.builder().longOpt("no-geometry").desc("info: traces only, no inline/crossline grid").build());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new UsageException("seismic needs an action: info or slice (see explain seismic --help)");
        }
        CommandLine line = ExplainCli.parse(this, Arrays.copyOfRange(args, 1, args.length));
        return switch (args[0]) {
            case "info" -> info(line, out);
            case "slice" -> slice(line, out);
            default -> throw new UsageException("unknown action '" + args[0] + "'; actions: info, slice");
        };
    }

    private static SegyOptions options(CommandLine line, boolean geometry) {
        SegyOptions o = SegyOptions.defaults();
        String endian = line.getOptionValue("endian");
        if (endian != null) {
            o = o.withOrder(switch (endian.toLowerCase(Locale.ROOT)) {
                case "big" -> ByteOrder.BIG_ENDIAN;
                case "little" -> ByteOrder.LITTLE_ENDIAN;
                default -> throw new UsageException("--endian " + endian + ": big or little");
            });
        }
        int il = Arguments.positiveInt(line, "iline-byte", SegyOptions.INLINE_BYTE);
        int xl = Arguments.positiveInt(line, "xline-byte", SegyOptions.CROSSLINE_BYTE);
        try {
            o = o.withBytes(il, xl);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return geometry ? o : o.withoutGeometry();
    }

    private static Path segy(CommandLine line) {
        if (!line.hasOption("segy")) {
            throw new UsageException("missing required option --segy FILE");
        }
        return Path.of(line.getOptionValue("segy"));
    }

    private static int info(CommandLine line, PrintStream out) throws Exception {
        try (SegyFile f = SegyFile.open(segy(line), options(line, !line.hasOption("no-geometry")))) {
            Map<String, Object> m = f.summary();
            m.forEach((k, v) -> out.printf(Locale.ROOT, "%-22s %s%n", k, v));
            out.println();
            String text = f.textHeader();
            for (int i = 0; i + 80 <= text.length(); i += 80) {
                String row = text.substring(i, i + 80).stripTrailing();
                out.println(row.chars().allMatch(c -> c >= 32 && c < 127) ? row : row.replaceAll("[^\\x20-\\x7e]", "."));
            }
        }
        return ExplainCli.OK;
    }

    private static int slice(CommandLine line, PrintStream out) throws Exception {
        int chosen = (line.hasOption("inline") ? 1 : 0) + (line.hasOption("crossline") ? 1 : 0) + (line.hasOption("depth") ? 1 : 0);
        if (chosen != 1) {
            throw new UsageException("slice takes one of --inline N, --crossline N, --depth K");
        }
        if (!line.hasOption("out")) {
            throw new UsageException("missing required option --out FILE.npy");
        }
        Path target = Arguments.outputFile(Path.of(line.getOptionValue("out")), "--out");
        float[][] slice;
        String what;
        try (SegyFile f = SegyFile.open(segy(line), options(line, true))) {
            if (line.hasOption("inline")) {
                int n = (int) Arguments.longValue(line, "inline", 0);
                slice = f.inline(n);
                what = "inline " + n;
            } else if (line.hasOption("crossline")) {
                int n = (int) Arguments.longValue(line, "crossline", 0);
                slice = f.crossline(n);
                what = "crossline " + n;
            } else {
                int k = Arguments.nonNegativeInt(line, "depth", 0);
                slice = f.depth(k);
                what = "depth index " + k;
            }
        }
        NpyFiles.write(target, Nd4j.createFromArray(slice));
        out.printf(Locale.ROOT, "%s: %d x %d float32 -> %s%n", what, slice.length, slice[0].length, target);
        return ExplainCli.OK;
    }
}
