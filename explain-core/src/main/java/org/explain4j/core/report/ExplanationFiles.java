package org.explain4j.core.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.MapViews;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.question.Question;
import org.explain4j.core.render.Colormap;
import org.explain4j.core.render.Images;
import org.explain4j.core.render.Overlay;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes one answered question as the CLI contract's three files: {@code <slug>.raw.npy} (the signed
 * map at its own resolution: the layer's grid [h,w] for CAM methods, the input's [C,H,W] for gradient
 * methods), {@code <slug>.map.npy} (the view of {@link MapViews}, at the input size, scaled to [0,1])
 * and {@code <slug>.png} (the overlay on the input).
 */
public final class ExplanationFiles {

    private final Colormap colormap;

    public ExplanationFiles(Colormap colormap) {
        this.colormap = colormap;
    }

    /** {@code display} is the input as a picture, at the model's input size. */
    public ExplanationReport.Answer write(OutputStaging staging, Explanation e, BufferedImage display,
                                          Question.LabelNames labels) throws IOException {
        String slug = e.question().slug();
        INDArray raw = e.raw();
        INDArray view = view(e, display);
        ExplanationReport.Files files = new ExplanationReport.Files(slug + ".raw.npy", slug + ".map.npy", slug + ".png");
        NpyFiles.write(staging.file(files.raw()), raw);
        NpyFiles.write(staging.file(files.map()), view);
        Images.writePng(staging.file(files.overlay()), Overlay.additive(display, view, colormap));
        ExplanationReport.Answer a = answer(e.question(), labels, raw.minNumber().doubleValue(), raw.maxNumber().doubleValue(), files);
        return a.withMethod(e.method(), shape(raw), scalarDetails(e));
    }

    /** The details a method reports as one number per answer (IG's completeness error), for the JSON. */
    private static java.util.Map<String, Double> scalarDetails(Explanation e) {
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        e.details().forEach((name, all) -> {
            if (all.rank() == 1) {
                out.put(name, e.detail(name).getDouble(0));
            }
        });
        return out.isEmpty() ? null : out;
    }

    private static long[] shape(INDArray raw) {
        return raw.shape().clone();
    }

    /** The report entry for a question, without files (for callers that write their own). */
    public static ExplanationReport.Answer answer(Question q, Question.LabelNames labels, double rawMin, double rawMax,
                                                  ExplanationReport.Files files) {
        Question.Facts f = q.facts();
        return new ExplanationReport.Answer(q.slug(), q.caption(labels), f.kind(), f.p(), f.q(), f.target(), rawMin, rawMax,
                null, null, null, files);
    }

    /** The picture of one answer, for figures: the overlay of its normalised map on the input. */
    public BufferedImage overlay(Explanation e, BufferedImage display) {
        return Overlay.additive(display, view(e, display), colormap);
    }

    /** ReLU, upsampled to the picture's size, scaled to [0,1]: [H,W]. */
    private static INDArray view(Explanation e, BufferedImage display) {
        return MapViews.toDisplay(e, display.getHeight(), display.getWidth());
    }
}
