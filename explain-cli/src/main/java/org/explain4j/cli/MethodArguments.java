package org.explain4j.cli;

import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;

/** {@code --method} and its settings, shared by every command that explains: one {@link MethodSpec}. */
public final class MethodArguments {

    private MethodArguments() {
    }

    public static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("method").hasArg().argName("NAME")
                .desc("gradcam (default), gradcam++, vanilla, input-x-gradient, guided-backprop, deconvnet, positive-saliency, "
                        + "negative-saliency, guided-gradcam, smoothgrad, smoothgrad-sq, vargrad, integrated-gradients, implicit (implicit "
                        + "saliency: the expectation P contradicted by conflicting labels; --layer may list several, "
                        + "relu1,relu2); a wrapper may name what it wraps: smoothgrad:guided-backprop").build());
        o.addOption(Option.builder().longOpt("conflicting").hasArg().argName("LABELS")
                .desc("implicit: all (default: every class but P), top:K (the K most likely others) or class indices 3,5,8").build());
        o.addOption(Option.builder().longOpt("pseudo").hasArg().argName("KIND")
                .desc("implicit: pseudo maps, gradcam (default: contrastive Grad-CAM) or magnitude (sum_c |dL/dA_c|)").build());
        o.addOption(Option.builder().longOpt("combine").hasArg().argName("STAT")
                .desc("implicit: how pseudo maps combine, mean (default), weighted (by each label's probability) or variance").build());
        o.addOption(Option.builder().longOpt("samples").hasArg().argName("N").desc("smoothgrad/vargrad: noisy copies (default 50)").build());
        o.addOption(Option.builder().longOpt("noise").hasArg().argName("X")
                .desc("smoothgrad/vargrad: sigma as a fraction of the input's value range (default 0.15)").build());
        o.addOption(Option.builder().longOpt("steps").hasArg().argName("N").desc("integrated-gradients: path points (default 50)").build());
        o.addOption(Option.builder().longOpt("ig-rule").hasArg().argName("RULE")
                .desc("integrated-gradients: gausslegendre (default), riemann-left, riemann-right, riemann-middle, riemann-trapezoid").build());
        o.addOption(Option.builder().longOpt("baseline").hasArg().argName("X")
                .desc("integrated-gradients: the baseline's value in model-input units (default 0)").build());
        o.addOption(Option.builder().longOpt("method-batch").hasArg().argName("N")
                .desc("rows per backward pass for gradient methods and wrappers (default 32)").build());
        o.addOption(Option.builder().longOpt("noise-seed").hasArg().argName("N").desc("smoothgrad/vargrad: noise seed (default 1)").build());
        return o;
    }

    /** The method the options name, with {@code layer} for CAM methods; every bad name or value is a usage error. */
    public static MethodSpec spec(CommandLine line, String layer) {
        String method = line.getOptionValue("method", "gradcam");
        Double baseline = line.hasOption("baseline") ? Arguments.doubleValue(line, "baseline", 0) : null;
        if (baseline != null && !Double.isFinite(baseline)) {
            throw new UsageException("--baseline must be a finite number");
        }
        Double noise = line.hasOption("noise") ? Arguments.doubleValue(line, "noise", 0.15) : null;
        if (noise != null && !(noise >= 0 && Double.isFinite(noise))) {
            throw new UsageException("--noise must be a finite number >= 0");
        }
        if (line.hasOption("ig-rule")) {
            try {
                org.explain4j.core.attribution.wrap.Quadrature.parse(line.getOptionValue("ig-rule"));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--ig-rule: " + e.getMessage());
            }
        }
        MethodSpec.Implicit implicit = line.hasOption("conflicting") || line.hasOption("pseudo") || line.hasOption("combine")
                ? new MethodSpec.Implicit(line.getOptionValue("conflicting"), line.getOptionValue("pseudo"), line.getOptionValue("combine"))
                : null;
        return new MethodSpec(method, layer, line.hasOption("samples") ? Arguments.positiveInt(line, "samples", 50) : null, noise,
                line.hasOption("steps") ? Arguments.positiveInt(line, "steps", 50) : null, line.getOptionValue("ig-rule"), baseline,
                line.hasOption("noise-seed") ? Arguments.longValue(line, "noise-seed", 1) : null,
                line.hasOption("method-batch") ? Arguments.positiveInt(line, "method-batch", 32) : null, implicit);
    }

    /** --layer when the method needs one (validated, default the model's), else null. */
    public static String layer(CommandLine line, ExplainableModel model, Path modelFile) {
        boolean cam = MethodSpec.of(line.getOptionValue("method", "gradcam")).needsLayer();
        return cam || line.hasOption("layer") ? RecognitionInputs.layer(line, model, modelFile) : null;
    }

    public static AttributionMethod create(MethodSpec spec, GradientEngine engine) {
        try {
            return spec.create(engine);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
