package org.explain4j.recognition.demo;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.cam.Asked;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.cam.Explanation;
import org.explain4j.core.cam.Forward;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.render.FigureGrid;
import org.explain4j.core.report.ExplanationFiles;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The paper's recognition table: Input | Grad-CAM "Why P?" | representative image of Q1 |
 * "Why P, rather than Q1?" | representative image of Q2 | "Why P, rather than Q2?" |
 * "Why not P with full confidence?". Q1 and Q2 are the second and third most likely classes; the
 * representative image of a class is the reference image the model is most confident belongs to it.
 * All rows and all their questions are answered from one forward pass.
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

    /** One row of the table, with the questions it answered. */
    public record Row(String caption, int p, int q1, int q2, List<Explanation> answers) {
    }

    /** The figure and its rows. */
    public record Figure(BufferedImage image, List<Row> rows) {
    }

    /**
     * {@code inputs} [N,C,H,W] and their pictures become the rows; {@code representatives} holds one
     * picture per class.
     */
    public Figure draw(INDArray inputs, List<BufferedImage> displays, List<BufferedImage> representatives, int cellSize) {
        ExplainableModel model = explainer.model();
        Forward f = explainer.forward(inputs);
        List<Asked> asked = new ArrayList<>();
        int[][] pq = new int[f.batchSize()][];
        for (int b = 0; b < f.batchSize(); b++) {
            int[] ranked = f.ranked(b);
            pq[b] = new int[] {ranked[0], ranked[1], ranked[2]};
            asked.add(new Asked(b, new ClassQuestion.WhyP(ranked[0])));
            asked.add(new Asked(b, new ClassQuestion.WhyPRatherQ(ranked[0], ranked[1])));
            asked.add(new Asked(b, new ClassQuestion.WhyPRatherQ(ranked[0], ranked[2])));
            asked.add(new Asked(b, new ClassQuestion.WhyNotFullyP(ranked[0])));
        }
        List<Explanation> answers = explainer.explain(f, asked);
        FigureGrid grid = new FigureGrid(COLUMNS, cellSize);
        List<Row> rows = new ArrayList<>();
        for (int b = 0; b < f.batchSize(); b++) {
            List<Explanation> mine = answers.subList(4 * b, 4 * b + 4);
            BufferedImage d = displays.get(b);
            String caption = String.format(java.util.Locale.ROOT, "P = %s (%.0f%%); Q1 = %s, Q2 = %s", model.labelOf(pq[b][0]),
                    100 * f.probabilities().getDouble(b, pq[b][0]), model.labelOf(pq[b][1]), model.labelOf(pq[b][2]));
            grid.addRow(caption, List.of(d, pictures.overlay(mine.get(0), d), representatives.get(pq[b][1]),
                    pictures.overlay(mine.get(1), d), representatives.get(pq[b][2]), pictures.overlay(mine.get(2), d),
                    pictures.overlay(mine.get(3), d)));
            rows.add(new Row(caption, pq[b][0], pq[b][1], pq[b][2], List.copyOf(mine)));
        }
        return new Figure(grid.render(), rows);
    }
}
