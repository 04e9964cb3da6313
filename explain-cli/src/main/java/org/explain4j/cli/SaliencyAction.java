package org.explain4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.io.ModelInputs;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.render.Images;
import org.explain4j.core.saliency.metrics.Grid;
import org.explain4j.core.saliency.metrics.GroundTruth;
import org.explain4j.core.saliency.metrics.ImResize;
import org.explain4j.datasets.LabelledImages;
import org.explain4j.datasets.saliency.CompositeBenchmark;
import org.explain4j.datasets.saliency.CompositeWriter;
import org.explain4j.datasets.saliency.FixationEntry;
import org.explain4j.recognition.data.RecognitionTask;
import org.explain4j.recognition.saliency.experiment.SaliencyExperiment;
import org.explain4j.recognition.saliency.experiment.SaliencyLineup;
import org.explain4j.recognition.saliency.figure.SaliencyFigure;
import org.explain4j.recognition.saliency.report.NoiseCurves;
import org.explain4j.recognition.saliency.report.SaliencyTables;
import org.explain4j.recognition.train.Composites;

/**
 * {@code explain recognition saliency}: implicit saliency (Sun et al.) on composites of a data set's test images,
 * scored by the eye-tracking benchmark's metrics beside Grad-CAM, input gradients, the centre bias and the spectral
 * residual, clean, under noise and per layer, with the figure; or, with {@code --model} and {@code --input}, the
 * figure alone for a user's model and images.
 */
final class SaliencyAction {

    /** The noise levels of the robustness table: sigma in [0, 1] pixel units. */
    static final List<Double> NOISE = List.of(0.05, 0.1, 0.2, 0.3, 0.5);
    static final double FIGURE_NOISE = 0.2;
    private static final int FIGURE_ROWS = 5;
    private static final int CELL = 112;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SaliencyAction() {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err, String commandLine) throws Exception {
        RecognitionTask task = RecognitionInputs.task(line);
        String[] files = line.getOptionValues("input");
        if ((task == null) == (files == null)) {
            throw new UsageException("give either --data NAME (the composite benchmark) or --model FILE --input IMG ... (the figure)");
        }
        return task != null ? benchmark(line, out, err, commandLine, task) : figureOnly(line, out, files);
    }

