package org.explain4j.recognition.demo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.cam.Explanation;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.render.Colormap;
import org.explain4j.core.render.Images;
import org.explain4j.core.report.ExplanationFiles;
import org.explain4j.core.report.ExplanationReport;
import org.explain4j.core.train.ClassifierTraining;
import org.explain4j.datasets.synthetic.Shapes;
import org.explain4j.recognition.figures.ContrastFigure;
import org.explain4j.recognition.nets.ShapesNet;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The embedded default, end to end with nothing to fetch: generate coloured shapes, train the small
 * CNN, report its held-out accuracy, then draw the paper's table for one correctly classified test
 * image per class. Writes the model (with its card, ready for {@code explain core}), the figure, a
 * JSON description of every map in it and the figure's test images as PNGs.
 */
public final class ShapesDemo {

    /** Sizes and seed of a run. */
    public record Settings(int trainSize, int testSize, int epochs, long seed) {
    }

    /** What a run produced, for the caller to print. */
    public record Result(double testAccuracy, List<Double> epochLoss, Path figure, Path json, Path model) {
    }

    private static final int SIZE = 32;
    private static final int CELL = 128;

    private ShapesDemo() {
    }

    public static Result run(Path outDir, Settings s, ClassifierTraining.Progress progress) throws IOException {
        Shapes shapes = new Shapes(SIZE);
        Shapes.Batch train = shapes.generate(s.trainSize(), s.seed());
        Shapes.Batch test = shapes.generate(s.testSize(), s.seed() + 1);
        ExplainableModel model = ShapesNet.build(Shapes.LABELS, SIZE, s.seed());
        List<Double> losses = ClassifierTraining.train(model.graph(), ShapesNet.INPUT, ShapesNet.OUTPUT, train.images(),
                train.oneHot(), new ClassifierTraining.Settings(s.epochs(), 64, 2e-3, s.seed()), progress);
        INDArray testLogits = model.forward(test.images(), List.of(ShapesNet.OUTPUT)).get(ShapesNet.OUTPUT);
        double accuracy = ClassifierTraining.accuracy(testLogits, test.labels());

        int[] rows = firstCorrectPerClass(testLogits, test.labels());
        List<BufferedImage> displays = new ArrayList<>();
        List<ContrastFigure.RowSpec> specs = new ArrayList<>();
        for (int r : rows) {
            displays.add(Images.fromArray(test.images().slice(r)));
            specs.add(new ContrastFigure.RowSpec(test.images().slice(r), displays.get(displays.size() - 1), null, null, null));
        }
        List<BufferedImage> representatives = representatives(model, train);
        CamExplainer explainer = new CamExplainer(new GradientEngine(model), ShapesNet.LAYER);
        ExplanationFiles pictures = new ExplanationFiles(Colormap.JET);
        ContrastFigure.Figure figure = new ContrastFigure(explainer, pictures).draw(specs, representatives, CELL);

        Path figurePng = outDir.resolve("figure.png");
        Path json = outDir.resolve("figure.json");
        Path modelFile = outDir.resolve("model.fb");
        try (OutputStaging staging = new OutputStaging(outDir)) {
            Images.writePng(staging.file("figure.png"), figure.image());
            List<DemoRow> described = new ArrayList<>();
            for (int i = 0; i < rows.length; i++) {
                String input = "input-" + Shapes.LABELS.get(test.labels()[rows[i]]) + ".png";
                Images.writePng(staging.file(input), displays.get(i));
                List<ExplanationReport.Answer> answers = new ArrayList<>();
                for (Explanation e : figure.rows().get(i).answers()) {
                    answers.add(ExplanationFiles.answer(e.question(), model::labelOf, e.raw().minNumber().doubleValue(),
                            e.raw().maxNumber().doubleValue(), null));
                }
                described.add(new DemoRow(input, figure.rows().get(i).caption(), answers));
            }
            DemoReport report = new DemoReport("explain demo", s, accuracy, losses, ShapesNet.LAYER, described);
            AtomicFiles.write(staging.file("figure.json"), tmp -> JSON.writeValue(tmp.toFile(), report));
            staging.commit();
        }
        model.save(modelFile);
        return new Result(accuracy, losses, figurePng, json, modelFile);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    /** One row of the figure in {@code figure.json}. */
    public record DemoRow(String input, String caption, List<ExplanationReport.Answer> questions) {
    }

    /** {@code figure.json}. */
    public record DemoReport(String command, Settings settings, double testAccuracy, List<Double> epochLoss, String layer,
                             List<DemoRow> rows) {
    }

    /** The first correctly classified test image of each class (the first of any class if none is right). */
    private static int[] firstCorrectPerClass(INDArray logits, int[] labels) {
        INDArray predicted = logits.argMax(1);
        int[] rows = new int[Shapes.LABELS.size()];
        java.util.Arrays.fill(rows, -1);
        for (int i = 0; i < labels.length; i++) {
            if (rows[labels[i]] < 0 && predicted.getInt(i) == labels[i]) {
                rows[labels[i]] = i;
            }
        }
        for (int c = 0; c < rows.length; c++) {
            if (rows[c] < 0) {
                rows[c] = c;
            }
        }
        return rows;
    }

    /** For each class, the training image the model is most confident belongs to it. */
    private static List<BufferedImage> representatives(ExplainableModel model, Shapes.Batch train) {
        INDArray logits = model.forward(train.images(), List.of(ShapesNet.OUTPUT)).get(ShapesNet.OUTPUT);
        INDArray p = org.nd4j.linalg.ops.transforms.Transforms.softmax(logits, true);
        List<BufferedImage> out = new ArrayList<>();
        for (int c = 0; c < Shapes.LABELS.size(); c++) {
            int best = p.getColumn(c).argMax().getInt(0);
            out.add(Images.fromArray(train.images().slice(best)));
        }
        return out;
    }


}
