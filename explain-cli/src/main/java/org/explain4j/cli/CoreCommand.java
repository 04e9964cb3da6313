package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.io.InputException;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.io.ModelInputs;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.report.ExplanationReport;
import org.explain4j.core.report.ReportSink;
import org.explain4j.core.report.HtmlReport;
import org.explain4j.core.report.ReportWriter;
import org.explain4j.core.run.QuestionPolicy;
import org.explain4j.core.run.RunSummary;
import org.explain4j.core.run.Runner;
import org.explain4j.core.run.Source;
import org.explain4j.core.render.Colormap;
import org.explain4j.core.imports.ModelFiles;

/**
 * {@code explain core}: any SameDiff model, one input, the questions of the CLI contract
 * (ARCHITECTURE.md). Everything is checked and computed before the first file is written, and the
 * files are staged, so a bad input leaves the output folder as it was.
 */
final class CoreCommand implements Command {

    @Override
    public String name() {
        return "core";
    }

    @Override
    public String summary() {
        return "explain one input to any SameDiff or ONNX model with any method: Why P? Why P, rather than Q? Why not P with full confidence?";
    }

    @Override
    public String footer() {
        return """
                Writes into --out, for every question: <slug>.raw.npy (the signed map at its own resolution:
                the layer's [h,w] for CAM methods, the input's [C,H,W] for gradient methods), <slug>.map.npy
                (the view at the input size, scaled to [0,1]: ReLU + upsampling for CAM maps, sum over
                channels of |a| for input maps), <slug>.png (overlay), and one explanations.json naming the
                method. Slugs: why-P, why-P-rather-Q, why-not-fully-P, what-if-not-P; for a regressor
                why-score and why-score-rather-T (T as written). Every method answers every question.

                Implicit saliency (--method implicit): the question's class P is the expectation, every conflicting
                label Q (--conflicting) one "Why P, rather than Q?" pseudo map (--pseudo), combined (--combine).

                explain core metrics --map MAP.npy|png --fixations FIX.png [--density D.png] [--others DIR]
                [--baseline MAP] [--seed N] prints every eye-tracking metric of one saliency map as JSON (AUC-Judd,
                AUC-Borji, sAUC, NSS, CC, SIM, KL, IG), computed as the MIT/Tuebingen benchmark's code does; a map of
                another size is resized to the fixation map's (MATLAB's bicubic imresize).

                Examples:
                  explain core --model net.fb --input digit.png --layer relu2 --rather 5 --rather 8 --not-fully
                  explain core --model net.fb --input digit.png --method implicit --layer relu1,relu2 --combine variance
                  explain core metrics --map saliency.npy --fixations fixations.png --others other-fixations/
                  explain core --model net.fb --input digit.png --method guided-backprop --rather 5
                  explain core --model net.fb --input digit.png --method integrated-gradients --steps 64
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
        o.addOption(Option.builder().longOpt("model").hasArg().argName("FILE").required()
                .desc("SameDiff model file (SameDiff.save; a <name>.card.json beside it supplies defaults) or an ONNX "
                        + "file (.onnx, variables named as in the ONNX graph)").build());
        o.addOption(Option.builder().longOpt("input").hasArg().argName("FILE").required()
                .desc("image (PNG, JPEG, BMP, GIF), preprocessed as the model card says, or a .npy array shaped like "
                        + "the model input, with or without the batch axis, used as it is").build());
        o.addOption(Option.builder().longOpt("layer").hasArg().argName("NAME")
                .desc("activation to explain, for CAM methods (default: the card's default layer, else the last layer with more than one spatial position: a global pool's 1x1 output is passed over)").build());
        o.addOption(Option.builder().longOpt("why").hasArg().argName("P")
                .desc("class to explain, as index or label (default: the predicted class)").build());
        o.addOption(Option.builder().longOpt("rather").hasArg().argName("Q").numberOfArgs(1)
                .desc("contrast: a class (index or label) for a classifier, a target score for a regressor; repeatable").build());
        o.addOption(Option.builder().longOpt("not-fully").desc("add \"Why not P with full confidence?\"").build());
        o.addOption(Option.builder().longOpt("what-if-not").desc("add the counterfactual \"What if not P?\" (negated Grad-CAM weights)").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("output folder (default: explanations)").build());
        o.addOption(Option.builder().longOpt("input-var").hasArg().argName("NAME").desc("input placeholder (default: from the card or the graph)").build());
        o.addOption(Option.builder().longOpt("output-var").hasArg().argName("NAME")
                .desc("output variable (default: from the card or the graph); for ONNX, any tensor, e.g. one output of several").build());
        o.addOption(Option.builder().longOpt("labels").hasArg().argName("FILE")
                .desc("class names, one per line in class order (e.g. the 1,000 ImageNet labels)").build());
        o.addOption(Option.builder().longOpt("html").desc("also write report.html: the input, the prediction and every map, in a browser").build());
        o.addOption(Option.builder().longOpt("colormap").hasArg().argName("NAME").desc("jet (default) or viridis").build());
        MethodArguments.options().getOptions().forEach(o::addOption);
        o.addOption(Arguments.pixelLimitOption());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length > 0 && args[0].equals("metrics")) {
            return MetricsAction.run(ExplainCli.parse(MetricsAction.options(), "core", java.util.Arrays.copyOfRange(args, 1, args.length)), out);
        }
        CommandLine line = ExplainCli.parse(this, args);
        Path modelFile = Path.of(line.getOptionValue("model"));
        Path inputFile = Path.of(line.getOptionValue("input"));
        Path outDir = Path.of(line.getOptionValue("out", "explanations"));
        Colormap colormap = colormap(line.getOptionValue("colormap", "jet"));
        if (!Files.isRegularFile(modelFile)) {
            throw new UsageException("model file not found: " + modelFile);
        }
        if (!Files.isRegularFile(inputFile)) {
            throw new UsageException("input file not found: " + inputFile);
        }
        Arguments.outputFolder(outDir);
        ModelCard overrides = ModelCard.empty().withInputVariable(line.getOptionValue("input-var"))
                .withOutputVariable(line.getOptionValue("output-var"));
        Path labels = line.hasOption("labels") ? Path.of(line.getOptionValue("labels")) : null;
        ExplainableModel model = ModelFiles.open(modelFile, overrides, labels);
        ModelInput input = new ModelInputs(model.inputShape(), model.card().preprocessing(), model.dataType(), Arguments.pixelLimit(line)).load(inputFile);
        explainOne(line, model, modelFile.toString(), Source.of(inputFile.toString(), input), outDir, colormap, out);
        return ExplainCli.OK;
    }

    /**
     * One input answered as {@code explain core} does: the method and the questions from the command line, the
     * contract's files in {@code outDir} (replacing a previous run there) and the summary on {@code out}.
     */
    static void explainOne(CommandLine line, ExplainableModel model, String modelName, Source source, Path outDir, Colormap colormap,
                           PrintStream out) throws Exception {
        MethodSpec spec = MethodArguments.spec(line, MethodArguments.layer(line, model, Path.of(modelName)));
        AttributionMethod method = MethodArguments.create(spec, new GradientEngine(model));
        QuestionPolicy policy = new QuestionArguments(model).parse(line.getOptionValue("why"),
                line.getOptionValues("rather"), line.hasOption("not-fully"), line.hasOption("what-if-not"));
        OutputStaging.removeLeftovers(outDir, 1);
        // Everything is computed before the first file is written: the sink stages the files and moves them together.
        ReportSink sink = new ReportSink(new ReportWriter(colormap), model, modelName, s -> outDir);
        HtmlReport html = line.hasOption("html") ? new HtmlReport("explain4j: " + Path.of(modelName).getFileName()) : null;
        if (html != null) {
            sink.withHtml(html, s -> "");
        }
        RunSummary run = new Runner(method, policy, 1).run(List.of(source).iterator(), sink, (s, ok) -> { });
        if (run.explained() == 0) {
            throw new InputException(run.skipped().get(0));
        }
        printSummary(out, sink.reports().get(0), outDir);
        if (html != null) {
            html.write(outDir.resolve(HtmlReport.FILE));
            out.println("wrote " + outDir.resolve(HtmlReport.FILE));
        }
    }

    private static void printSummary(PrintStream out, ExplanationReport report, Path outDir) {
        ExplanationReport.Prediction p = report.prediction();
        if (p.score() != null) {
            out.printf(java.util.Locale.ROOT, "score %.4f%n", p.score());
        } else {
            out.printf(java.util.Locale.ROOT, "predicted %s (class %d, p = %.4f)%n", p.label(), p.classIndex(), p.probability());
        }
        out.println("method " + report.method() + (report.layer() != null ? " at " + report.layer() : ""));
        for (ExplanationReport.Answer a : report.explanations()) {
            out.printf("%-40s %s%n", a.question(), outDir.resolve(a.files().overlay()));
        }
        out.println("wrote " + outDir.resolve(ReportWriter.REPORT));
    }

    static Colormap colormap(String name) {
        try {
            return Colormap.parse(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
