package org.explain4j.recognition.saliency.experiment;

import java.util.List;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.GraphCut;
import org.nd4j.autodiff.samediff.VariableType;
import org.explain4j.core.saliency.baseline.CenterBias;

/**
 * The saliency models the experiment compares: implicit saliency with each combination and with gradient-magnitude
 * pseudo maps, Grad-CAM "Why P?" at the same layer, input-gradient saliency (vanilla gradient, sum_c |dz_P/dx_c|),
 * the centre bias and the spectral residual.
 */
public final class SaliencyLineup {

    public static final String IMPLICIT = "implicit";

    private SaliencyLineup() {
    }

    /** {@code layer}: one layer, or several separated by commas (implicit saliency fuses them; Grad-CAM explains the first). */
    public static List<SaliencyModel> all(GradientEngine engine, String layer) {
        String camLayer = layer.split(",")[0];
        return List.of(
                implicit(engine, layer, "gradcam", "mean"),
                implicit(engine, layer, "gradcam", "weighted"),
                implicit(engine, layer, "gradcam", "variance"),
                implicit(engine, layer, "magnitude", "mean"),
                implicit(engine, layer, "magnitude", "variance"),
                new SaliencyModel.Explained("Grad-CAM (Why P?)", MethodSpec.of("gradcam").withLayer(camLayer).create(engine)),
                new SaliencyModel.Explained("input gradient", MethodSpec.of("vanilla").create(engine)),
                new SaliencyModel.CentreBias(CenterBias.standard()),
                new SaliencyModel.SpectralResidualModel());
    }

    /** At one layer: implicit saliency as the command line defaults it, and Grad-CAM. */
    public static List<SaliencyModel> atLayer(GradientEngine engine, String layer) {
        return List.of(
                new SaliencyModel.Explained(IMPLICIT, MethodSpec.of("implicit").withLayer(layer).create(engine)),
                new SaliencyModel.Explained("Grad-CAM (Why P?)", MethodSpec.of("gradcam").withLayer(layer).create(engine)));
    }

    /**
     * The explainable layers that depend on a learnt weight, in graph order: the layers table goes from the first
     * convolution to the last spatial layer, leaving out input normalisation (a constant shift and scale of the input,
     * whose "explanation" is the same for every label).
     */
    public static List<String> learntLayers(ExplainableModel model) {
        return model.explainableLayers().stream().filter(l -> GraphCut.ancestors(model.graph(), l).stream()
                .anyMatch(v -> model.graph().getVariable(v).getVariableType() == VariableType.VARIABLE)).toList();
    }

    static SaliencyModel implicit(GradientEngine engine, String layer, String pseudo, String combine) {
        MethodSpec spec = MethodSpec.of("implicit").withLayer(layer).withImplicit(new MethodSpec.Implicit(null, pseudo, combine));
        return new SaliencyModel.Explained(IMPLICIT + " (" + pseudo + ", " + combine + ")", spec.create(engine));
    }
}
