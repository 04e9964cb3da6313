package org.explain4j.core.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import org.explain4j.core.cam.Explanation;
import org.explain4j.core.cam.MapOps;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.question.Question;
import org.explain4j.core.question.ScoreQuestion;
import org.explain4j.core.render.Colormap;
import org.explain4j.core.render.Images;
import org.explain4j.core.render.Overlay;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes one answered question as the CLI contract's three files: {@code <slug>.raw.npy} (the signed
 * map at the layer's resolution), {@code <slug>.map.npy} (ReLU, upsampled to the input size, scaled to
 * [0,1]) and {@code <slug>.png} (the overlay on the input).
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
        return answer(e.question(), labels, raw.minNumber().doubleValue(), raw.maxNumber().doubleValue(), files);
    }

    /** The report entry for a question, without files (for callers that write their own). */
    public static ExplanationReport.Answer answer(Question q, Question.LabelNames labels, double rawMin, double rawMax,
                                                  ExplanationReport.Files files) {
        String caption = q.caption(labels);
        if (q instanceof ClassQuestion.WhyP c) {
            return new ExplanationReport.Answer(q.slug(), caption, "why", c.p(), null, null, rawMin, rawMax, files);
        }
        if (q instanceof ClassQuestion.WhyPRatherQ c) {
            return new ExplanationReport.Answer(q.slug(), caption, "why-rather", c.p(), c.q(), null, rawMin, rawMax, files);
        }
        if (q instanceof ClassQuestion.WhyNotFullyP c) {
            return new ExplanationReport.Answer(q.slug(), caption, "why-not-fully", c.p(), null, null, rawMin, rawMax, files);
        }
        if (q instanceof ClassQuestion.WhatIfNotP c) {
            return new ExplanationReport.Answer(q.slug(), caption, "what-if-not", c.p(), null, null, rawMin, rawMax, files);
        }
        if (q instanceof ScoreQuestion.WhyScore) {
            return new ExplanationReport.Answer(q.slug(), caption, "why-score", null, null, null, rawMin, rawMax, files);
        }
        if (q instanceof ScoreQuestion.WhyScoreRather s) {
            return new ExplanationReport.Answer(q.slug(), caption, "why-score-rather", null, null, (double) s.target(),
                    rawMin, rawMax, files);
        }
        return new ExplanationReport.Answer(q.slug(), caption, "custom", null, null, null, rawMin, rawMax, files);
    }

    /** The picture of one answer, for figures: the overlay of its normalised map on the input. */
    public BufferedImage overlay(Explanation e, BufferedImage display) {
        return Overlay.additive(display, view(e, display), colormap);
    }

    /** ReLU, upsampled to the picture's size, scaled to [0,1]: [H,W]. */
    private static INDArray view(Explanation e, BufferedImage display) {
        int h = display.getHeight();
        int w = display.getWidth();
        INDArray raw = e.raw();
        return MapOps.toDisplay(raw.reshape(1, raw.size(0), raw.size(1)), h, w).reshape(h, w);
    }
}
