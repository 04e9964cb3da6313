package org.explain4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.render.Images;
import org.explain4j.recognition.data.RecognitionTask;
import org.explain4j.recognition.evidence.EvaluationPlot;
import org.explain4j.recognition.evidence.MapEvaluation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code explain recognition evaluate}: every method judged by deletion, insertion, average drop /
 * increase, ROAD and the sanity check on a data set's correctly classified test images, "Why P?" and
 * "Why P, rather than Q?" maps side by side; evaluation.md, evaluation.json and two plots.
 */
final class EvaluateAction {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String ALL = "gradcam,gradcam++,vanilla,input-x-gradient,guided-backprop,deconvnet,positive-saliency,"
            + "negative-saliency,guided-gradcam,smoothgrad,vargrad,integrated-gradients,random";

    private EvaluateAction() {
    }

    record Report(String command, String model, String layer, int images, int pixelsPerStep, int sanityImages,
                  List<MapEvaluation.MethodScores> methods) {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err, String commandLine) throws Exception {
        RecognitionTask task = RecognitionInputs.task(line);
        if (task == null) {
            throw new UsageException("missing required option --data (mnist, fashion-mnist or signs)");
        }
        Path modelFile = RecognitionInputs.modelFile(line, task);
        ExplainableModel model = RecognitionInputs.model(line, modelFile);
        String layer = RecognitionInputs.layer(line, model, modelFile);
        List<String> methods = new ArrayList<>();
        for (String m : line.getOptionValue("methods", ALL).split(",")) {
            String name = m.trim();
            if (!name.equals("random") && !MethodSpec.METHODS.contains(name.replaceFirst(":.*", ""))) {
                throw new UsageException("--methods: unknown method '" + name + "'; methods: " + String.join(", ", MethodSpec.METHODS)
                        + ", random");
            }
            methods.add(name);
        }
        int images = Arguments.positiveInt(line, "images", 100);
        int sanity = Arguments.nonNegativeInt(line, "sanity-images", 10);
        long seed = Arguments.longValue(line, "seed", 1);
        Path outDir = Path.of(line.getOptionValue("out", "figures/" + task.id() + "-evaluation"));
        Arguments.outputFolder(outDir);
        MethodSpec template = MethodArguments.spec(line, layer);
        INDArray x = RecognitionInputs.correctlyClassified(model, RecognitionInputs.data(line, task).test(), images);
        int width = (int) x.size(3);
        int pixelsPerStep = Arguments.positiveInt(line, "pixels-per-step", width);
        err.printf(Locale.ROOT, "evaluate: %d correctly classified test images, %d methods%n", (int) x.size(0), methods.size());
        List<MapEvaluation.MethodScores> scores = new MapEvaluation(model,
                new MapEvaluation.Settings(template, pixelsPerStep, 32, sanity, seed), s -> err.println("evaluate: " + s)).run(x, methods);
        String md = markdown(task.id(), layer, (int) x.size(0), pixelsPerStep, sanity, commandLine, scores);
        Report report = new Report(commandLine, modelFile.toString(), layer, (int) x.size(0), pixelsPerStep, sanity, scores);
        try (OutputStaging staging = new OutputStaging(outDir)) {
            Images.writePng(staging.file("deletion.png"), EvaluationPlot.draw(scores, true, "Deletion, " + task.id() + ": Why P?", 900, 560));
            Images.writePng(staging.file("insertion.png"), EvaluationPlot.draw(scores, false, "Insertion, " + task.id() + ": Why P?", 900, 560));
            AtomicFiles.write(staging.file("evaluation.json"), tmp -> JSON.writeValue(tmp.toFile(), report));
            AtomicFiles.write(staging.file("evaluation.md"), tmp -> Files.writeString(tmp, md));
            staging.commit();
        }
        out.print(md);
        out.println("plots: " + outDir.resolve("deletion.png") + ", " + outDir.resolve("insertion.png"));
        return ExplainCli.OK;
    }

    private static String markdown(String data, String layer, int images, int pps, int sanity, String command,
                                   List<MapEvaluation.MethodScores> scores) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "Map quality, %s, CAM layer %s, %d correctly classified test images, %d pixels per deletion/insertion step, "
                        + "sanity check on %d images (command: %s)%n%n"
                        + "| method | deletion AUC (Why P?) lower is better | insertion AUC higher | contrast deletion AUC (margin) lower "
                        + "| contrast insertion AUC higher | average drop %% lower | increase %% higher | ROAD MoRF lower | ROAD LeRF higher "
                        + "| ROAD (LeRF-MoRF)/2 higher | sanity: Spearman abs after randomising all layers | sanity SSIM | sanity passes (< 0.5) | seconds |%n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|%n", data, layer, images, pps, sanity, command));
        for (MapEvaluation.MethodScores m : scores) {
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.3f | %.3f | %.2f | %.1f | %.4f | %.4f | %.4f | %s | %s | %s | %.1f |%n",
                    m.method(), m.deletion(), m.insertion(), m.contrastDeletion(), m.contrastInsertion(), m.averageDrop(), m.increase(),
                    m.roadMorf(), m.roadLerf(), m.road(), Double.isNaN(m.sanitySpearmanAbs()) ? "-" : String.format(Locale.ROOT, "%.3f", m.sanitySpearmanAbs()),
                    Double.isNaN(m.sanitySsim()) ? "-" : String.format(Locale.ROOT, "%.3f", m.sanitySsim()),
                    m.sanityPasses() == null ? "-" : m.sanityPasses() ? "yes" : "NO", m.seconds()));
        }
        return md.toString();
    }
}
