package org.explain4j.core.cam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.explain4j.core.gradient.BatchRows;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.gradient.Gradients;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Grad-CAM and its contrastive and counterfactual variants at one layer. The forward pass runs once
 * ({@link #forward}); every question asked about its samples then costs only the backward (and
 * forward) of the part of the graph above the layer, so K contrasts about one image share its forward.
 * When the graph above the layer also reads the input (no clean cut), the whole graph runs instead,
 * once per asked row.
 */
public final class CamExplainer {

    private final GradientEngine engine;
    private final String layer;

    public CamExplainer(GradientEngine engine, String layer) {
        ExplainableModel model = engine.model();
        List<String> layers = model.explainableLayers();
        if (!layers.contains(layer)) {
            throw new IllegalArgumentException("unknown layer '" + layer + "'; explainable layers: " + String.join(", ", layers));
        }
        this.engine = engine;
        this.layer = layer;
    }

    public String layer() {
        return layer;
    }

    public ExplainableModel model() {
        return engine.model();
    }

    /** One forward pass over a batch: activations at the layer and the output. */
    public Forward forward(INDArray input) {
        ExplainableModel m = engine.model();
        java.util.Set<String> wanted = new java.util.LinkedHashSet<>(List.of(layer, m.outputVariable()));
        wanted.addAll(engine.headVariables(layer));
        Map<String, INDArray> out = m.forward(input, new ArrayList<>(wanted));
        return new Forward(input, layer, out.get(layer), out.get(m.outputVariable()), m.outputKind(), Map.copyOf(out));
    }

    /** Answers every asked question about the samples of {@code forward}, in order. */
    public List<Explanation> explain(Forward forward, List<Asked> asked) {
        if (asked.isEmpty()) {
            return List.of();
        }
        int[] samples = new int[asked.size()];
        List<Question> questions = new ArrayList<>(asked.size());
        for (int i = 0; i < samples.length; i++) {
            samples[i] = asked.get(i).sample();
            if (samples[i] < 0 || samples[i] >= forward.batchSize()) {
                throw new IllegalArgumentException("sample " + samples[i] + " is outside the batch of " + forward.batchSize());
            }
            questions.add(asked.get(i).question());
        }
        INDArray weights;
        if (engine.canCutAt(layer)) {
            weights = engine.gradCamWeights(layer, forward.kept(), samples, questions);
        } else {
            Gradients g = engine.compute(BatchRows.of(forward.input(), samples), questions, List.of(layer));
            weights = GradCam.weights(g.gradient(layer));
        }
        INDArray raw = GradCam.rawMaps(forward.activations(), samples, weights);
        List<Explanation> out = new ArrayList<>(samples.length);
        for (int i = 0; i < samples.length; i++) {
            out.add(new Explanation(samples[i], questions.get(i), raw, weights, i));
        }
        return out;
    }

    /** One question per sample: forward, then answers. */
    public List<Explanation> explain(INDArray input, List<? extends Question> oneQuestionPerSample) {
        if (input.size(0) != oneQuestionPerSample.size()) {
            throw new IllegalArgumentException("one question per sample: the batch has " + input.size(0)
                    + " samples but " + oneQuestionPerSample.size() + " questions were asked");
        }
        List<Asked> asked = new ArrayList<>();
        for (int i = 0; i < oneQuestionPerSample.size(); i++) {
            asked.add(new Asked(i, oneQuestionPerSample.get(i)));
        }
        return explain(forward(input), asked);
    }
}
