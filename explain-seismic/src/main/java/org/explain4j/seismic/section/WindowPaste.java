package org.explain4j.seismic.section;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.question.ClassLoss;
import org.explain4j.core.run.AnswerSink;
import org.explain4j.core.run.SampleAnswers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The section's sink: records each window's class and probabilities and, for the windows that answer, hands their
 * maps to a {@link MapPaste}. Every window covers a full rectangle of the grid, so how many windows cover a pixel is
 * the product of a row count and a column count, computed once; the maps are those sums over that count.
 */
final class WindowPaste implements AnswerSink {

    private final SectionWindows windows;
    private final SectionQuestions questions;
    private MapPaste paste;
    private final float[][] probabilities;
    private final int[] predicted;
    private int answering;
    /** The output rows of the batch being pasted, read once per batch rather than once per window. */
    private Forward rowsOf;
    private double[][] rows;

    WindowPaste(SectionWindows windows, SectionQuestions questions) {
        this.windows = windows;
        this.questions = questions;
        this.probabilities = new float[windows.count()][];
        this.predicted = new int[windows.count()];
        // A window the runner skipped (its output was not finite) keeps class -1 and no probabilities.
        Arrays.fill(predicted, -1);
    }

    @Override
    public void accept(SampleAnswers a) {
        int w = ((WindowSource) a.source()).index();
        int b = a.sample();
        if (a.forward() != rowsOf) {
            rows = a.forward().outputRows();
            rowsOf = a.forward();
        }
        double[] row = rows[b];
        double[] p = a.forward().kind() == OutputKind.PROBABILITIES ? row : ClassLoss.softmax(row);
        probabilities[w] = new float[p.length];
        int best = 0; // ties go to the first class, as Forward.predicted
        for (int c = 0; c < p.length; c++) {
            probabilities[w][c] = (float) p[c];
            best = p[c] > p[best] ? c : best;
        }
        predicted[w] = best;
        if (!questions.answers(predicted[w])) {
            return;
        }
        answering++;
        List<Explanation> answers = a.explanations();
        if (paste == null) {
            paste = MapPaste.of(windows, answers.get(0), answers.size());
        }
        paste.add(w, answers);
    }

    /** The averages over every window covering a pixel. */
    SectionExplanation result(List<String> captions, double seconds) {
        INDArray coverage = coverage();
        INDArray sums = paste == null ? null : paste.sums();
        List<INDArray> p = new ArrayList<>();
        List<INDArray> s = new ArrayList<>();
        for (int k = 0; k < captions.size(); k++) {
            if (sums == null) { // no window answered: every map is empty
                p.add(Nd4j.create(DataType.FLOAT, windows.samples(), windows.traces()));
                s.add(Nd4j.create(DataType.FLOAT, windows.samples(), windows.traces()));
            } else {
                p.add(sums.get(NDArrayIndex.point(k), NDArrayIndex.point(0)).div(coverage));
                s.add(sums.get(NDArrayIndex.point(k), NDArrayIndex.point(1)).div(coverage));
            }
        }
        int classes = Arrays.stream(probabilities).filter(java.util.Objects::nonNull).mapToInt(r -> r.length).findFirst().orElse(1);
        float[][] probs = new float[probabilities.length][];
        for (int i = 0; i < probs.length; i++) {
            probs[i] = probabilities[i] != null ? probabilities[i] : nan(classes);
        }
        return new SectionExplanation(windows, captions, p, s, Nd4j.createFromArray(probs), predicted.clone(), answering, seconds);
    }

    /** [samples, traces]: windows covering each pixel, rows covering its sample times columns covering its trace. */
    private INDArray coverage() {
        float[] rows = new float[windows.samples()];
        float[] cols = new float[windows.traces()];
        for (int r = 0; r < windows.rows(); r++) {
            for (int z = windows.rowStart(r); z < windows.rowStart(r) + windows.patch(); z++) {
                rows[z]++;
            }
        }
        for (int c = 0; c < windows.columns(); c++) {
            for (int x = windows.columnStart(c); x < windows.columnStart(c) + windows.patch(); x++) {
                cols[x]++;
            }
        }
        return Nd4j.createFromArray(rows).reshape(rows.length, 1).mmul(Nd4j.createFromArray(cols).reshape(1, cols.length));
    }

    private static float[] nan(int n) {
        float[] r = new float[n];
        Arrays.fill(r, Float.NaN);
        return r;
    }
}
