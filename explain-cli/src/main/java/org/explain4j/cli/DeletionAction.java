package org.explain4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.render.Images;
import org.explain4j.recognition.data.RecognitionTask;
import org.explain4j.recognition.evidence.DeletionPlot;
import org.explain4j.recognition.evidence.DeletionTest;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code explain recognition deletion}: the deletion test of {@link DeletionTest} on a data set's test images. */
final class DeletionAction {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DeletionAction() {
    }

    /** deletion.json. */
    record Report(String command, String model, String layer, int images, int steps, double baseline, List<String> orders,
                  double[] meanArea, double[] stdArea, double[] contrastBelowShare, double[][] meanCurves) {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err, String commandLine) throws Exception {
        RecognitionTask task = RecognitionInputs.task(line);
        if (task == null) {
            throw new UsageException("missing required option --data (mnist, fashion-mnist or signs)");
        }
        Path modelFile = RecognitionInputs.modelFile(line, task);
        ExplainableModel model = RecognitionInputs.model(line, modelFile);
        String layer = RecognitionInputs.layer(line, model, modelFile);
        int images = Arguments.positiveInt(line, "images", 200);
        int steps = Arguments.positiveInt(line, "steps", 20);
        double baseline = Arguments.doubleValue(line, "baseline", 0);
        long seed = Arguments.longValue(line, "seed", 1);
        Path outDir = Arguments.outputFolder(Path.of(line.getOptionValue("out", "figures/" + task.id() + "-deletion")));

        INDArray x = RecognitionInputs.correctlyClassified(model, RecognitionInputs.data(line, task).test(), images);
        err.printf(Locale.ROOT, "deletion: %d correctly classified test images, %d steps, 3 orders%n", (int) x.size(0), steps);
        DeletionTest.Result r = new DeletionTest(new CamExplainer(new GradientEngine(model), layer), steps, baseline, seed).run(x);
        int orders = DeletionTest.ORDERS.size();
        double[] mean = new double[orders];
        double[] std = new double[orders];
        double[] below = new double[orders];
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "Deletion test, %s, layer %s, %d images, %d steps, baseline %s (command: %s)%n%n"
                        + "| order | area under (logit P - logit Q) curve, mean | std | images where the contrast order's area is lower |%n"
                        + "|---|---:|---:|---:|%n", task.id(), layer, r.images(), steps, baseline, commandLine));
        for (int o = 0; o < orders; o++) {
            mean[o] = r.meanArea(o);
            std[o] = r.stdArea(o);
            below[o] = o == 0 ? Double.NaN : r.contrastWinsOver(o);
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %s |%n", DeletionTest.ORDERS.get(o), mean[o], std[o],
                    o == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * below[o])));
        }
        Report report = new Report(commandLine, modelFile.toString(), layer, r.images(), steps, baseline, DeletionTest.ORDERS,
                mean, std, below, r.meanCurves());
        try (OutputStaging staging = new OutputStaging(outDir)) {
            Images.writePng(staging.file("deletion.png"), DeletionPlot.draw(r, "Deletion test: " + task.id() + ", P = predicted, Q = runner-up", 900, 560));
            AtomicFiles.write(staging.file("deletion.json"), tmp -> JSON.writeValue(tmp.toFile(), report));
            AtomicFiles.write(staging.file("deletion.md"), tmp -> java.nio.file.Files.writeString(tmp, md.toString()));
            staging.commit();
        }
        out.print(md);
        out.println("plot: " + outDir.resolve("deletion.png"));
        return ExplainCli.OK;
    }
}
