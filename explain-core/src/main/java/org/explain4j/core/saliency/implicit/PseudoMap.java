package org.explain4j.core.saliency.implicit;

import java.util.List;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.cam.GradCam;
import org.explain4j.core.cam.MapOps;
import org.explain4j.core.gradient.BatchRows;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How one conflicting label's gradient at a layer becomes a pseudo saliency map [h, w], never negative.
 * {@link #GRAD_CAM}: the contrastive Grad-CAM map relu(sum_c mean(dL/dA_c) A_c), as the group's contrastive
 * code pools it (weights only: the engine's dense-head shortcut never builds the K x C x h x w gradient).
 * {@link #GRADIENT_MAGNITUDE}: sum_c |dL/dA_c|, where the error lands, without the activations.
 */
public enum PseudoMap {

    GRAD_CAM("gradcam") {
        @Override
        INDArray maps(GradientEngine engine, String layer, Forward forward, int[] sampleOf, List<Question> questions) {
            INDArray acts = forward.kept().get(layer);
            INDArray w = engine.canCutAt(layer)
                    ? engine.gradCamWeights(layer, forward.kept(), sampleOf, questions)
                    : GradCam.weights(gradients(engine, layer, forward, sampleOf, questions));
            return MapOps.relu(GradCam.rawMaps(acts, sampleOf, w));
        }
    },
    GRADIENT_MAGNITUDE("magnitude") {
        @Override
        INDArray maps(GradientEngine engine, String layer, Forward forward, int[] sampleOf, List<Question> questions) {
            return Transforms.abs(gradients(engine, layer, forward, sampleOf, questions), false).sum(1);
        }
    };

    private final String id;

    PseudoMap(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** [K, h, w] pseudo maps at {@code layer}, question k about sample {@code sampleOf[k]} of the forward pass. */
    abstract INDArray maps(GradientEngine engine, String layer, Forward forward, int[] sampleOf, List<Question> questions);

    private static INDArray gradients(GradientEngine engine, String layer, Forward forward, int[] sampleOf, List<Question> questions) {
        return engine.canCutAt(layer)
                ? engine.layerGradients(layer, forward.kept().get(layer), sampleOf, questions)
                : engine.compute(BatchRows.of(forward.input(), sampleOf), questions, List.of(layer)).gradient(layer);
    }

    public static PseudoMap parse(String text) {
        for (PseudoMap p : values()) {
            if (p.id.equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("pseudo maps: give gradcam or magnitude, not '" + text + "'");
    }
}
