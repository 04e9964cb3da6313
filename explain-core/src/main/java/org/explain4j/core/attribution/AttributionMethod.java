package org.explain4j.core.attribution;

import java.util.List;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The seam every explanation method stands on: a batch of inputs, questions asked about its samples, raw
 * signed maps out, each tagged with the {@link Space} it lives in. The work is split in two so that a
 * caller can read the prediction before choosing its questions without paying for a second pass:
 * {@link #forward} runs the model once (keeping what the method reuses), {@link #explain} answers any
 * number of questions about its samples. K questions about one sample share that forward wherever the
 * method allows (CAM methods: always; input-gradient methods need a backward through the whole network
 * per question, run as one batch of K rows).
 *
 * <p>Implementations: {@code cam.CamExplainer} (Grad-CAM, Grad-CAM++), the input-gradient family
 * ({@code gradient.*}), and the wrappers {@code wrap.NoiseTunnel} (SmoothGrad, SmoothGrad-squared,
 * VarGrad) and {@code wrap.IntegratedGradients}, which take any method or gradient.
 */
public interface AttributionMethod {

    /** The method's name as the command line spells it (e.g. {@code gradcam}, {@code smoothgrad}). */
    String name();

    ExplainableModel model();

    /** One forward pass over a batch [N, ...input shape]. */
    Forward forward(INDArray inputs);

    /** Answers every asked question about the samples of {@code forward}, in order. */
    List<Explanation> explain(Forward forward, List<Asked> asked);

    /** One question per sample: forward, then answers. */
    default List<Explanation> explain(INDArray inputs, List<? extends Question> oneQuestionPerSample) {
        List<Asked> asked = Asked.onePerRow(inputs.size(0), oneQuestionPerSample);
        return explain(forward(inputs), asked);
    }

    /** The sample indices of {@code asked}, each checked against the batch. */
    static int[] samples(Forward forward, List<Asked> asked) {
        int[] samples = new int[asked.size()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = asked.get(i).sample();
            if (samples[i] < 0 || samples[i] >= forward.batchSize()) {
                throw new IllegalArgumentException("sample " + samples[i] + " is outside the batch of " + forward.batchSize());
            }
        }
        return samples;
    }

    /** The questions of {@code asked}, in order. */
    static List<Question> questions(List<Asked> asked) {
        return asked.stream().map(Asked::question).toList();
    }
}
