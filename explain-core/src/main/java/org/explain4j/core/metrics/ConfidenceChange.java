package org.explain4j.core.metrics;

import java.util.List;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Average drop and increase in confidence (Chattopadhyay et al., Grad-CAM++; docs/METHODS.md §4): Y the
 * probability of P on the image, O on the image multiplied by the map's view (in [0,1], model-input units);
 * drop = mean of max(0, Y - O) / Y x 100, increase = % of images with O > Y. Lower drop and higher increase
 * mean the map keeps what the decision needs.
 */
public final class ConfidenceChange {

    /** Per image: Y and O. */
    public record Result(double averageDrop, double increase) {
    }

    private final ExplainableModel model;

    public ConfidenceChange(ExplainableModel model) {
        this.model = model;
    }

    /** {@code images} [N,C,H,W]; {@code views} [N,H,W] in [0,1]; one question per image. */
    public Result of(INDArray images, INDArray views, List<? extends Question> questions) {
        long n = images.size(0);
        INDArray masked = images.mul(views.reshape(n, 1, views.size(1), views.size(2)).castTo(images.dataType()).broadcast(images.shape()));
        INDArray y = model.forward(images, List.of(model.outputVariable())).get(model.outputVariable());
        INDArray o = model.forward(masked, List.of(model.outputVariable())).get(model.outputVariable());
        double drop = 0;
        int increased = 0;
        for (int i = 0; i < n; i++) {
            double yi = QuestionScore.probabilityOfP(y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1)),
                    model.outputKind(), questions.get(i))[0];
            double oi = QuestionScore.probabilityOfP(o.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1)),
                    model.outputKind(), questions.get(i))[0];
            drop += Math.max(0, yi - oi) / yi;
            if (oi > yi) {
                increased++;
            }
        }
        return new Result(100 * drop / n, 100.0 * increased / n);
    }
}
