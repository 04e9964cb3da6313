package org.explain4j.core.gradient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.question.ClassLoss;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.question.Question;
import org.explain4j.core.question.QuestionWeights;
import org.explain4j.core.question.ScoreLoss;
import org.explain4j.core.question.ScoreQuestion;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A private copy of a model graph (or of its head) with a question loss and its gradient function.
 * The built-in families take their per-sample questions as placeholders, so one compiled graph
 * answers any batch of them. Runs are serialised on the instance (SameDiff sessions are not shared).
 */
final class CompiledGraph {

    static final String U = "explain4j_U";
    static final String V = "explain4j_V";
    static final String T = "explain4j_T";

    private final SameDiff graph;
    private final LossFamily family;
    private final int numClasses;
    private final DataType dataType;

    private CompiledGraph(SameDiff graph, LossFamily family, int numClasses, DataType dataType) {
        this.graph = graph;
        this.family = family;
        this.numClasses = numClasses;
        this.dataType = dataType;
    }

    /**
     * Adds the family's loss to {@code copy} (which it takes over) on top of {@code output} and builds
     * the gradient function, with gradients also defined for the placeholders {@code differentiable}.
     */
    static CompiledGraph compile(SameDiff copy, String output, OutputKind kind, int numClasses, LossFamily family,
                                 BackwardRule rule, DataType dataType, String... differentiable) {
        SDVariable out = copy.getVariable(output);
        SDVariable loss;
        if (family instanceof LossFamily.Classes) {
            loss = classLoss(copy, out, kind, numClasses, dataType);
        } else if (family instanceof LossFamily.Scores) {
            loss = scoreLoss(copy, out, dataType);
        } else {
            loss = ((LossFamily.Custom) family).question().loss().apply(copy, out);
        }
        copy.setLossVariables(loss.name());
        QuietStdout.run(() -> {
            copy.createGradFunction(differentiable);
            return null;
        });
        rule.rewrite(copy.getFunction("grad"));
        return new CompiledGraph(copy, family, numClasses, dataType);
    }

    private static SDVariable classLoss(SameDiff sd, SDVariable out, OutputKind kind, int numClasses, DataType type) {
        SDVariable z = out.reshape(-1, numClasses);
        if (kind == OutputKind.PROBABILITIES) {
            z = sd.math().log(sd.math().max(z, sd.constant(ClassLoss.PROBABILITY_FLOOR).castTo(type)));
        }
        return ClassLoss.graph(sd, z, sd.placeHolder(U, type, -1, numClasses), sd.placeHolder(V, type, -1, numClasses));
    }

    private static SDVariable scoreLoss(SameDiff sd, SDVariable out, DataType type) {
        SDVariable s = out.reshape(-1, 1);
        SDVariable u = sd.placeHolder(U, type, -1, 1);
        SDVariable v = sd.placeHolder(V, type, -1, 1);
        return ScoreLoss.graph(s, u, v, sd.placeHolder(T, type, -1, 1));
    }

    /**
     * One forward and one backward: {@code outputs} are returned as activations, {@code gradientsFor}
     * as gradients of the summed per-sample losses (each sample's rows depend only on its own loss).
     */
    synchronized OutAndGrad run(Map<String, INDArray> inputs, List<? extends Question> questions,
                                List<String> outputs, List<String> gradientsFor) {
        Map<String, INDArray> ph = new HashMap<>(inputs);
        if (family instanceof LossFamily.Classes) {
            INDArray[] w = QuestionWeights.forClasses(cast(questions, ClassQuestion.class), numClasses, dataType);
            ph.put(U, w[0]);
            ph.put(V, w[1]);
        } else if (family instanceof LossFamily.Scores) {
            INDArray[] w = QuestionWeights.forScores(cast(questions, ScoreQuestion.class), dataType);
            ph.put(U, w[0]);
            ph.put(V, w[1]);
            ph.put(T, w[2]);
        }
        return graph.calculateGradientsAndOutputs(ph, outputs, gradientsFor);
    }

    private static <Q> List<Q> cast(List<? extends Question> questions, Class<Q> type) {
        List<Q> out = new ArrayList<>(questions.size());
        for (Question q : questions) {
            out.add(type.cast(q));
        }
        return out;
    }
}