    private static int benchmark(CommandLine line, PrintStream out, PrintStream err, String commandLine, RecognitionTask task) throws Exception {
        int count = Arguments.positiveInt(line, "images", 200);
        if (count < 2) {
            throw new UsageException("--images must be at least 2 (shuffled AUC draws on other composites)");
        }
        long seed = Arguments.longValue(line, "seed", 1);
        Path modelFile = RecognitionInputs.modelFile(line, task);
        ExplainableModel model = RecognitionInputs.model(line, modelFile);
        String layer = RecognitionInputs.layer(line, model, modelFile);
        Path outDir = Arguments.outputFolder(Path.of(line.getOptionValue("out", "results/saliency-" + task.id())));
        Path compositeDir = line.hasOption("write-composites") ? Arguments.outputFolder(Path.of(line.getOptionValue("write-composites"))) : null;
        MethodSpec implicit = implicitSpec(line, layer);
        MethodArguments.create(implicit, new GradientEngine(model));
        LabelledImages test = RecognitionInputs.data(line, task).test();
        List<CompositeBenchmark.Composite> composites = new CompositeBenchmark(test, Composites.cutout(task)).generate(count, seed);
        err.printf(Locale.ROOT, "saliency: %d %s composites, layer %s, noise sigma %s%n", count, task.id(), layer, NOISE);

        GradientEngine engine = new GradientEngine(model);
        SaliencyExperiment experiment = new SaliencyExperiment(model, composites, new SaliencyExperiment.Settings(NOISE, seed, 50));
        SaliencyExperiment.Results results;
        try (ProgressBar bar = Progress.bar("saliency maps scored", 1, err)) {
            results = experiment.run(SaliencyLineup.all(engine, layer), SaliencyLineup.learntLayers(model),
                    l -> SaliencyLineup.atLayer(engine, l), (done, total) -> {
                        bar.maxHint(total);
                        bar.stepTo(done);
                    });
        }
        String md = SaliencyTables.markdown("Implicit saliency on " + task.id() + " composites", commandLine, results);
        List<SaliencyFigure.Row> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(FIGURE_ROWS, composites.size()); i++) {
            CompositeBenchmark.Composite c = composites.get(i);
            rows.add(new SaliencyFigure.Row("composite " + i + " (" + test.classNames().get(c.label()) + ")", c.image(), c.density()));
        }
        SaliencyFigure.Figure figure = new SaliencyFigure(model, implicit, layer.split(",")[0], FIGURE_NOISE, seed).draw(rows, CELL);
        try (OutputStaging staging = new OutputStaging(outDir)) {
            AtomicFiles.write(staging.file("saliency.md"), tmp -> Files.writeString(tmp, md));
            AtomicFiles.write(staging.file("saliency.json"), tmp -> JSON.writeValue(tmp.toFile(), results));
            Images.writePng(staging.file("noise-nss.png"), NoiseCurves.draw(results, "NSS", task.id() + " composites: NSS under noise", 900, 600));
            Images.writePng(staging.file("noise-auc-judd.png"), NoiseCurves.draw(results, "AUC-Judd", task.id() + " composites: AUC-Judd under noise", 900, 600));
            Images.writePng(staging.file("figure.png"), figure.image());
            staging.commit();
        }
        if (compositeDir != null) {
            CompositeWriter.write(compositeDir, composites);
            out.println("composites (stimuli/, fixations/, density/): " + compositeDir);
        }
        out.print(md);
        figure.captions().forEach(out::println);
        out.println("tables, noise curves and figure: " + outDir);
        return ExplainCli.OK;
    }

    /** Implicit saliency at {@code layer} with the --conflicting, --pseudo and --combine the line gives. */
    private static MethodSpec implicitSpec(CommandLine line, String layer) {
        return MethodSpec.of("implicit").withLayer(layer).withImplicit(MethodArguments.spec(line, layer).implicit());
    }

    private static int figureOnly(CommandLine line, PrintStream out, String[] files) throws Exception {
        if (!line.hasOption("model")) {
            throw new UsageException("--input needs --model FILE (the recogniser to explain)");
        }
        Path modelFile = RecognitionInputs.modelFile(line, null);
        ExplainableModel model = RecognitionInputs.model(line, modelFile);
        if (!model.isClassifier()) {
            throw new UsageException("implicit saliency contradicts a classifier's expectation; " + modelFile + " is a regressor");
        }
        String layer = RecognitionInputs.layer(line, model, modelFile);
        String[] fixations = line.getOptionValues("fixations");
        if (fixations != null && fixations.length != files.length) {
            throw new UsageException("give one --fixations map per --input image (" + files.length + " images, " + fixations.length + " maps)");
        }
        MethodSpec implicit = implicitSpec(line, layer);
        MethodArguments.create(implicit, new GradientEngine(model));
        Path outDir = Arguments.outputFolder(Path.of(line.getOptionValue("out", "figures/" + FigureAction.stem(modelFile) + "-saliency")));
        ModelInputs loader = new ModelInputs(model.inputShape(), model.card().preprocessing(), model.dataType(), Arguments.pixelLimit(line));
        List<SaliencyFigure.Row> rows = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            ModelInput input = loader.load(Path.of(files[i]));
            Grid density = null;
            if (fixations != null) {
                // Blurred at the fixation map's own size (the image's), then resized to the model's input as the benchmark resizes.
                long[] s = model.inputShape();
                Grid fix = new FixationEntry.BinaryImage(Path.of(fixations[i]), Arguments.pixelLimit(line)).readAtOwnSize();
                if (!fix.any()) {
                    throw new UsageException(fixations[i] + ": the fixation map has no fixations");
                }
                density = ImResize.bicubic(GroundTruth.fromFixations(fix).density(), (int) s[s.length - 2], (int) s[s.length - 1]);
            }
            rows.add(new SaliencyFigure.Row(Path.of(files[i]).getFileName().toString(), input.tensor().slice(0), density));
        }
        SaliencyFigure.Figure figure = new SaliencyFigure(model, implicit, layer.split(",")[0], FIGURE_NOISE, Arguments.longValue(line, "seed", 1))
                .draw(rows, CELL);
        try (OutputStaging staging = new OutputStaging(outDir)) {
            Images.writePng(staging.file("figure.png"), figure.image());
            staging.commit();
        }
        figure.captions().forEach(out::println);
        out.println("figure: " + outDir.resolve("figure.png"));
        return ExplainCli.OK;
    }
}
