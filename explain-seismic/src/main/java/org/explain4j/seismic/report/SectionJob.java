package org.explain4j.seismic.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.explain4j.core.io.InputException;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.render.Colormap;
import org.explain4j.seismic.render.SectionFigure;
import org.explain4j.seismic.section.SectionExplainer;
import org.explain4j.seismic.section.SectionExplanation;
import org.explain4j.seismic.section.SectionQuestions;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One section through the whole path, as {@code bin/explain seismic section} and the Spark section job both run it:
 * checked, divided by its largest absolute amplitude (as the generator scales its sections and LANDMASS its patches,
 * to [-1,1]), explained window by window, drawn, and written as {@link SectionFiles}.
 *
 * @param method the method's name for the report ({@code gradcam} when none was named)
 */
public record SectionJob(SectionExplainer explainer, SectionQuestions questions, ExplainableModel model, String modelName,
                         String method, String layer, String command) {

    /** A section checked and scaled, ready to explain: the image in [-1,1], the amplitude it was divided by, its windows. */
    public record Prepared(String title, INDArray image, float scale, int windows) {
    }

    /**
     * Checks the section (finite, not all zeros, large enough for the windows) and divides it by its largest absolute
     * amplitude; a section that fails is an {@link InputException} naming it, before anything is shown or written.
     */
    public Prepared prepare(float[][] traces, String title) {
        INDArray image = SectionExplainer.image(traces);
        if (image.isNaN().any() || image.isInfinite().any()) {
            throw new InputException(title + ": the section holds NaN or infinite amplitudes; nothing to explain");
        }
        float scale = image.amaxNumber().floatValue();
        if (!(scale > 0)) {
            throw new InputException(title + ": the section is all zeros; nothing to explain");
        }
        image.divi(scale);
        int windows;
        try {
            windows = explainer.windows(traces.length, traces[0].length).count();
        } catch (IllegalArgumentException e) {
            throw new InputException(title + ": " + e.getMessage());
        }
        return new Prepared(title, image, scale, windows);
    }

    public SectionReport explain(Prepared section, Path outDir, SectionExplainer.Progress progress) throws IOException {
        SectionExplanation answer = explainer.explain(section.image(), questions, progress);
        IntFunction<String> labels = model::labelOf;
        BufferedImage figure = SectionFigure.draw(section.image(), answer, section.title(), labels, Colormap.JET);
        return SectionFiles.write(outDir, answer, figure, questions.slugs(labels), labels,
                new SectionFiles.Context(command, modelName, method, layer, section.title(), section.scale()));
    }
}
