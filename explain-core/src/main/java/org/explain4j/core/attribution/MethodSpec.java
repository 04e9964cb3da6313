package org.explain4j.core.attribution;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.explain4j.core.attribution.gradient.Deconvnet;
import org.explain4j.core.attribution.gradient.GuidedBackprop;
import org.explain4j.core.attribution.gradient.GuidedGradCam;
import org.explain4j.core.attribution.gradient.InputGradientMethod;
import org.explain4j.core.attribution.gradient.InputXGradient;
import org.explain4j.core.attribution.gradient.NegativeSaliency;
import org.explain4j.core.attribution.gradient.PositiveSaliency;
import org.explain4j.core.attribution.gradient.VanillaGradient;
import org.explain4j.core.attribution.wrap.Baseline;
import org.explain4j.core.attribution.wrap.IntegratedGradients;
import org.explain4j.core.attribution.wrap.NoiseTunnel;
import org.explain4j.core.attribution.wrap.Quadrature;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.cam.GradCamPlusPlusWeights;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.saliency.implicit.Combination;
import org.explain4j.core.saliency.implicit.ConflictingLabels;
import org.explain4j.core.saliency.implicit.ImplicitSaliency;
import org.explain4j.core.saliency.implicit.PseudoMap;

/**
 * A method and its settings as plain data (JSON-serialisable), so that a run can be described, stored and
 * handed to another process: {@code method} is one of {@link #METHODS}; a wrapper may name the method it
 * wraps after a colon ({@code smoothgrad:guided-backprop}, {@code integrated-gradients:guided-backprop}),
 * by default vanilla gradients. Null settings take the defaults below.
 *
 * @param layer      CAM methods: the layer (default: the model's default layer)
 * @param samples    noise tunnel: noisy copies per answer (default 50, SmoothGrad's suggestion)
 * @param noise      noise tunnel: sigma as a fraction of each input's value range (default 0.15)
 * @param steps      Integrated Gradients: path points (default 50, as Captum)
 * @param quadrature Integrated Gradients: {@link Quadrature} id (default gausslegendre, as Captum)
 * @param baseline   Integrated Gradients: the baseline's constant value in model-input units (default 0)
 * @param seed       noise tunnel: noise seed (default 1)
 * @param batchSize  rows per backward pass for input-gradient methods and wrappers (default 32)
 * @param implicit   implicit saliency: its conflicting labels, pseudo maps and combination ({@link Implicit})
 *
 * <p>Serializable: a distributed job (explain-spark) ships the spec to its executors, which build the method there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MethodSpec(String method, String layer, Integer samples, Double noise, Integer steps, String quadrature,
                         Double baseline, Long seed, Integer batchSize, Implicit implicit) implements java.io.Serializable {

    /** Settings of every method but implicit saliency. */
    public MethodSpec(String method, String layer, Integer samples, Double noise, Integer steps, String quadrature,
                      Double baseline, Long seed, Integer batchSize) {
        this(method, layer, samples, noise, steps, quadrature, baseline, seed, batchSize, null);
    }

    /**
     * Implicit saliency's settings, as the command line spells them; null takes the default.
     *
     * @param conflicting {@code all} (default), {@code top:K} or class indices {@code 3,5,8}
     * @param pseudo      {@code gradcam} (default) or {@code magnitude}
     * @param combine     {@code mean} (default), {@code weighted} or {@code variance}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Implicit(String conflicting, String pseudo, String combine) implements java.io.Serializable {
    }

    /** Every method, as the command line names it. */
    public static final List<String> METHODS = List.of("gradcam", "gradcam++", "vanilla", "input-x-gradient",
            "guided-backprop", "deconvnet", "positive-saliency", "negative-saliency", "guided-gradcam", "smoothgrad",
            "smoothgrad-sq", "vargrad", "integrated-gradients", "implicit");

    private static final List<String> INPUT_GRADIENTS = List.of("vanilla", "input-x-gradient", "guided-backprop",
            "deconvnet", "positive-saliency", "negative-saliency");

    /** Whether the method, or the one it wraps, explains at a layer (a CAM method) and so needs one. */
    public boolean needsLayer() {
        String name = method == null ? "gradcam" : method;
        String wrapped = name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
        return CAM_METHODS.contains(name) || CAM_METHODS.contains(wrapped);
    }

    private static final List<String> CAM_METHODS = List.of("gradcam", "gradcam++", "guided-gradcam", "implicit");

    public static MethodSpec of(String method) {
        return new MethodSpec(method, null, null, null, null, null, null, null, null);
    }

    public MethodSpec withLayer(String l) {
        return new MethodSpec(method, l, samples, noise, steps, quadrature, baseline, seed, batchSize, implicit);
    }

    public MethodSpec withImplicit(Implicit settings) {
        return new MethodSpec(method, layer, samples, noise, steps, quadrature, baseline, seed, batchSize, settings);
    }

    /** The method these settings describe, on {@code engine}'s model; a clear error for an unknown name or setting. */
    public AttributionMethod create(GradientEngine engine) {
        String name = method == null ? "gradcam" : method;
        int colon = name.indexOf(':');
        String head = colon < 0 ? name : name.substring(0, colon);
        String inner = colon < 0 ? null : name.substring(colon + 1);
        if (!METHODS.contains(head)) {
            throw new IllegalArgumentException("unknown method '" + name + "'; methods: " + String.join(", ", METHODS));
        }
        int batch = positive(batchSize, 32, "batch size");
        switch (head) {
            case "smoothgrad", "smoothgrad-sq", "vargrad" -> {
                AttributionMethod wrapped = MethodSpec.of(inner == null ? "vanilla" : inner).withLayer(layer).settings(this).create(engine);
                NoiseTunnel.Reduction r = head.equals("smoothgrad") ? NoiseTunnel.Reduction.SMOOTHGRAD
                        : head.equals("vargrad") ? NoiseTunnel.Reduction.VARGRAD : NoiseTunnel.Reduction.SMOOTHGRAD_SQUARED;
                double sigma = noise == null ? 0.15 : noise;
                return new NoiseTunnel(wrapped, r, positive(samples, 50, "noise samples"), sigma, seed == null ? 1 : seed, batch);
            }
            case "integrated-gradients" -> {
                String g = inner == null ? "vanilla" : inner;
                if (!INPUT_GRADIENTS.contains(g)) {
                    throw new IllegalArgumentException("Integrated Gradients integrates an input gradient (" + String.join(", ", INPUT_GRADIENTS)
                            + "), not '" + g + "'");
                }
                InputGradientMethod gradient = (InputGradientMethod) MethodSpec.of(g).settings(this).create(engine);
                Baseline b = baseline == null || baseline == 0 ? new Baseline.Zeros() : new Baseline.Constant(baseline);
                return new IntegratedGradients(gradient, b, positive(steps, 50, "steps"),
                        Quadrature.parse(quadrature == null ? "gausslegendre" : quadrature));
            }
            default -> {
                if (inner != null) {
                    throw new IllegalArgumentException("only smoothgrad, smoothgrad-sq, vargrad and integrated-gradients wrap another method");
                }
                return plain(head, engine, batch);
            }
        }
    }

    private AttributionMethod plain(String name, GradientEngine engine, int batch) {
        java.util.function.Supplier<String> l = () -> layer != null ? layer : engine.model().defaultLayer();
        return switch (name) {
            case "gradcam" -> new CamExplainer(engine, l.get());
            case "gradcam++" -> new CamExplainer(engine, l.get(), new GradCamPlusPlusWeights());
            case "vanilla" -> new VanillaGradient(engine, batch);
            case "input-x-gradient" -> new InputXGradient(engine, batch);
            case "guided-backprop" -> new GuidedBackprop(engine, batch);
            case "deconvnet" -> new Deconvnet(engine, batch);
            case "positive-saliency" -> new PositiveSaliency(engine, batch);
            case "negative-saliency" -> new NegativeSaliency(engine, batch);
            case "guided-gradcam" -> new GuidedGradCam(new CamExplainer(engine, l.get()), new GuidedBackprop(engine, batch));
            case "implicit" -> implicit(engine, l.get());
            default -> throw new IllegalArgumentException("unknown method '" + name + "'");
        };
    }

    /** Implicit saliency at {@code layers} (one name, or several separated by commas, fused). */
    private AttributionMethod implicit(GradientEngine engine, String layers) {
        Implicit s = implicit == null ? new Implicit(null, null, null) : implicit;
        List<String> names = java.util.Arrays.stream(layers.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
        return new ImplicitSaliency(engine, names, ConflictingLabels.parse(s.conflicting() == null ? "all" : s.conflicting()),
                PseudoMap.parse(s.pseudo() == null ? "gradcam" : s.pseudo()), Combination.parse(s.combine() == null ? "mean" : s.combine()));
    }

    /** This method name with {@code other}'s settings. */
    private MethodSpec settings(MethodSpec other) {
        return new MethodSpec(method, layer != null ? layer : other.layer, other.samples, other.noise, other.steps,
                other.quadrature, other.baseline, other.seed, other.batchSize, other.implicit);
    }

    private static int positive(Integer value, int fallback, String what) {
        int v = value == null ? fallback : value;
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be at least 1");
        }
        return v;
    }
}
