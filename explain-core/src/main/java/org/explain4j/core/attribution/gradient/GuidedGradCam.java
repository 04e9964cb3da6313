package org.explain4j.core.attribution.gradient;

import java.util.List;
import java.util.Map;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Explanations;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.attribution.Space;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.cam.MapOps;
import org.explain4j.core.model.ExplainableModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Guided Grad-CAM (docs/METHODS.md §4, as Captum computes it): the Grad-CAM map with ReLU, upsampled
 * bilinearly to the input, times the guided-backpropagation map, channel by channel; unnormalised.
 * Both parts answer the same question, from one forward pass of the CAM method.
 */
public final class GuidedGradCam implements AttributionMethod {

    public static final String NAME = "guided-gradcam";

    private final CamExplainer gradCam;
    private final GuidedBackprop guided;

    public GuidedGradCam(CamExplainer gradCam, GuidedBackprop guided) {
        this.gradCam = gradCam;
        this.guided = guided;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ExplainableModel model() {
        return gradCam.model();
    }

    @Override
    public Forward forward(INDArray inputs) {
        if (inputs.rank() != 4) {
            throw new IllegalArgumentException("guided Grad-CAM needs image inputs [N,C,H,W], got rank " + inputs.rank());
        }
        return gradCam.forward(inputs);
    }

    @Override
    public List<Explanation> explain(Forward forward, List<Asked> asked) {
        if (asked.isEmpty()) {
            return List.of();
        }
        INDArray cam = gradCam.explain(forward, asked).get(0).maps();
        INDArray gb = guided.explain(forward, asked).get(0).maps();
        long k = gb.size(0);
        INDArray up = MapOps.upsample(MapOps.relu(cam), (int) gb.size(2), (int) gb.size(3)).castTo(gb.dataType());
        INDArray maps = gb.mul(up.reshape(k, 1, gb.size(2), gb.size(3)).broadcast(gb.shape()));
        return Explanations.of(AttributionMethod.samples(forward, asked), AttributionMethod.questions(asked), NAME,
                new Space.Input(), maps, Map.of());
    }
}
