package org.explain4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.explain4j.core.io.ImageReading;
import org.explain4j.core.io.PixelLimit;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.io.NpyFiles;
import org.explain4j.core.io.OutputStaging;
import org.explain4j.iqa.data.FigureImages;
import org.explain4j.iqa.explain.Contrast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.explain4j.core.run.MemoryBudget;
import org.explain4j.core.report.HtmlReport;
import org.explain4j.core.report.PreviousReport;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ShippedModel;
import org.explain4j.core.render.Colormap;
import org.explain4j.core.render.FigureGrid;
import org.explain4j.core.render.Images;
import org.explain4j.core.render.Overlay;
import org.explain4j.iqa.explain.QualityMaps;
import org.explain4j.iqa.nets.Diqam;

/** {@code explain iqa explain} and {@code explain iqa figure}: "Why s?" and "Why s, rather than t?" over whole images. */
final class IqaExplainAction {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> FIGURE_TARGETS = List.of("1", "0.75", "0.5", "0.25");

    private IqaExplainAction() {
    }

    static int explain(CommandLine line, PrintStream out, PrintStream err) throws IOException {
        ExplainableModel model = model(line);
        String[] inputs = line.getOptionValues("input");
        if (inputs == null || inputs.length != 1) {
            throw new UsageException("iqa explain takes one --input image (iqa figure takes two)");
        }
        Path outDir = Arguments.outputFolder(Path.of(line.getOptionValue("out", "explanations/iqa")));
        int stride = Arguments.positiveInt(line, "stride", 4);
        List<String> targets = new ArrayList<>();
        String[] rather = line.getOptionValues("rather");
        if (rather != null) {
            for (String t : rather) {
                target(t);
                targets.add(t);
            }
        }
        Contrast contrast = contrast(line);
        BufferedImage image = read(Path.of(inputs[0]), Arguments.pixelLimit(line));
        QualityMaps.WhyScore why;
        try (me.tongfei.progressbar.ProgressBar bar = Progress.bar("windows", 0, err)) {
            why = maps(line, model, contrast).explain(Images.toArray(image), stride, windowTargets(contrast, targets), (done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done);
            });
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("input", inputs[0]);
        report.put("score", why.score());
        report.put("windowScore", why.windowScore());
        report.put("stride", stride);
        report.put("windows", why.windows());
        report.put("contrast", contrast.label());
        List<Map<String, Object>> answers = new ArrayList<>();
        OutputStaging.removeLeftovers(outDir, 1);
        try (OutputStaging staging = OutputStaging.replacing(outDir, PreviousReport::files)) {
            answers.add(write(staging, "why-score", "Why this score?", why.map(), image));
            for (String t : targets) {
                Map<String, Object> answer = write(staging, "why-score-rather-" + t, "Why this score, rather than " + t + "?",
                        why.rather(contrast, target(t)), image);
                if (contrast == Contrast.WINDOW) {
                    // The ReLU paste loses the sign; the signed paste of the same window maps is kept beside it.
                    String signed = "why-score-rather-" + t + ".signed.npy";
                    NpyFiles.write(staging.file(signed), why.rather(Contrast.WINDOW_SIGNED, target(t)));
                    answer.put("signed", signed);
                }
                answers.add(answer);
            }
            report.put("explanations", answers);
            AtomicFiles.write(staging.file("explanations.json"), tmp -> JSON.writeValue(tmp.toFile(), report));
            staging.commit();
        }
        out.printf(Locale.ROOT, "score %.4f (non-overlapping patches); %d windows at stride %d, %s contrast%s%n",
                why.score(), why.windows(), stride, contrast.label(), windowRange(why));
        answers.forEach(a -> out.printf("%-40s %s%n", a.get("question"), outDir.resolve((String) a.get("overlay"))));
        if (line.hasOption("html")) {
            List<HtmlReport.Panel> panels = new ArrayList<>();
            panels.add(new HtmlReport.Panel(contrast.label() + " contrast", "Why this score?", (String) answers.get(0).get("overlay"),
                    HtmlReport.Grid.of(why.map())));
            for (int i = 0; i < targets.size(); i++) {
                panels.add(new HtmlReport.Panel(contrast.label() + " contrast", (String) answers.get(i + 1).get("question"),
                        (String) answers.get(i + 1).get("overlay"), HtmlReport.Grid.of(why.rather(contrast, target(targets.get(i))))));
            }
            HtmlReport html = new HtmlReport("explain4j iqa: " + Path.of(inputs[0]).getFileName());
            html.add(new HtmlReport.Item(inputs[0], String.format(Locale.ROOT, "score %.4f", why.score()), HtmlReport.dataUri(image), panels));
            html.write(outDir.resolve(HtmlReport.FILE));
            out.println("wrote " + outDir.resolve(HtmlReport.FILE));
        }
        return ExplainCli.OK;
    }

