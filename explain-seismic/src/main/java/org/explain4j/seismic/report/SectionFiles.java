package org.explain4j.seismic.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.core.render.Images;
import org.explain4j.seismic.section.SectionExplanation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes a section's answers into a folder, together or not at all: {@code section.png} (the view),
 * {@code classes.npy} (class per pixel), {@code window-classes.npy} [window columns, window rows],
 * {@code probabilities.npy} [window columns, window rows, classes], per question {@code <slug>.npy} (the signed
 * map, averaged where windows overlap) and {@code <slug>.picture.npy} (what the view draws, unscaled), and
 * {@code section.json} ({@link SectionReport}). Maps are [traces, samples] like the slice they explain.
 */
public final class SectionFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SectionFiles() {
    }

    /** What the report says beside the answer. */
    public record Context(String command, String model, String method, String layer, String section, double amplitudeScale) {
    }

    public static SectionReport write(Path outDir, SectionExplanation answer, BufferedImage figure, List<String> slugs,
                                      IntFunction<String> labels, Context c) throws IOException {
        List<SectionReport.Answer> answers = new ArrayList<>();
        Map<String, Integer> perClass = new LinkedHashMap<>();
        int classes = (int) answer.probabilities().size(1);
        for (int k = 0; k < classes; k++) {
            perClass.put(labels.apply(k), answer.windowsOf(k));
        }
        try (OutputStaging staging = new OutputStaging(outDir)) {
            Images.writePng(staging.file("section.png"), figure);
            NpyFiles.write(staging.file("classes.npy"), answer.classMap().castTo(DataType.INT32).transpose().dup('c'));
            NpyFiles.write(staging.file("window-classes.npy"), answer.classGrid().castTo(DataType.INT32).transpose().dup('c'));
            INDArray p = answer.probabilities().reshape(answer.windows().rows(), answer.windows().columns(), classes);
            NpyFiles.write(staging.file("probabilities.npy"), p.permute(1, 0, 2).dup('c'));
            for (int k = 0; k < slugs.size(); k++) {
                INDArray signed = answer.signed().get(k);
                String s = slugs.get(k) + ".npy";
                String pic = slugs.get(k) + ".picture.npy";
                NpyFiles.write(staging.file(s), signed.transpose().dup('c'));
                NpyFiles.write(staging.file(pic), answer.pictures().get(k).transpose().dup('c'));
                answers.add(new SectionReport.Answer(answer.captions().get(k), s, signed.minNumber().doubleValue(),
                        signed.maxNumber().doubleValue(), pic));
            }
            SectionReport report = new SectionReport(c.command(), c.model(), c.method(), c.layer(), c.section(), answer.windows().traces(),
                    answer.windows().samples(), c.amplitudeScale(), answer.windows().patch(), answer.windows().stride(), answer.windows().count(),
                    perClass, answer.answering(), answer.seconds(), "section.png", "classes.npy", "window-classes.npy", "probabilities.npy",
                    answers);
            AtomicFiles.write(staging.file("section.json"), tmp -> JSON.writeValue(tmp.toFile(), report));
            staging.commit();
            return report;
        }
    }
}
