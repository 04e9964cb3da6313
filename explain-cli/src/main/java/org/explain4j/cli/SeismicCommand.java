package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.explain4j.core.io.InputException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.datasets.segy.SegyFile;
import org.explain4j.datasets.segy.SegyOptions;
import org.explain4j.datasets.seismic.SeismicKind;
import org.explain4j.datasets.seismic.Section;
import org.explain4j.datasets.seismic.SyntheticSeismic;
import org.explain4j.datasets.landmass.LandmassReader;
import org.explain4j.seismic.train.SeismicTrainer;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.io.ModelInputs;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.run.Source;
import org.nd4j.linalg.api.ndarray.INDArray;
import java.nio.file.Files;
import org.nd4j.linalg.factory.Nd4j;

/** {@code explain seismic <action>}: SEG-Y surveys. */
public final class SeismicCommand implements Command {

    private static final String ACTIONS = "generate, train, explain, figure, section, evidence, bench, info, slice";

    @Override
    public String name() {
        return "seismic";
    }

    @Override
    public String summary() {
        return "seismic: generate | train | explain | figure | section (\"Why fault, rather than salt dome?\" over a SEG-Y inline) | bench | info | slice";
    }

    @Override
    public String syntax() {
        return "<generate|train|explain|figure|section|evidence|bench|info|slice> [options]";
    }

