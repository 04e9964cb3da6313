package org.explain4j.recognition.figures;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.render.FigureGrid;
import org.explain4j.core.report.ExplanationFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The paper's recognition table: Input | Grad-CAM "Why P?" | representative image of Q1 |
 * "Why P, rather than Q1?" | representative image of Q2 | "Why P, rather than Q2?" |
 * "Why not P with full confidence?". P defaults to the predicted class, Q1 and Q2 to the second and
 * third most likely. All rows and all their questions are answered from one forward pass.
 */
public final class ContrastFigure {

    private static final List<String> COLUMNS = List.of("Input", "Why P?", "Contrast Q1", "Why P, rather than Q1?",
            "Contrast Q2", "Why P, rather than Q2?", "Why not P with full confidence?");

    private final CamExplainer explainer;
    private final ExplanationFiles pictures;

    public ContrastFigure(CamExplainer explainer, ExplanationFiles pictures) {
        this.explainer = explainer;
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
        ExplainableModel model = explainer.model();
        INDArray inputs = Nd4j.stack(0, specs.stream().map(RowSpec::input).toArray(INDArray[]::new));
        Forward f = explainer.forward(inputs);
        List<Asked> asked = new ArrayList<>();
        int[][] pq = new int[specs.size()][];
        for (int b = 0; b < specs.size(); b++) {
            RowSpec s = specs.get(b);
            int[] ranked = f.ranked(b);
            int p = s.p() != null ? s.p() : ranked[0];
            int[] others = java.util.Arrays.stream(ranked).filter(c -> c != p).toArray();
            int q1 = s.q1() != null ? s.q1() : others[0];
            int q2 = s.q2() != null ? s.q2() : java.util.Arrays.stream(others).filter(c -> c != q1).findFirst().orElse(others[0]);
            pq[b] = new int[] {p, q1, q2};
            asked.add(new Asked(b, new ClassQuestion.WhyP(p)));
            asked.add(new Asked(b, new ClassQuestion.WhyPRatherQ(p, q1)));
            asked.add(new Asked(b, new ClassQuestion.WhyPRatherQ(p, q2)));
            asked.add(new Asked(b, new ClassQuestion.WhyNotFullyP(p)));
        }
        List<Explanation> answers = explainer.explain(f, asked);
        INDArray probabilities = f.probabilities();
        FigureGrid grid = new FigureGrid(COLUMNS, cellSize);
        List<Row> rows = new ArrayList<>();
        for (int b = 0; b < specs.size(); b++) {
            List<Explanation> mine = answers.subList(4 * b, 4 * b + 4);
            BufferedImage d = specs.get(b).display();
            double prob = probabilities.getDouble(b, pq[b][0]);
            String caption = String.format(Locale.ROOT, "P = %s (%.0f%%); Q1 = %s, Q2 = %s", model.labelOf(pq[b][0]), 100 * prob,
                    model.labelOf(pq[b][1]), model.labelOf(pq[b][2]));
            grid.addRow(caption, java.util.Arrays.asList(d, pictures.overlay(mine.get(0), d), representatives.get(pq[b][1]),
                    pictures.overlay(mine.get(1), d), representatives.get(pq[b][2]), pictures.overlay(mine.get(2), d),
                    pictures.overlay(mine.get(3), d)));
            rows.add(new Row(caption, pq[b][0], pq[b][1], pq[b][2], prob, List.copyOf(mine)));
        }
        return new Figure(grid.render(), rows);
    }
}
