package org.explain4j.recognition.demo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.render.Colormap;
import org.explain4j.core.render.Images;
import org.explain4j.core.report.ExplanationFiles;
import org.explain4j.datasets.curetsr.CureTsrName;
import org.explain4j.datasets.signs.SignGenerator;
import org.explain4j.core.figure.ContrastFigure;
import org.explain4j.core.figure.FigureReport;
import org.explain4j.core.figure.FigureWriter;
import org.explain4j.core.figure.Representatives;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The embedded default: the paper's traffic-sign table, with nothing to fetch. The model is the
 * CURE-TSR network that {@code explain recognition train --data signs} trained on generated signs,
 * shipped in this module (or any model the caller names); the inputs are new generated test signs.
 * Rows: two no_left signs asked "Why no_left, rather than no_right?" and "rather than stop?" (the
 * paper's row), then stop, no_entry, yield, priority_to and parking signs with their runner-up
 * contrasts.
 */
public final class SignsDemo {

    /** The shipped model, with its card and training report beside it. */
    public static final String MODEL_RESOURCE = "/org/explain4j/recognition/models/signs.fb";
    private static final int CELL = 128;
    private static final int REFERENCES_PER_CLASS = 20;

    private SignsDemo() {
    }

    /** The shipped model, copied out of the jar (SameDiff reads files). */
    public static ExplainableModel shippedModel() throws IOException {
        return org.explain4j.core.model.ShippedModel.load(SignsDemo.class, MODEL_RESOURCE);
    }

    /**
     * Draws the figure into {@code outDir} (figure.png, figure.json, each row's input as a PNG, and the
     * model as model.fb with its card, ready for {@code explain core}).
     */
    public static FigureReport run(ExplainableModel model, String modelName, Path outDir, long seed) throws IOException {
        SignGenerator gen = new SignGenerator(64, 32);
        int side = (int) model.inputShape()[1];
        int noLeft = CureTsrName.SIGNS.indexOf("no_left");
        int noRight = CureTsrName.SIGNS.indexOf("no_right");
        int stop = CureTsrName.SIGNS.indexOf("stop");
        List<ContrastFigure.RowSpec> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<BufferedImage> pictures = new ArrayList<>();
        int[][] plan = {{noLeft, 1}, {noLeft, 2}, {stop, 1}, {CureTsrName.SIGNS.indexOf("no_entry"), 1},
            {CureTsrName.SIGNS.indexOf("yield"), 1}, {CureTsrName.SIGNS.indexOf("priority_to"), 1}, {CureTsrName.SIGNS.indexOf("parking"), 1}};
        for (int[] row : plan) {
            BufferedImage img = Images.resize(gen.testImage(row[0] + 1, row[1], seed), side, side);
            INDArray x = Images.toArray(img);
            boolean paperRow = row[0] == noLeft;
            rows.add(new ContrastFigure.RowSpec(x, img, paperRow ? noLeft : null, paperRow ? noRight : null, paperRow ? stop : null));
            String name = "input-" + CureTsrName.SIGNS.get(row[0]) + "-" + row[1] + ".png";
            names.add(name);
            pictures.add(img);
        }
        List<INDArray> refs = new ArrayList<>();
        List<BufferedImage> refPictures = new ArrayList<>();
        for (int type = 1; type <= CureTsrName.SIGNS.size(); type++) {
            for (int i = 1; i <= REFERENCES_PER_CLASS; i++) {
                BufferedImage img = Images.resize(gen.testImage(type, 1000 + i, seed + 1), side, side);
                refs.add(Images.toArray(img));
                refPictures.add(img);
            }
        }
        List<BufferedImage> representatives = Representatives.mostConfident(model, Nd4j.stack(0, refs.toArray(INDArray[]::new)),
                refPictures::get);
        CamExplainer explainer = new CamExplainer(new GradientEngine(model), model.defaultLayer());
        ContrastFigure.Figure figure = new ContrastFigure(explainer, new ExplanationFiles(Colormap.JET)).draw(rows, representatives, CELL);
        FigureReport report = FigureWriter.write(outDir, figure, model, model.defaultLayer(), "explain demo --seed " + seed, modelName, names);
        model.save(outDir.resolve("model.fb"));
        for (int i = 0; i < names.size(); i++) {
            BufferedImage picture = pictures.get(i);
            AtomicFiles.write(outDir.resolve(names.get(i)), tmp -> javax.imageio.ImageIO.write(picture, "png", tmp.toFile()));
        }
        return report;
    }
}
