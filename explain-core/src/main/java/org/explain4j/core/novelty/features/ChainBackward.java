package org.explain4j.core.novelty.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DeConv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;

/**
 * The gradients of a per-sample loss at activations, built into the graph as ordinary ops that run with the forward:
 * for a chain of transposed convolutions, ReLUs and sigmoids from those activations to the output (an autoencoder's
 * decoder), with a loss whose output gradient is known in closed form ({@link SampleLoss#outputGradient}).
 *
 * <p>Why: SameDiff's backward of a transposed convolution ({@code deconv2d_bp}) always computes the batch's summed
 * weight and bias gradients, which per-sample features never read and recompute per sample; on GradCON's decoder
 * those made the backward cost more than the whole forward (docs/BENCHMARKS.md, "Novelty"). Here a transposed
 * convolution's input gradient is one convolution of its output gradient with the same weight, stride and padding
 * (the transposed convolution is that convolution's adjoint, and its output size makes the convolution's exact);
 * a ReLU passes the gradient where its output is positive (as SameDiff's, zero at zero); a sigmoid multiplies it by
 * s (1 - s).
 */
public final class ChainBackward {

    private static final String PREFIX = "explain4j_chain_grad/";

    private ChainBackward() {
    }

    /** One op of the chain, walked from the output towards the input. */
    private sealed interface Link {
        /** The op's data input. */
        String input();

        /** The gradient at {@link #input} from the gradient at the op's output {@code out}. */
        SDVariable back(SameDiff sd, SDVariable gradient, SDVariable out);
    }

    private record SigmoidLink(String input) implements Link {
        public SDVariable back(SameDiff sd, SDVariable gradient, SDVariable out) {
            return gradient.mul(out.mul(out.rsub(1.0)));
        }
    }

    private record ReluLink(String input) implements Link {
        public SDVariable back(SameDiff sd, SDVariable gradient, SDVariable out) {
            return gradient.mul(sd.math().step(out, 0.0));
        }
    }

    private record DeconvLink(String input, String weight, DeConv2DConfig c) implements Link {
        public SDVariable back(SameDiff sd, SDVariable gradient, SDVariable out) {
            return sd.cnn().conv2d(gradient, sd.getVariable(weight), Conv2DConfig.builder().kH(c.getKH()).kW(c.getKW())
                    .sH(c.getSH()).sW(c.getSW()).pH(c.getPH()).pW(c.getPW()).dH(1).dW(1).paddingMode(PaddingMode.VALID)
                    .dataFormat("NCHW").build());
        }
    }

    /**
     * Adds the gradient ops to {@code sd} and returns, for each wanted activation, the name of the variable that holds
     * its gradient; adds nothing and returns empty where the graph between is not such a chain (then SameDiff's own
     * backward is needed). Call before anything else consumes {@code output}.
     */
    public static Optional<Map<String, String>> build(SameDiff sd, SampleLoss loss, String input, String output, long valuesPerSample,
                                               Collection<String> wanted) {
        Optional<List<Link>> chain = walk(sd, input, output, wanted);
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        SDVariable gradient = loss.outputGradient(sd, sd.getVariable(input), sd.getVariable(output), valuesPerSample);
        if (gradient == null) {
            return Optional.empty();
        }
        Map<String, String> names = new LinkedHashMap<>();
        String at = output;
        List<Link> links = chain.get();
        for (int i = 0; ; i++) {
            if (wanted.contains(at)) {
                gradient = sd.identity(PREFIX + at, gradient);
                names.put(at, gradient.name());
            }
            if (i == links.size()) {
                return Optional.of(names);
            }
            gradient = links.get(i).back(sd, gradient, sd.getVariable(at));
            at = links.get(i).input();
        }
    }

    /** The links from the output down to the last wanted activation, or empty where one is not supported. */
    private static Optional<List<Link>> walk(SameDiff sd, String input, String output, Collection<String> wanted) {
        for (DifferentialFunction op : sd.ops()) {
            // the chain runs with an inference-mode forward, SameDiff's backward with a training-mode one: random ops
            // (dropout) are the ones that differ (SameDiff's batch normalisation takes its statistics as inputs)
            if (op.getClass().getPackageName().startsWith("org.nd4j.linalg.api.ops.random")) {
                return Optional.empty();
            }
        }
        Set<String> left = new LinkedHashSet<>(wanted);
        List<Link> links = new ArrayList<>();
        String at = output;
        if (consumers(sd, output) != 0) {
            return Optional.empty();
        }
        while (true) {
            left.remove(at);
            if (left.isEmpty()) {
                return Optional.of(links);
            }
            DifferentialFunction op = sd.getVariableOutputOp(at);
            if (op == null || op.outputVariables().length != 1) {
                return Optional.empty();
            }
            Optional<Link> link = link(sd, op);
            if (link.isEmpty()) {
                return Optional.empty();
            }
            String next = link.get().input();
            // the chain's gradient at a variable is all of it only if the chain is its one consumer; the loss reads
            // the input directly, so the chain must stop short of it
            if (next.equals(input) || consumers(sd, next) != 1 || sd.getVariable(next).getVariableType() != VariableType.ARRAY) {
                return Optional.empty();
            }
            links.add(link.get());
            at = next;
        }
    }

    private static Optional<Link> link(SameDiff sd, DifferentialFunction op) {
        SDVariable[] args = op.args();
        if (op instanceof Sigmoid && args.length == 1) {
            return Optional.of(new SigmoidLink(args[0].name()));
        }
        if (op instanceof RectifiedLinear relu && args.length == 1) {
            INDArray cutoff = relu.scalar();
            return cutoff == null || cutoff.getDouble(0) == 0 ? Optional.of(new ReluLink(args[0].name())) : Optional.empty();
        }
        if (op instanceof DeConv2D deconv && args.length >= 2) {
            DeConv2DConfig c = deconv.getConfig();
            VariableType w = args[1].getVariableType();
            boolean plain = c.getDH() == 1 && c.getDW() == 1 && !c.isSameMode() && "NCHW".equalsIgnoreCase(c.getDataFormat());
            return plain && (w == VariableType.VARIABLE || w == VariableType.CONSTANT)
                    ? Optional.of(new DeconvLink(args[0].name(), args[1].name(), c)) : Optional.empty();
        }
        return Optional.empty();
    }

    private static int consumers(SameDiff sd, String name) {
        List<String> ops = sd.getVariables().get(name).getInputsForOp();
        return ops == null ? 0 : ops.size();
    }
}