    @Override
    public String footer() {
        return """
                Actions:
                  generate --out DIR [--patches-per-class N] [--survey ILxXLxS] [--seed N]: 99x99 patches
                         of horizon, chaotic, fault and salt_dome in the LANDMASS layout (DIR/<class>/*.mat,
                         default 250 per class) and DIR/survey.sgy (default 20x200x150) with a fault, and
                         DIR/survey-fault-mask.npy (its fault band, [crosslines, samples], on every inline)
                  train  --data DIR [--model FILE] [--epochs N] [--batch N] [--lr X] [--patience N]
                         [--seed N]: the four-class CNN on LANDMASS-layout patches; prints the test
                         accuracy, per-class precision and recall and the confusion matrix
                  explain --input PATCH|DIR (.mat, .npy or image, 99x99) [--model FILE] [--why P]
                         [--rather Q]... [--not-fully] [--method NAME] [--out DIR]: as explain core,
                         with the shipped classifier unless --model (or models/seismic.fb) is given; a
                         folder is explained patch by patch into OUT/<patch>/, bad files skipped
                  figure [--data DIR | --seed N] [--why P] [--rather Q1 [--rather Q2]] [--method NAME]
                         [--out DIR]: the paper's table, one row per class (Input | Why P? | Q1 |
                         Why P, rather than Q1? | Q2 | Why P, rather than Q2? | Why not P with full confidence?)
                  section (--segy FILE (--inline N | --crossline N) | --input SECTION.npy|DIR) [--why P]
                         [--rather Q]... [--not-fully] [--method NAME] [--stride N] [--batch N] [--out DIR]:
                         windows of the model's patch size every --stride (default 8) traces and samples,
                         classified and explained; section.png (the section, the class map, each question's
                         map, class boundaries drawn), classes.npy, <question>.npy (signed maps, [traces,
                         samples]) and section.json. With --why P only windows classified P answer.
                  evidence [--sections N] [--traces N] [--samples N] [--stride N] [--seed N] [--method NAME]:
                         on generated sections (default 50 of each, 400 x 200), the share of the
                         "Why fault, rather than salt dome?" map's positive mass in the fault band and of
                         "Why salt dome, rather than fault?" in the salt body, over the mask's area share
                  bench  [--traces N] [--samples N] [--stride N] [--batch N] [--method NAME] [--warmup N] [--repeats N]:
                         windows per second explained vs only classified on a generated section
                         (default 1000 x 500, stride 8), timed alternately in one run
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

    /** Contrasts may be repeated. */
    @Override
    public Set<String> repeatable() {
        return Set.of("rather");
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("segy").hasArg().argName("FILE").desc("the SEG-Y file").build());
        o.addOption(Option.builder().longOpt("inline").hasArg().argName("N").desc("slice: an inline number").build());
        o.addOption(Option.builder().longOpt("crossline").hasArg().argName("N").desc("slice: a crossline number").build());
        o.addOption(Option.builder().longOpt("depth").hasArg().argName("K").desc("slice: a sample index (0-based)").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("FILE.npy|DIR").desc("slice: the .npy to write; other actions: the output folder").build());
        o.addOption(Option.builder().longOpt("endian").hasArg().argName("big|little").desc("byte order (default: detected)").build());
        o.addOption(Option.builder().longOpt("iline-byte").hasArg().argName("B").desc("inline number's trace-header byte (default 189)").build());
        o.addOption(Option.builder().longOpt("xline-byte").hasArg().argName("B").desc("crossline number's trace-header byte (default 193)").build());
        o.addOption(Option.builder().longOpt("no-geometry").desc("info: traces only, no inline/crossline grid").build());
        o.addOption(Option.builder().longOpt("patches-per-class").hasArg().argName("N").desc("generate: patches per class (default 250); figure: generated candidates per class (20)").build());
        o.addOption(Option.builder().longOpt("survey").hasArg().argName("ILxXLxS").desc("generate: survey size (default 20x200x150)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("N").desc("generate, train, bench: seed (default 1); figure: generated patches' seed (default 7); evidence: first section's (1000)").build());
        o.addOption(Option.builder().longOpt("data").hasArg().argName("DIR").desc("train, figure: LANDMASS-layout folder").build());
        o.addOption(Option.builder().longOpt("input").hasArg().argName("PATCH").desc("explain: a .mat, .npy or image patch, or a folder; section: a [traces, samples] .npy or a folder").build());
        o.addOption(Option.builder().longOpt("stride").hasArg().argName("N").desc("section, bench: window step in traces and samples (default 8)").build());
        o.addOption(Option.builder().longOpt("rows").hasArg().argName("N").desc("figure: rows (default 4, one per class)").build());
        o.addOption(Option.builder().longOpt("overwrite").desc("explain DIR: redo patches whose results exist").build());
        o.addOption(Option.builder().longOpt("html").desc("explain, section (one section), figure: also write report.html (the inputs, predictions and maps; or the figure) in --out").build());
        o.addOption(Option.builder().longOpt("traces").hasArg().argName("N").desc("bench: section traces (default 1000); evidence: 400").build());
        o.addOption(Option.builder().longOpt("sections").hasArg().argName("N").desc("evidence: sections of each kind (default 50)").build());
        o.addOption(Option.builder().longOpt("samples").hasArg().argName("N").desc("bench: section samples (default 500); evidence: 200").build());
        o.addOption(Option.builder().longOpt("repeats").hasArg().argName("N").desc("bench: timed repetitions (default 5)").build());
        o.addOption(Option.builder().longOpt("warmup").hasArg().argName("N").desc("bench: untimed repetitions first (default 2)").build());
        o.addOption(Option.builder().longOpt("why").hasArg().argName("P").desc("explain: the class P (default: the predicted one)").build());
        o.addOption(Option.builder().longOpt("rather").hasArg().argName("Q").desc("explain: a contrast class, repeatable (default: the runner-up)").build());
        o.addOption(Option.builder().longOpt("not-fully").desc("explain: add \"Why not P with full confidence?\"").build());
        o.addOption(Option.builder().longOpt("what-if-not").desc("explain: add \"What if not P?\"").build());
        MethodArguments.options().getOptions().forEach(o::addOption);
        o.addOption(Arguments.pixelLimitOption());
        o.addOption(Option.builder().longOpt("model").hasArg().argName("FILE").desc("train: where to save (default models/seismic.fb)").build());
        o.addOption(Option.builder().longOpt("epochs").hasArg().argName("N").desc("train: most epochs (default 12)").build());
        o.addOption(Option.builder().longOpt("batch").hasArg().argName("N").desc("train: batch size (default 32); section, evidence, bench: windows per batch (default 32); explain DIR: patches per batch (16)").build());
        o.addOption(Option.builder().longOpt("lr").hasArg().argName("X").desc("train: Adam learning rate (default 1e-3)").build());
        o.addOption(Option.builder().longOpt("patience").hasArg().argName("N").desc("train: epochs without a better validation accuracy before stopping (default 3)").build());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new UsageException("seismic needs an action: " + ACTIONS + " (see explain seismic --help)");
        }
        CommandLine line = ExplainCli.parse(this, Arrays.copyOfRange(args, 1, args.length));
        return switch (args[0]) {
            case "generate" -> generate(line, out, err);
            case "train" -> train(line, out, err);
            case "explain" -> explain(line, out, err);
            case "section" -> SeismicSectionAction.run(line, out, err, commandLine(args));
            case "figure" -> SeismicFigureAction.run(line, out, err, commandLine(args));
            case "bench" -> SeismicBenchAction.run(line, out, err);
            case "evidence" -> SeismicEvidenceAction.run(line, out, err);
            case "info" -> info(line, out);
            case "slice" -> slice(line, out);
            default -> throw new UsageException("unknown action '" + args[0] + "'; actions: " + ACTIONS);
        };
    }

    private static String commandLine(String[] args) {
        return "bin/explain seismic " + String.join(" ", args);
    }

    /** --endian, --iline-byte and --xline-byte as reading options (explain-spark reads surveys with them too). */
    public static SegyOptions options(CommandLine line, boolean geometry) {
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

    private static int generate(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (!line.hasOption("out")) {
            throw new UsageException("missing required option --out DIR");
        }
        Path dir = Arguments.outputFolder(Path.of(line.getOptionValue("out")));
        int perClass = Arguments.positiveInt(line, "patches-per-class", 250);
        long seed = Arguments.longValue(line, "seed", 1);
        int[] size = surveySize(line.getOptionValue("survey", "20x200x150"));
        int written;
        try (me.tongfei.progressbar.ProgressBar bar = Progress.bar("patches", (long) perClass * SeismicKind.values().length, err)) {
            written = SyntheticSeismic.writeLandmass(dir, perClass, seed, (done, total) -> bar.stepTo(done));
        }
        Path survey = dir.resolve("survey.sgy");
        Section geology = SyntheticSeismic.writeSurvey(survey, size[0], size[1], size[2], SeismicKind.FAULT, seed);
        float[][] mask = new float[geology.traces()][geology.samples()];
        for (int x = 0; x < mask.length; x++) {
            for (int z = 0; z < mask[x].length; z++) {
                mask[x][z] = geology.fault()[x][z] ? 1 : 0;
            }
        }
        NpyFiles.write(dir.resolve("survey-fault-mask.npy"), Nd4j.createFromArray(mask));
        out.printf(Locale.ROOT, "wrote %d patches (%s) and a %dx%dx%d survey to %s%n", written,
                String.join(", ", Arrays.stream(SeismicKind.values()).map(SeismicKind::folder).toList()), size[0], size[1], size[2], dir);
        return ExplainCli.OK;
    }

    private static int explain(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (!line.hasOption("input")) {
            throw new UsageException("missing required option --input PATCH|DIR");
        }
        Path outDir = Arguments.outputFolder(Path.of(line.getOptionValue("out", "explanations/seismic")));
        Path input = Path.of(line.getOptionValue("input"));
        SeismicModels m = SeismicModels.open(line);
        Function<Path, ModelInput> load = patchLoader(m.model(), Arguments.pixelLimit(line));
        if (Files.isDirectory(input)) {
            if (line.hasOption("why")) {
                throw new UsageException("a folder run answers each patch's own prediction; --why is for one patch");
            }
            return FolderExplainAction.run(line, m.model(), m.file(), m.name(), load,
                    f -> FolderExplainAction.looksLikeImage(f) || f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mat"),
                    input, outDir, out, err);
        }
        CoreCommand.explainOne(line, m.model(), m.name(), Source.of(input.toString(), load.apply(input)), outDir, CoreCommand.colormap("jet"), out);
        return ExplainCli.OK;
    }

    /** A patch file as the model's input: .mat as LANDMASS stores it ([-1,1]), .npy and images as the model's card says. */
    private static Function<Path, ModelInput> patchLoader(ExplainableModel model, org.explain4j.core.io.PixelLimit limit) {
        ModelInputs loader = new ModelInputs(model.inputShape(), model.card().preprocessing(), model.dataType(), limit);
        return input -> {
            if (!input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mat")) {
                return loader.load(input);
            }
            float[][] p = LandmassReader.patch(input);
            if (p.length != model.inputShape()[1] || p[0].length != model.inputShape()[2]) {
                throw new InputException(input + " is " + p.length + "x" + p[0].length + "; the model takes "
                        + model.inputShape()[1] + "x" + model.inputShape()[2] + " patches");
            }
            INDArray x = Nd4j.createFromArray(p).reshape(1, 1, p.length, p[0].length).castTo(model.dataType());
            return new ModelInput(x, loader.display(x.slice(0)));
        };
    }

    private static int train(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (!line.hasOption("data")) {
            throw new UsageException("missing required option --data DIR (bin/explain seismic generate --out DIR writes one)");
        }
        Path model = Arguments.outputFile(Path.of(line.getOptionValue("model", "models/seismic.fb")), "--model");
        double lr = Arguments.doubleValue(line, "lr", 1e-3);
        if (!(lr > 0)) {
            throw new UsageException("--lr must be positive");
        }
        SeismicTrainer.Options o = new SeismicTrainer.Options(Arguments.positiveInt(line, "epochs", 12), Arguments.positiveInt(line, "batch", 32),
                lr, Arguments.nonNegativeInt(line, "patience", 3), Arguments.longValue(line, "seed", 1));
        LandmassReader.Loaded data = LandmassReader.read(Path.of(line.getOptionValue("data")));
        if (data.data().size() < 10) {
            throw new UsageException(line.getOptionValue("data") + " holds " + data.data().size() + " patches; at least 10 are needed to split");
        }
        data.skipped().forEach(s -> err.println("skipped " + s));
        SeismicTrainer.Result r;
        try (TrainingBars bars = new TrainingBars(err)) {
            r = SeismicTrainer.train(data.data(), o, bars);
        }
        r.model().saveOrRescue(model);
        out.print(r.markdown());
        out.println("model: " + model + " (with its card)");
        return ExplainCli.OK;
    }

    private static int[] surveySize(String v) {
        String[] p = v.toLowerCase(Locale.ROOT).split("x");
        try {
            int[] s = {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim())};
            if (p.length != 3 || s[0] < 1 || s[1] < 2 || s[2] < 8 || (long) s[0] * s[1] * s[2] > 500_000_000L) {
                throw new NumberFormatException();
            }
            return s;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new UsageException("--survey " + v + ": inlines x crosslines x samples, e.g. 20x200x150 (at least 1x2x8)");
        }
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
