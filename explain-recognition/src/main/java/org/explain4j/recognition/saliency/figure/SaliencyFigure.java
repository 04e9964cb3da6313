package org.explain4j.recognition.saliency.figure;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.attribution.MapViews;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.cam.MapOps;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.render.Colormap;
import org.explain4j.core.render.FigureGrid;
import org.explain4j.core.render.Images;
import org.explain4j.core.render.Overlay;
import org.explain4j.core.saliency.implicit.ImplicitSaliency;
import org.explain4j.core.saliency.metrics.Grid;
import org.explain4j.recognition.saliency.experiment.SaliencyExperiment;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The implicit-saliency figure, one row per input: the input | its ground truth (fixation density, when known) |
 * implicit saliency | the pseudo maps of the three most likely conflicting labels | Grad-CAM "Why P?" | implicit
 * saliency of the same input under Gaussian noise. Maps are drawn over the input (additive jet overlay).
 */
public final class SaliencyFigure {

    /** One input [C, H, W] (model units, [0, 1] pixels) and its fixation density, or null when none is known. */
    public record Row(String name, INDArray image, Grid density) {
    }

    /** The picture and, per row, what the captions need: the expectation and the labels of the pseudo maps. */
    public record Figure(BufferedImage image, List<String> captions) {
    }

    private final ExplainableModel model;
    private final MethodSpec implicit;
    private final String layer;
    private final double sigma;
    private final long seed;

    public SaliencyFigure(ExplainableModel model, MethodSpec implicit, String gradCamLayer, double sigma, long seed) {
        this.model = model;
        this.implicit = implicit;
        this.layer = gradCamLayer;
        this.sigma = sigma;
        this.seed = seed;
    }

    public Figure draw(List<Row> rows, int cell) {
        GradientEngine engine = new GradientEngine(model);
        ImplicitSaliency method = (ImplicitSaliency) implicit.create(engine);
        List<String> columns = List.of("Input", "Ground truth (fixation density)", "Implicit saliency", "Pseudo map: 1st conflicting label",
                "Pseudo map: 2nd conflicting label", "Pseudo map: 3rd conflicting label", "Grad-CAM: Why P?",
                String.format(Locale.ROOT, "Implicit saliency, noise sigma %.2f", sigma));
        FigureGrid grid = new FigureGrid(columns, cell);
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            INDArray x = row.image().reshape(prepend(row.image().shape())).castTo(model.dataType());
            int h = (int) x.size(2);
            int w = (int) x.size(3);
            BufferedImage input = Images.fromArray(row.image().castTo(DataType.FLOAT));
            Forward f = method.forward(x);
            int p = f.predicted(0);
            Explanation e = method.explain(f, List.of(new Asked(0, new ClassQuestion.WhyP(p)))).get(0);
            INDArray pseudo = MapOps.toDisplay(e.detail(ImplicitSaliency.PSEUDO_MAPS).dup(), h, w);
            INDArray labels = e.detail(ImplicitSaliency.CONFLICTING);
            Explanation gradCam = MethodSpec.of("gradcam").withLayer(layer).create(engine).explain(x, List.of(new ClassQuestion.WhyP(p))).get(0);
            INDArray noisy = SaliencyExperiment.withNoise(x, sigma, seed + i);
            Forward nf = method.forward(noisy);
            Explanation underNoise = method.explain(nf, List.of(new Asked(0, new ClassQuestion.WhyP(nf.predicted(0))))).get(0);
            List<BufferedImage> cells = new ArrayList<>();
            cells.add(input);
            cells.add(row.density() == null ? blank(w, h) : overlay(input, scaled(row.density())));
            cells.add(overlay(input, MapViews.toDisplay(e, h, w)));
            for (int k = 0; k < ImplicitSaliency.SHOWN; k++) {
                cells.add(labels.getInt(k) < 0 ? blank(w, h) : overlay(input, pseudo.slice(k)));
            }
            cells.add(overlay(input, MapViews.toDisplay(gradCam, h, w)));
            cells.add(overlay(Images.fromArray(noisy.slice(0).castTo(DataType.FLOAT)), MapViews.toDisplay(underNoise, h, w)));
            String caption = String.format(Locale.ROOT, "%s: P = %s (p %.2f); conflicting %s; under noise P = %s", row.name(),
                    model.labelOf(p), f.probabilities().getDouble(0, p), names(labels), model.labelOf(nf.predicted(0)));
            grid.addRow(String.format(Locale.ROOT, "%s: P %s; Q %s", row.name(), model.labelOf(p), names(labels)), cells);
            captions.add(caption);
        }
        return new Figure(grid.render(), captions);
    }

    private String names(INDArray labels) {
        List<String> n = new ArrayList<>();
        for (int k = 0; k < labels.length(); k++) {
            if (labels.getInt(k) >= 0) {
                n.add(model.labelOf(labels.getInt(k)));
            }
        }
        return String.join(", ", n);
    }

    private static BufferedImage overlay(BufferedImage input, INDArray map) {
        return Overlay.additive(input, map.castTo(DataType.FLOAT), Colormap.JET);
    }

    private static INDArray scaled(Grid density) {
        INDArray d = density.toArray();
        return MapOps.normalise(d.reshape(1, density.height(), density.width())).reshape(density.height(), density.width());
    }

    private static BufferedImage blank(int w, int h) {
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = b.createGraphics();
        g.setColor(java.awt.Color.LIGHT_GRAY);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return b;
    }

    private static long[] prepend(long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = 1;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
