package org.explain4j.cli;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.io.InputException;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.io.ModelInputs;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.render.Colormap;
import org.explain4j.core.render.Images;
import org.explain4j.core.report.ExplanationFiles;
import org.explain4j.core.train.ClassifierTraining;
import org.explain4j.datasets.LabelledImages;
import org.explain4j.recognition.data.RecognitionData;
import org.explain4j.recognition.data.RecognitionTask;
import org.explain4j.core.figure.ContrastFigure;
import org.explain4j.core.figure.FigureWriter;
import org.explain4j.core.figure.Representatives;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code explain recognition figure}: the paper's table for test images of a data set (--data) or for
 * image files (--input, e.g. with an ImageNet ONNX model and its labels; --reference DIR supplies the
 * images among which each contrast's representative is chosen).
 */
final class FigureAction {

    private static final int CELL = 128;
    private static final int REFERENCE_IMAGES = 10_000;

    private FigureAction() {
    }

    static int run(CommandLine line, PrintStream out, PrintStream err, String commandLine) throws Exception {
        RecognitionTask task = RecognitionInputs.task(line);
        String[] inputs = line.getOptionValues("input");
        if ((task == null) == (inputs == null)) {
            throw new UsageException("give either --data NAME (test images of a data set) or --input FILE ... (image files)");
        }
        Path modelFile = RecognitionInputs.modelFile(line, task);
        ExplainableModel model = RecognitionInputs.model(line, modelFile);
        String layer = RecognitionInputs.layer(line, model, modelFile);
        Integer p = line.hasOption("why") ? RecognitionInputs.classOf(model, line.getOptionValue("why"), "--why") : null;
        String[] rather = line.getOptionValues("rather");
        if (rather != null && rather.length > 2) {
            throw new UsageException("the figure has two contrast columns: give at most two --rather");
        }
        Integer q1 = rather != null ? RecognitionInputs.classOf(model, rather[0], "--rather") : null;
        Integer q2 = rather != null && rather.length > 1 ? RecognitionInputs.classOf(model, rather[1], "--rather") : null;
        int rows = Arguments.positiveInt(line, "rows", 6);
        Path outDir = Arguments.outputFolder(Path.of(line.getOptionValue("out", "figures/" + (task != null ? task.id() : stem(modelFile)))));

        List<ContrastFigure.RowSpec> specs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<BufferedImage> representatives;
        if (task != null) {
            RecognitionData data = RecognitionInputs.data(line, task);
            LabelledImages test = data.test();
            INDArray logits = ClassifierTraining.predict(model.graph(), model.inputVariable(), model.outputVariable(), test.images());
            int[] predicted = logits.argMax(1).toIntVector();
            int[] chosen = chooseRows(test.labels(), predicted, p, rows, model.outputWidth());
            for (int r : chosen) {
                INDArray x = test.images().slice(r);
                specs.add(new ContrastFigure.RowSpec(x, Images.fromArray(x), p, q1, q2));
                names.add(task.id() + " test image " + r);
            }
            INDArray reference = data.train().images().get(NDArrayIndex.interval(0, Math.min(REFERENCE_IMAGES, data.train().size())));
            representatives = Representatives.mostConfident(model, reference, row -> Images.fromArray(reference.slice(row)));
        } else {
            ModelInputs loader = new ModelInputs(model.inputShape(), model.card().preprocessing(), model.dataType(), Arguments.pixelLimit(line));
            for (String file : inputs) {
                ModelInput in = loader.load(Path.of(file));
                specs.add(new ContrastFigure.RowSpec(in.tensor().slice(0), in.display(), p, q1, q2));
                names.add(file);
            }
            representatives = line.hasOption("reference") ? referenceImages(model, loader, Path.of(line.getOptionValue("reference")), err)
                    : Arrays.asList(new BufferedImage[model.outputWidth()]);
        }
        CamExplainer explainer = new CamExplainer(new GradientEngine(model), layer);
        ContrastFigure.Figure figure = new ContrastFigure(explainer, new ExplanationFiles(Colormap.JET)).draw(specs, representatives, CELL);
        FigureWriter.write(outDir, figure, model, layer, commandLine, modelFile.toString(), names);
        figure.rows().forEach(r -> out.println(r.caption()));
        out.println("figure: " + outDir.resolve("figure.png") + "  description: " + outDir.resolve("figure.json"));
        FigureHtml.writeIfAsked(line, outDir, "contrastive explanations", "Why P? Why P, rather than Q? Why not P with full confidence?", out);
        return ExplainCli.OK;
    }

    /**
     * Correctly classified test images: of class P when given, else one per class in turn. Where a class
     * has no correctly classified image, its first image is taken (the row then shows a wrong decision).
     */
    static int[] chooseRows(int[] labels, int[] predicted, Integer p, int rows, int classes) {
        List<Integer> chosen = new ArrayList<>();
        if (p != null) {
            for (int pass = 0; pass < 2 && chosen.size() < rows; pass++) {
                for (int i = 0; i < labels.length && chosen.size() < rows; i++) {
                    if (labels[i] == p && (pass == 1 || predicted[i] == p) && !chosen.contains(i)) {
                        chosen.add(i);
                    }
                }
            }
        } else {
            for (int c = 0; c < classes && chosen.size() < rows; c++) {
                int pick = -1;
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] == c && (pick < 0 || predicted[i] == c && predicted[pick] != c)) {
                        pick = i;
                    }
                }
                if (pick >= 0) {
                    chosen.add(pick);
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new UsageException("the test set has no image" + (p != null ? " of class " + p : "") + " to draw");
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<BufferedImage> referenceImages(ExplainableModel model, ModelInputs loader, Path dir, PrintStream err)
            throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--reference folder not found: " + dir);
        }
        List<ModelInput> images = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                try {
                    images.add(loader.load(f));
                } catch (InputException e) {
                    err.println("warning: skipped " + e.getMessage());
                }
            }
        }
        if (images.isEmpty()) {
            throw new UsageException("no readable image in --reference " + dir);
        }
        INDArray x = org.nd4j.linalg.factory.Nd4j.concat(0, images.stream().map(ModelInput::tensor).toArray(INDArray[]::new));
        return Representatives.mostConfident(model, x, row -> images.get(row).display());
    }

    static String stem(Path p) {
        return p.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    }
}
