package org.explain4j.core.cam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Explanations;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.attribution.Space;
import org.explain4j.core.gradient.BatchRows;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * CAM methods at one layer — Grad-CAM (and through its questions the contrastive and counterfactual maps)
 * or Grad-CAM++, told apart by their {@link CamWeights}. The forward pass runs once ({@link #forward});
 * every question asked about its samples then costs only the backward (and forward) of the part of the
 * graph above the layer, so K contrasts about one image share its forward. When the graph above the layer
 * also reads the input (no clean cut), the whole graph runs instead, once per asked row.
 */
public final class CamExplainer implements AttributionMethod {

    private final GradientEngine engine;
    private final String layer;
    private final CamWeights weights;

    /** Grad-CAM at {@code layer}. */
    public CamExplainer(GradientEngine engine, String layer) {
        this(engine, layer, new GradCamWeights());
    }

    public CamExplainer(GradientEngine engine, String layer, CamWeights weights) {
        ExplainableModel model = engine.model();
        List<String> layers = model.explainableLayers();
        if (!layers.contains(layer)) {
            throw new IllegalArgumentException("unknown layer '" + layer + "'; explainable layers: " + String.join(", ", layers));
        }
        this.engine = engine;
        this.layer = layer;
        this.weights = weights;
    }

    @Override
    public String name() {
        return weights.name();
    }

    public String layer() {
        return layer;
    }

    @Override
    public ExplainableModel model() {
        return engine.model();
    }

    /** One forward pass over a batch: activations at the layer, the output, and what the head's backward reuses. */
    @Override
    public Forward forward(INDArray input) {
        ExplainableModel m = engine.model();
        java.util.Set<String> wanted = new java.util.LinkedHashSet<>(List.of(layer, m.outputVariable()));
        wanted.addAll(engine.headVariables(layer));
        Map<String, INDArray> out = m.forward(input, new ArrayList<>(wanted));
        return new Forward(input, layer, out.get(layer), out.get(m.outputVariable()), m.outputKind(), Map.copyOf(out));
    }

    @Override
    public List<Explanation> explain(Forward forward, List<Asked> asked) {
        if (asked.isEmpty()) {
            return List.of();
        }
        if (!layer.equals(forward.layer())) {
            throw new IllegalArgumentException("the forward pass kept layer " + forward.layer() + ", not " + layer);
        }
        int[] samples = AttributionMethod.samples(forward, asked);
        List<Question> questions = AttributionMethod.questions(asked);
        INDArray w;
        if (weights.needsOnlyMeans() && engine.canCutAt(layer)) {
            w = engine.gradCamWeights(layer, forward.kept(), samples, questions);
        } else {
            INDArray gradients = engine.canCutAt(layer)
                    ? engine.layerGradients(layer, forward.activations(), samples, questions)
                    : engine.compute(BatchRows.of(forward.input(), samples), questions, List.of(layer)).gradient(layer);
            w = weights.fromGradients(gradients, BatchRows.of(forward.activations(), samples));
        }
        INDArray raw = GradCam.rawMaps(forward.activations(), samples, w);
        Space space = new Space.Layer(layer);
        Map<String, INDArray> details = Map.of(Explanation.WEIGHTS, w);
        return Explanations.of(samples, questions, name(), space, raw, details);
    }
}
