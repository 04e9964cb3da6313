package org.explain4j.core.metrics;

import org.explain4j.core.model.OutputKind;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The number a map-quality metric follows when it perturbs the input for one question: for "Why P,
 * rather than Q?" the margin logit_P - logit_Q (what separates P from Q); for every other class question
 * the probability of P (RISE, Grad-CAM++); for a regressor the score itself.
 */
public final class QuestionScore {

    private QuestionScore() {
    }

    /** The score of every row of {@code output} [N, classes or 1] for one question. */
    public static double[] of(INDArray output, OutputKind kind, Question q) {
        long n = output.size(0);
        INDArray z = output.castTo(DataType.DOUBLE).reshape(n, output.length() / n);
        if (!kind.isClassifier()) {
            return z.getColumn(0).toDoubleVector();
        }
        Question.Facts f = q.facts();
        if (f.p() == null) {
            throw new IllegalArgumentException("a class metric needs a question about a class P, not '" + q.slug() + "'");
        }
        if (f.q() != null) {
            INDArray logits = kind == OutputKind.PROBABILITIES ? Transforms.log(Transforms.max(z, 1e-30, true), false) : z;
            return logits.getColumn(f.p()).sub(logits.getColumn(f.q())).toDoubleVector();
        }
        INDArray p = kind == OutputKind.PROBABILITIES ? z : Transforms.softmax(z, true);
        return p.getColumn(f.p()).toDoubleVector();
    }

    /** The probability of the question's P (used by the confidence and ROAD metrics whatever the question). */
    public static double[] probabilityOfP(INDArray output, OutputKind kind, Question q) {
        long n = output.size(0);
        INDArray z = output.castTo(DataType.DOUBLE).reshape(n, output.length() / n);
        INDArray p = kind == OutputKind.PROBABILITIES ? z : Transforms.softmax(z, true);
        return p.getColumn(q.facts().p()).toDoubleVector();
    }
}
