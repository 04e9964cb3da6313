package org.explain4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.io.ModelInputs;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.render.Colormap;
import org.explain4j.core.render.Images;
import org.explain4j.core.report.ExplanationFiles;
import org.explain4j.core.train.ClassifierTraining;
import org.explain4j.datasets.LabelledImages;
import org.explain4j.recognition.data.RecognitionTask;
import org.explain4j.core.figure.FamilyFigure;
import org.explain4j.core.figure.FigureWriter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code explain recognition family}: the talk's slide of the "Why P?" family beside "Why P, rather than
 * Q?", for test images of a data set (--data) or image files (--input, any model).
 */
final class FamilyAction {

    private static final int CELL = 128;

    private FamilyAction() {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err, String commandLine) throws Exception {
        RecognitionTask task = RecognitionInputs.task(line);
        String[] files = line.getOptionValues("input");
        if ((task == null) == (files == null)) {
            throw new UsageException("give either --data NAME (test images of a data set) or --input FILE ... (image files)");
        }
        FamilyFigure.Question question = switch (line.getOptionValue("question", "why").toLowerCase(Locale.ROOT)) {
            case "why" -> FamilyFigure.Question.WHY;
            case "rather" -> FamilyFigure.Question.RATHER;
            default -> throw new UsageException("--question " + line.getOptionValue("question") + ": give why or rather");
        };
        Path modelFile = RecognitionInputs.modelFile(line, task);
        ExplainableModel model = RecognitionInputs.model(line, modelFile);
        if (!model.isClassifier()) {
            throw new UsageException("the family figure explains a classifier; " + modelFile + " is a regressor");
        }
        String layer = RecognitionInputs.layer(line, model, modelFile);
        Integer p = line.hasOption("why") ? RecognitionInputs.classOf(model, line.getOptionValue("why"), "--why") : null;
        String[] rather = line.getOptionValues("rather");
        if (rather != null && rather.length > 1) {
            throw new UsageException("the family figure has one contrast: give at most one --rather");
        }
        Integer q = rather != null ? RecognitionInputs.classOf(model, rather[0], "--rather") : null;
        int rows = Arguments.positiveInt(line, "rows", 4);
        MethodSpec settings = MethodArguments.spec(line, layer);
        Path outDir = Path.of(line.getOptionValue("out", "figures/" + (task != null ? task.id() : FigureAction.stem(modelFile)) + "-family"));
        Arguments.outputFolder(outDir);

        List<ModelInput> inputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (task != null) {
            LabelledImages test = RecognitionInputs.data(line, task).test();
            INDArray logits = ClassifierTraining.predict(model.graph(), model.inputVariable(), model.outputVariable(), test.images());
            for (int r : FigureAction.chooseRows(test.labels(), logits.argMax(1).toIntVector(), p, rows, model.outputWidth())) {
                INDArray x = test.images().slice(r);
                inputs.add(new ModelInput(x.reshape(1, x.size(0), x.size(1), x.size(2)), Images.fromArray(x)));
                names.add(task.id() + " test image " + r);
            }
        } else {
            ModelInputs loader = new ModelInputs(model.inputShape(), model.card().preprocessing(), model.dataType(), Arguments.pixelLimit(line));
            for (String f : files) {
                inputs.add(loader.load(Path.of(f)));
                names.add(f);
            }
        }
        err.println("family: " + inputs.size() + " row(s), " + (line.hasOption("extra") ? 8 : 6) + " methods");
        FamilyFigure.Figure figure = new FamilyFigure(model, settings, line.hasOption("extra"), question,
                new ExplanationFiles(Colormap.JET)).draw(inputs, p, q, CELL);
        FigureWriter.write(outDir, figure, model, layer, commandLine, modelFile.toString(), names);
        figure.rows().forEach(r -> out.println(r.caption()));
        out.println("figure: " + outDir.resolve("figure.png") + "  description: " + outDir.resolve("figure.json"));
        FigureHtml.writeIfAsked(line, outDir, "the \"Why P?\" family", "every method answering every question", out);
        return ExplainCli.OK;
    }
}