    static int figure(CommandLine line, PrintStream out) throws IOException {
        ExplainableModel model = model(line);
        Contrast contrast = contrast(line);
        String[] inputs = line.getOptionValues("input");
        List<FigureImages.Named> images = new ArrayList<>();
        if (inputs == null || inputs.length == 0) {
            images.addAll(FigureImages.defaults());
        } else {
            for (String in : inputs) {
                images.add(new FigureImages.Named(Path.of(in).getFileName().toString(), read(Path.of(in), Arguments.pixelLimit(line))));
            }
        }
        Path outDir = Arguments.outputFolder(Path.of(line.getOptionValue("out", "figures/iqa")));
        int stride = Arguments.positiveInt(line, "stride", 4);
        List<String> columns = new ArrayList<>(List.of("Distorted image (score)", "Grad-CAM: Why s?"));
        FIGURE_TARGETS.forEach(t -> columns.add("Why s, rather than " + t + "?"));
        FigureGrid grid = new FigureGrid(columns, 160);
        QualityMaps maps = maps(line, model, contrast);
        for (FigureImages.Named named : images) {
            BufferedImage image = named.image();
            QualityMaps.WhyScore why = maps.explain(Images.toArray(image), stride, windowTargets(contrast, FIGURE_TARGETS));
            List<BufferedImage> row = new ArrayList<>(List.of(image, overlay(image, why.map())));
            for (String t : FIGURE_TARGETS) {
                row.add(overlay(image, why.rather(contrast, target(t))));
            }
            grid.addRow(String.format(Locale.ROOT, "%s, s = %.2f", named.name(), why.score()), row);
            out.printf(Locale.ROOT, "%s: score %.4f%s%n", named.name(), why.score(), windowRange(why));
        }
        try (OutputStaging staging = new OutputStaging(outDir)) {
            Images.writePng(staging.file("figure.png"), grid.render());
            staging.commit();
        }
        out.println("figure: " + outDir.resolve("figure.png"));
        FigureHtml.writeIfAsked(line, outDir, "image quality", "Why this score, rather than another?", out);
        return ExplainCli.OK;
    }

    private static Map<String, Object> write(OutputStaging staging, String slug, String question, org.nd4j.linalg.api.ndarray.INDArray raw,
                                             BufferedImage image) throws IOException {
        // Each step leaves hundreds of megabytes of temporaries for a large image; collected between steps.
        MemoryBudget memory = MemoryBudget.standard();
        NpyFiles.write(staging.file(slug + ".raw.npy"), raw);
        memory.settle();
        org.nd4j.linalg.api.ndarray.INDArray view = QualityMaps.WhyScore.view(raw);
        NpyFiles.write(staging.file(slug + ".map.npy"), view);
        memory.settle();
        BufferedImage overlay = Overlay.additive(image, view, Colormap.JET);
        memory.settle();
        Images.writePng(staging.file(slug + ".png"), overlay);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("slug", slug);
        a.put("question", question);
        a.put("raw", slug + ".raw.npy");
        a.put("map", slug + ".map.npy");
        a.put("overlay", slug + ".png");
        return a;
    }

    private static BufferedImage overlay(BufferedImage image, org.nd4j.linalg.api.ndarray.INDArray raw) {
        return Overlay.additive(image, QualityMaps.WhyScore.view(raw), Colormap.JET);
    }

    /**
     * --model; without it models/iqa.fb (what iqa train writes by default) if it exists, else the
     * WaDIQaM-NR shipped in explain-iqa (trained by the command in docs/RESULTS.md).
     */
    static ExplainableModel model(CommandLine line) throws IOException {
        Path file = Path.of(line.getOptionValue("model", "models/iqa.fb"));
        if (!line.hasOption("model") && !Files.isRegularFile(file)) {
            return ShippedModel.load(Diqam.class, Diqam.SHIPPED_MODEL);
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("model file not found: " + file + " (bin/explain iqa train writes one)");
        }
        ExplainableModel m = ExplainableModel.load(file, null);
        if (m.isClassifier()) {
            throw new UsageException(file + " is a classifier; iqa needs a quality regressor (one score per patch)");
        }
        return m;
    }

    /** Quality maps at --layer (default the model's); a full-reference model is refused in words, not a stack trace. */
    /** Quality maps at --layer; without it, the model's layer for the image contrast and conv10 for per-window ones. */
    static QualityMaps maps(CommandLine line, ExplainableModel model, Contrast contrast) {
        if (Diqam.variantOf(model.graph()).fullReference()) {
            throw new UsageException("quality maps explain no-reference models; this one is full-reference (iqa score takes it)");
        }
        if (!line.hasOption("layer") && contrast.perWindow() && model.explainableLayers().contains(Diqam.WINDOW_LAYER)) {
            return new QualityMaps(model, Diqam.WINDOW_LAYER);
        }
        return new QualityMaps(model, RecognitionInputs.layer(line, model, Path.of(line.getOptionValue("model", "models/iqa.fb"))));
    }

    static BufferedImage read(Path file, PixelLimit limit) {
        BufferedImage img = ImageReading.read(file, limit);
        if (img.getWidth() < 32 || img.getHeight() < 32) {
            throw new UsageException(file + " is smaller than one 32x32 patch");
        }
        return Images.resize(img, img.getWidth(), img.getHeight());
    }

    /** {@code --contrast window|image} and {@code --paste relu|signed}; the talk's per-window contrast by default. */
    static Contrast contrast(CommandLine line) {
        try {
            return Contrast.of(line.getOptionValue("contrast"), line.getOptionValue("paste"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Where the window scores lie: per-window contrasts differ most for targets inside this range. */
    private static String windowRange(QualityMaps.WhyScore why) {
        if (why.perWindow() == null) {
            return "";
        }
        INDArray y = why.perWindow().scores();
        return String.format(Locale.ROOT, "; window scores %.2f to %.2f (median %.2f)", y.minNumber().doubleValue(),
                y.maxNumber().doubleValue(), y.reshape(-1).median(0).getDouble(0));
    }

    private static List<Double> windowTargets(Contrast contrast, List<String> targets) {
        return contrast.perWindow() ? targets.stream().map(IqaExplainAction::target).toList() : null;
    }

    static double target(String t) {
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--rather " + t + ": a target score is a number (e.g. 0.25)");
        }
    }
}
