package org.explain4j.core.attribution.gradient;

import java.util.List;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.attribution.Explanations;
import org.explain4j.core.attribution.Space;
import org.explain4j.core.gradient.BackwardRule;
import org.explain4j.core.gradient.BatchRows;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The methods whose map is built from the gradient of each question's loss at the model input, dL/dx,
 * with ReLUs passing gradients back by the method's {@link BackwardRule}. A subclass says which rule and
 * how the map follows from x and g (like a Captum attribution class).
 *
 * <p>Cost: an input gradient needs the backward of the whole network for every question
 * ({@link GradientEngine#inputGradients}: a hand-written backward without weight gradients for plain CNNs, SameDiff's
 * otherwise), and the backward needs the forward values of the same rows, so K questions about one image run as one
 * batch of K replicated rows (one call, K forwards and K backwards of work), chunked by {@code batchSize} rows.
 */
public abstract class InputGradientMethod implements AttributionMethod {

    private final GradientEngine engine;
    private final int batchSize;

    protected InputGradientMethod(GradientEngine engine, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.engine = engine;
        this.batchSize = batchSize;
    }

    /** How ReLUs pass the gradient back. */
    protected abstract BackwardRule rule();

    /** The raw map [K, ...input shape] from the asked rows {@code x} and their gradients {@code g} (which it may reuse). */
    protected abstract INDArray attribution(INDArray x, INDArray g);

    @Override
    public ExplainableModel model() {
        return engine.model();
    }

    /** Rows per backward pass: {@link #gradients} splits larger batches into chunks of this many rows. */
    public int batchSize() {
        return batchSize;
    }

    protected GradientEngine engine() {
        return engine;
    }

    @Override
    public Forward forward(INDArray inputs) {
        ExplainableModel m = engine.model();
        INDArray out = m.forward(inputs, List.of(m.outputVariable())).get(m.outputVariable());
        return Forward.ofOutput(inputs, out, m.outputKind());
    }

    /**
     * Questions given in advance need no prediction, so no separate forward pass: the backward's own
     * forward is the only one (one forward and one backward per batch, as for a Captum attribution).
     */
    @Override
    public List<Explanation> explain(INDArray inputs, List<? extends Question> oneQuestionPerSample) {
        List<Asked> asked = Asked.onePerRow(inputs.size(0), oneQuestionPerSample);
        return explain(Forward.ofOutput(inputs, null, engine.model().outputKind()), asked);
    }

    @Override
    public List<Explanation> explain(Forward forward, List<Asked> asked) {
        if (asked.isEmpty()) {
            return List.of();
        }
        int[] samples = AttributionMethod.samples(forward, asked);
        List<Question> questions = AttributionMethod.questions(asked);
        INDArray rows = BatchRows.of(forward.input(), samples);
        INDArray maps = attribution(rows, gradients(rows, questions));
        return Explanations.of(samples, questions, name(), new Space.Input(), maps, java.util.Map.of());
    }

    /** dL/dx [K, ...] for one question per row of {@code rows}, under this method's rule, {@code batchSize} rows at a time. */
    public INDArray gradients(INDArray rows, List<? extends Question> questions) {
        if (rows.size(0) != questions.size()) {
            throw new IllegalArgumentException(rows.size(0) + " rows for " + questions.size() + " questions");
        }
        long k = rows.size(0);
        if (k <= batchSize) {
            return engine.inputGradients(rows, questions, rule());
        }
        INDArray out = Nd4j.create(rows.dataType(), rows.shape());
        for (long from = 0; from < k; from += batchSize) {
            long to = Math.min(k, from + batchSize);
            INDArray chunk = rows.get(NDArrayIndex.interval(from, to)).dup();
            INDArray g = engine.inputGradients(chunk, questions.subList((int) from, (int) to), rule());
            out.get(NDArrayIndex.interval(from, to)).assign(g);
        }
        return out;
    }
}
