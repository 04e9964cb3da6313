package org.explain4j.core.figure;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.run.QuestionPolicy;
import org.explain4j.core.run.Runner;
import org.explain4j.core.run.SampleAnswers;
import org.explain4j.core.run.Source;
import org.explain4j.core.render.FigureGrid;
import org.explain4j.core.report.ExplanationFiles;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The paper's recognition table: Input | Grad-CAM "Why P?" | representative image of Q1 |
 * "Why P, rather than Q1?" | representative image of Q2 | "Why P, rather than Q2?" |
 * "Why not P with full confidence?". P defaults to the predicted class, Q1 and Q2 to the second and
 * third most likely. All rows and all their questions go through the library runner as one batch: one
 * forward pass, one explain call.
 */
public final class ContrastFigure {

    private static final List<String> COLUMNS = List.of("Input", "Why P?", "Contrast Q1", "Why P, rather than Q1?",
            "Contrast Q2", "Why P, rather than Q2?", "Why not P with full confidence?");

    private final AttributionMethod method;
    private final ExplanationFiles pictures;

    /** Any method draws the table; the paper's is Grad-CAM ({@code CamExplainer}). */
    public ContrastFigure(AttributionMethod method, ExplanationFiles pictures) {
        this.method = method;
        this.pictures = pictures;
    }

    /** One input: its tensor [C,H,W] and picture, and the classes to ask about (null: P predicted, Q ranked). */
    public record RowSpec(INDArray input, BufferedImage display, Integer p, Integer q1, Integer q2) {
    }

    /** One row of the table, with the questions it answered. */
    public record Row(String caption, int p, int q1, int q2, double probabilityOfP, List<Explanation> answers) {
    }

    /** The figure and its rows. */
    public record Figure(BufferedImage image, List<Row> rows) {
    }

    /**
     * {@code representatives} holds one picture per class (an entry may be null: the cell stays blank).
     */
    public Figure draw(List<RowSpec> specs, List<BufferedImage> representatives, int cellSize) {
        ExplainableModel model = method.model();
        List<Source> sources = new ArrayList<>();
        for (int b = 0; b < specs.size(); b++) {
            RowSpec s = specs.get(b);
            List<Integer> given = java.util.stream.Stream.of(s.q1(), s.q2()).filter(java.util.Objects::nonNull).toList();
            QuestionPolicy row = new QuestionPolicy.ClassContrasts(s.p(), given, 2, true, false);
            INDArray x = s.input().reshape(prepend(s.input().shape()));
            sources.add(Source.of("row " + b, new ModelInput(x, s.display()), row));
        }
        // Every row in one batch: one forward pass, one explain call.
        List<SampleAnswers> answered = new Runner(method, null, Math.max(1, specs.size())).run(sources);
        FigureGrid grid = new FigureGrid(COLUMNS, cellSize);
        List<Row> rows = new ArrayList<>();
        for (SampleAnswers a : answered) {
            List<Explanation> mine = a.explanations();
            int p = mine.get(0).question().facts().p();
            int q1 = mine.get(1).question().facts().q();
            int q2 = mine.get(2).question().facts().q();
            BufferedImage d = a.input().display();
            double prob = a.forward().probabilities().getDouble(a.sample(), p);
            String caption = String.format(Locale.ROOT, "P = %s (%.0f%%); Q1 = %s, Q2 = %s", model.labelOf(p), 100 * prob,
                    model.labelOf(q1), model.labelOf(q2));
            grid.addRow(caption, java.util.Arrays.asList(d, pictures.overlay(mine.get(0), d), representatives.get(q1),
                    pictures.overlay(mine.get(1), d), representatives.get(q2), pictures.overlay(mine.get(2), d),
                    pictures.overlay(mine.get(3), d)));
            rows.add(new Row(caption, p, q1, q2, prob, List.copyOf(mine)));
        }
        return new Figure(grid.render(), rows);
    }

    private static long[] prepend(long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = 1;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
