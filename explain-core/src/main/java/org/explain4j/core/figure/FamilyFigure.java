package org.explain4j.core.figure;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.render.FigureGrid;
import org.explain4j.core.report.ExplanationFiles;
import org.explain4j.core.run.QuestionPolicy;
import org.explain4j.core.run.Runner;
import org.explain4j.core.run.SampleAnswers;
import org.explain4j.core.run.Source;

/**
 * The talk's slide of the "Why P?" family beside the contrastive answer: Input | Grad-CAM | guided
 * backprop | positive saliency | SmoothGrad | vanilla gradient | Why P, rather than Q? (Grad-CAM), with
 * guided Grad-CAM and Integrated Gradients as optional extra columns. With {@link Question#RATHER} every
 * method column answers "Why P, rather than Q?" instead, and the last column shows Grad-CAM's "Why P?"
 * for reference. Each method is run over all rows by the library runner; the rows ask the same two
 * questions of every method (P predicted unless given, Q the runner-up unless given).
 */
public final class FamilyFigure {

    /** Which question the method columns answer. */
    public enum Question { WHY, RATHER }

    /** A column: its title and the method that fills it. */
    private record Column(String title, String method) {
    }

    private static final List<Column> BASE = List.of(new Column("Grad-CAM", "gradcam"),
            new Column("Guided backprop", "guided-backprop"), new Column("Positive saliency", "positive-saliency"),
            new Column("SmoothGrad", "smoothgrad"), new Column("Vanilla gradient", "vanilla"));
    private static final List<Column> EXTRA = List.of(new Column("Guided Grad-CAM", "guided-gradcam"),
            new Column("Integrated Gradients", "integrated-gradients"));

    /** One row: P, Q and every column's answer (method columns first, then the last column). */
    public record Row(String caption, int p, int q, double probabilityOfP, List<Explanation> answers) {
    }

    public record Figure(BufferedImage image, List<String> columns, List<Row> rows) {
    }

    private final ExplainableModel model;
    private final MethodSpec settings;
    private final boolean extra;
    private final Question question;
    private final ExplanationFiles pictures;

    /** {@code settings} carries the layer and the wrappers' settings (its method name is ignored). */
    public FamilyFigure(ExplainableModel model, MethodSpec settings, boolean extra, Question question, ExplanationFiles pictures) {
        this.model = model;
        this.settings = settings;
        this.extra = extra;
        this.question = question;
        this.pictures = pictures;
    }

    /** One row per input; {@code p} and {@code q} fix P and Q for every row (null: predicted and runner-up). */
    public Figure draw(List<ModelInput> inputs, Integer p, Integer q, int cellSize) {
        QuestionPolicy policy = new QuestionPolicy.ClassContrasts(p, q == null ? List.of() : List.of(q), 1, false, false);
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            sources.add(Source.of("row " + i, inputs.get(i)));
        }
        List<Column> columns = new ArrayList<>(BASE);
        if (extra) {
            columns.addAll(EXTRA);
        }
        GradientEngine engine = new GradientEngine(model);
        int answer = question == Question.WHY ? 0 : 1;
        List<List<Explanation>> perRow = new ArrayList<>();
        List<SampleAnswers> last = null;
        for (Column c : columns) {
            AttributionMethod m = withMethod(c.method()).create(engine);
            List<SampleAnswers> answered = new Runner(m, policy, Math.max(1, inputs.size())).run(sources);
            for (int r = 0; r < answered.size(); r++) {
                if (perRow.size() <= r) {
                    perRow.add(new ArrayList<>());
                }
                perRow.get(r).add(answered.get(r).explanations().get(answer));
            }
            if (c.method().equals("gradcam")) {
                last = answered;
            }
        }
        List<String> titles = new ArrayList<>(List.of("Input"));
        String asked = question == Question.WHY ? "Why P?" : "Why P, rather than Q?";
        columns.forEach(c -> titles.add(c.title() + ": " + asked));
        titles.add(question == Question.WHY ? "Why P, rather than Q? (Grad-CAM)" : "Why P? (Grad-CAM)");
        FigureGrid grid = new FigureGrid(titles, cellSize);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < inputs.size(); r++) {
            SampleAnswers cam = last.get(r);
            Explanation lastAnswer = cam.explanations().get(1 - answer);
            List<Explanation> answers = new ArrayList<>(perRow.get(r));
            answers.add(lastAnswer);
            var facts = cam.explanations().get(1).question().facts();
            int pr = facts.p();
            int qr = facts.q();
            double prob = cam.forward().probabilities().getDouble(cam.sample(), pr);
            String caption = String.format(Locale.ROOT, "P = %s (%.0f%%), Q = %s", model.labelOf(pr), 100 * prob, model.labelOf(qr));
            BufferedImage d = inputs.get(r).display();
            List<BufferedImage> cells = new ArrayList<>(Arrays.asList(d));
            answers.forEach(e -> cells.add(pictures.overlay(e, d)));
            grid.addRow(caption, cells);
            rows.add(new Row(caption, pr, qr, prob, List.copyOf(answers)));
        }
        return new Figure(grid.render(), List.copyOf(titles), rows);
    }

    private MethodSpec withMethod(String method) {
        return new MethodSpec(method, settings.layer(), settings.samples(), settings.noise(), settings.steps(), settings.quadrature(),
                settings.baseline(), settings.seed(), settings.batchSize());
    }
}
