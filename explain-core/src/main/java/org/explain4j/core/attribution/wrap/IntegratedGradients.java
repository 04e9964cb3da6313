package org.explain4j.core.attribution.wrap;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Explanations;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.attribution.Space;
import org.explain4j.core.attribution.gradient.InputGradientMethod;
import org.explain4j.core.gradient.BatchRows;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.Losses;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Integrated Gradients (docs/METHODS.md §4): (x - b) * sum_i w_i dL/dx (b + alpha_i (x - b)) for any
 * {@link Baseline} b, with the points and weights of a {@link Quadrature} (Captum's default: 50
 * Gauss-Legendre points). The gradient is taken by an {@link InputGradientMethod} (vanilla gradients,
 * as Captum; another rule gives another path integral, for which completeness does not hold).
 *
 * <p>All K x m path points are one array of rows, differentiated {@code batchSize} rows at a time by the
 * gradient method. Each answer reports its completeness error sum(attribution) - (L(x) - L(b))
 * ({@link Explanation#COMPLETENESS_ERROR}; NaN for a custom question, whose loss lives in its graph),
 * from one extra forward pass over the baselines.
 */
public final class IntegratedGradients implements AttributionMethod {

    public static final String NAME = "integrated-gradients";

    private final InputGradientMethod gradient;
    private final Baseline baseline;
    private final int steps;
    private final Quadrature quadrature;

    public IntegratedGradients(InputGradientMethod gradient, Baseline baseline, int steps, Quadrature quadrature) {
        if (steps < 1) {
            throw new IllegalArgumentException("Integrated Gradients needs at least 1 step");
        }
        this.gradient = gradient;
        this.baseline = baseline;
        this.steps = steps;
        this.quadrature = quadrature;
    }

    @Override
    public String name() {
        return gradient.name().equals("vanilla") ? NAME : NAME + "-" + gradient.name();
    }

    @Override
    public ExplainableModel model() {
        return gradient.model();
    }

    @Override
    public Forward forward(INDArray inputs) {
        return gradient.forward(inputs);
    }

    @Override
    public List<Explanation> explain(Forward forward, List<Asked> asked) {
        if (asked.isEmpty()) {
            return List.of();
        }
        int[] sampleOf = AttributionMethod.samples(forward, asked);
        List<Question> questions = AttributionMethod.questions(asked);
        int k = sampleOf.length;
        INDArray x = BatchRows.of(forward.input(), sampleOf);
        INDArray b = baseline.rowsFor(x);
        INDArray delta = x.sub(b);
        long perRow = x.length() / k;
        double[] alphas = quadrature.alphas(steps);
        double[] weights = quadrature.weights(steps);

        Repeats path = Repeats.of(java.util.stream.IntStream.range(0, k).toArray(), questions, steps);
        List<Question> repeatedQuestions = path.questions();
        INDArray flatB = b.reshape('c', k, perRow);
        INDArray flatDelta = delta.reshape('c', k, perRow);
        AnswerSums integral = new AnswerSums(k, perRow, x.dataType(), false);
        int chunkRows = gradient.batchSize();
        INDArray points = null;
        // Each chunk of path points is built in one reused buffer and its weighted gradients added to the answers'
        // integrals before the next: the K x m points and their gradients never exist at once (docs/METHODS.md §4).
        for (int from = 0; from < k * steps; from += chunkRows) {
            int to = Math.min(k * steps, from + chunkRows);
            int c = to - from;
            if (points == null || points.size(0) != c) {
                long[] shape = x.shape().clone();
                shape[0] = c;
                points = Nd4j.create(x.dataType(), shape);
            }
            INDArray flatPoints = points.reshape('c', c, perRow);
            double[] w = new double[c];
            for (int i = 0; i < c; i++) {
                int answer = (from + i) / steps;
                int step = (from + i) % steps;
                flatPoints.getRow(i).assign(flatDelta.getRow(answer)).muli(alphas[step]).addi(flatB.getRow(answer));
                w[i] = weights[step];
            }
            INDArray g = gradient.gradients(points, repeatedQuestions.subList(from, to));
            integral.add(g, Nd4j.createFromArray(w).reshape(c, 1), from, steps);
        }
        INDArray attributions = integral.sums().muli(flatDelta).reshape('c', x.shape());
        INDArray error = completenessError(forward, sampleOf, questions, b, attributions);
        return Explanations.of(sampleOf, questions, name(), new Space.Input(), attributions,
                Map.of(Explanation.COMPLETENESS_ERROR, error));
    }

    /** sum(attribution) - (L(x) - L(b)) per answer, [K]. */
    private INDArray completenessError(Forward forward, int[] sampleOf, List<Question> questions, INDArray b, INDArray attributions) {
        int k = sampleOf.length;
        ExplainableModel m = gradient.model();
        INDArray zb = m.forward(b, List.of(m.outputVariable())).get(m.outputVariable());
        Forward atBaseline = Forward.ofOutput(b, zb, m.outputKind());
        double[] sums = attributions.reshape('c', k, attributions.length() / k).sum(1).castTo(DataType.DOUBLE).toDoubleVector();
        double[] error = new double[k];
        for (int i = 0; i < k; i++) {
            OptionalDouble lx = Losses.value(questions.get(i), forward.outputRow(sampleOf[i]), m.outputKind());
            OptionalDouble lb = Losses.value(questions.get(i), atBaseline.outputRow(i), m.outputKind());
            error[i] = lx.isPresent() ? sums[i] - (lx.getAsDouble() - lb.getAsDouble()) : Double.NaN;
        }
        return Nd4j.createFromArray(error);
    }
}
