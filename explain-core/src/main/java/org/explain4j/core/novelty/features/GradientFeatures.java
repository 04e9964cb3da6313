package org.explain4j.core.novelty.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.explain4j.core.gradient.QuietStdout;
import org.explain4j.core.memory.ScratchWorkspace;
import org.explain4j.core.model.GraphArrays;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DeConv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;

/**
 * Per-sample gradients of a {@link SampleLoss} at named weights and activations of any SameDiff graph, for a
 * whole batch in one forward and one backward: the model perspective of Kwon et al. (ICIP 2020, GradCON ECCV
 * 2020), where an input is characterised by the update the model would need to represent it.
 *
 * <p>Where the sites sit on a chain of transposed convolutions, ReLUs and sigmoids ending at the output and the loss
 * knows its output gradient (an autoencoder's decoder and its reconstruction error), the backward is built into the
 * graph as ordinary ops ({@link ChainBackward}), without the summed weight gradients SameDiff's backward computes,
 * and runs in one inference-mode execution with the forward; otherwise SameDiff differentiates the graph (in its
 * training mode). The two agree wherever both apply (ChainBackwardTest); graphs with random ops (dropout), which behave
 * differently in training, never take the chain.
 *
 * <p>Works on a private copy of the graph (the caller's graph is untouched; re-create the instance after the
 * weights change, or call {@link #refreshWeights}). Calls are serialised on the instance.
 */
public final class GradientFeatures {

    /** One batch's features: each site's [N, d] rows, the per-sample loss [N] and the model output. */
    public record Batch(Map<String, INDArray> bySite, INDArray loss, INDArray output) {
        public INDArray site(String name) {
            return atSite(bySite, name);
        }
    }

    /** One batch's summaries: each site's norms and dots with its references, the per-sample loss [N] and the output. */
    public record Summaries(Map<String, GradientSummary> bySite, INDArray loss, INDArray output) {
        public GradientSummary site(String name) {
            return atSite(bySite, name);
        }
    }

    private static <T> T atSite(Map<String, T> bySite, String name) {
        T f = bySite.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no site '" + name + "' in this batch; sites: " + String.join(", ", bySite.keySet()));
        }
        return f;
    }

    /** References laid out for the sites' summaries ({@link #prepare}), by site name. */
    public record Prepared(Map<String, GradientSummary.References> bySite) {
    }

    private static final String LOSS = "explain4j_sample_loss";
    private static final String SCRATCH = "explain4j-gradient-summary";
    private static final String TOTAL = "explain4j_total_loss";

    private final SameDiff source;
    private final SameDiff graph;
    private final String input;
    private final String output;
    private final List<GradientSite> sites;
    private final List<String> forwardNeeded;
    private final List<String> gradientsNeeded;
    /** Each needed activation's gradient variable, where the backward is a {@link ChainBackward}; null otherwise. */
    private final Map<String, String> chainGradients;
    /** oneDNN's batched matmul where it loads: libnd4j's runs up3_W's per-sample product ten times slower (NOVELTY.md). */
    private final TransposedProduct product = TransposedProduct.fastest();

    /**
     * @param valuesPerSample the number of values in one input sample (C x H x W), for losses that average
     * @param siteNames       weights (of conv2d, deconv2d or mmul ops) and activations, in the order features are wanted
     */
    public GradientFeatures(SameDiff model, String input, String output, SampleLoss loss, long valuesPerSample,
                            List<String> siteNames) {
        if (siteNames.isEmpty()) {
            throw new IllegalArgumentException("name at least one weight or activation");
        }
        this.source = model;
        this.graph = GraphArrays.holdOnce(model.dup());
        this.input = input;
        this.output = output;
        this.sites = new ArrayList<>();
        for (String s : siteNames) {
            sites.add(resolve(graph, s));
        }
        Set<String> fwd = new LinkedHashSet<>();
        Set<String> grads = new LinkedHashSet<>();
        for (GradientSite s : sites) {
            if (s.input() != null && !s.input().equals(input)) {
                fwd.add(s.input());
            }
            grads.add(s.gradientOf());
        }
        fwd.add(output);
        this.forwardNeeded = new ArrayList<>(fwd);
        this.gradientsNeeded = new ArrayList<>(grads);
        this.chainGradients = ChainBackward.build(graph, loss, input, output, valuesPerSample, gradientsNeeded).orElse(null);
        SDVariable perSample = graph.identity(LOSS,
                loss.perSample(graph, graph.getVariable(input), graph.getVariable(output), valuesPerSample));
        forwardNeeded.add(LOSS);
        if (chainGradients != null) {
            forwardNeeded.addAll(chainGradients.values());
            return;
        }
        graph.setLossVariables(perSample.sum(TOTAL).name());
        QuietStdout.run(() -> {
            graph.createGradFunction();
            return null;
        });
    }

    /** One forward and backward: the outputs the sites and scores read, and the gradients at the sites' activations. */
    private record Pass(Map<String, INDArray> outputs, Map<String, INDArray> gradients) {
    }

    private Pass pass(INDArray x) {
        if (chainGradients == null) {
            OutAndGrad r = graph.calculateGradientsAndOutputs(Map.of(input, x), forwardNeeded, gradientsNeeded);
            return new Pass(r.getOutputs(), r.getGradients());
        }
        Map<String, INDArray> outputs = graph.output(Map.of(input, x), forwardNeeded);
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        chainGradients.forEach((activation, gradient) -> gradients.put(activation, outputs.get(gradient)));
        return new Pass(outputs, gradients);
    }

    /** Whether the backward runs as ordinary ops with the forward ({@link ChainBackward}) rather than SameDiff's. */
    boolean backwardIsChain() {
        return chainGradients != null;
    }

    /** The sites, resolved. */
    public List<GradientSite> sites() {
        return List.copyOf(sites);
    }

    /** Copies the source graph's current weights into the private copy (after a training step). */
    public synchronized void refreshWeights() {
        for (SDVariable v : source.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                graph.getVariable(v.name()).getArr().assign(v.getArr());
            }
        }
    }

    /** Features of a batch [N, ...]. */
    public synchronized Batch compute(INDArray batch) {
        INDArray x = batch.castTo(graph.getVariable(input).dataType());
        Pass r = pass(x);
        Map<String, INDArray> features = new LinkedHashMap<>();
        for (GradientSite s : sites) {
            features.put(s.name(), s.perSample(siteInput(s, x, r), r.gradients().get(s.gradientOf())));
        }
        return new Batch(features, r.outputs().get(LOSS), r.outputs().get(output));
    }

    /**
     * The norms of a batch's per-sample gradients and their dot products with each site's references (flattened
     * as {@link #compute} lays out a row), without keeping the gradients — for weight sites without forming them
     * at all where that is cheaper ({@link GradientSite#summary}).
     */
    public Summaries summarise(INDArray batch, Map<String, List<INDArray>> references) {
        return summarise(batch, prepare(references));
    }

    /** Each site's references ({@code references} by site name; a site not named has none) laid out for its summaries. */
    public Prepared prepare(Map<String, List<INDArray>> references) {
        for (String name : references.keySet()) {
            if (sites.stream().noneMatch(s -> s.name().equals(name))) {
                throw new IllegalArgumentException("references for '" + name + "', which is not a site");
            }
        }
        DataType type = graph.getVariable(input).dataType();
        Map<String, GradientSummary.References> prepared = new LinkedHashMap<>();
        for (GradientSite s : sites) {
            long[] shape = s instanceof GradientSite.Activation ? null : graph.getVariable(s.name()).getArr().shape();
            prepared.put(s.name(), s.prepare(references.getOrDefault(s.name(), List.of()), shape, type));
        }
        return new Prepared(prepared);
    }

    /** {@link #summarise(INDArray, Map)} with references prepared once ({@link #prepare}) for many batches. */
    public synchronized Summaries summarise(INDArray batch, Prepared prepared) {
        INDArray x = batch.castTo(graph.getVariable(input).dataType());
        Pass r = pass(x);
        Map<String, GradientSummary> summaries = new LinkedHashMap<>();
        // the intermediates (im2col columns, products: megabytes a batch) reuse one workspace from batch to batch
        try (MemoryWorkspace ws = ScratchWorkspace.open(SCRATCH)) {
            for (GradientSite s : sites) {
                GradientSummary m = s.summary(siteInput(s, x, r), r.gradients().get(s.gradientOf()), prepared.bySite().get(s.name()), product);
                summaries.put(s.name(), new GradientSummary(m.norms().detach(), m.dots().detach()));
            }
        }
        return new Summaries(summaries, r.outputs().get(LOSS), r.outputs().get(output));
    }

    private INDArray siteInput(GradientSite s, INDArray x, Pass r) {
        return s.input() == null ? null : s.input().equals(input) ? x : r.outputs().get(s.input());
    }

    /** What a name stands for in the graph: an activation, or the weight of the one op that uses it. */
    static GradientSite resolve(SameDiff sd, String name) {
        if (!sd.hasVariable(name)) {
            throw new IllegalArgumentException("unknown variable '" + name + "'");
        }
        SDVariable v = sd.getVariable(name);
        if (v.getVariableType() == VariableType.ARRAY) {
            return new GradientSite.Activation(name);
        }
        if (v.getVariableType() != VariableType.VARIABLE) {
            throw new IllegalArgumentException("'" + name + "' is neither an activation nor a trainable weight");
        }
        List<String> users = sd.getVariables().get(name).getInputsForOp();
        if (users == null || users.size() != 1) {
            throw new IllegalArgumentException("weight '" + name + "' must feed exactly one op, it feeds "
                    + (users == null ? 0 : users.size()));
        }
        DifferentialFunction op = sd.getOpById(users.get(0));
        SDVariable[] args = op.args();
        String in = args[0].name();
        String out = op.outputVariables()[0].name();
        if (args.length < 2 || !args[1].name().equals(name)) {
            throw new IllegalArgumentException("weight '" + name + "' is not the weight argument of " + op.opName());
        }
        if (op instanceof Conv2D conv) {
            Conv2DConfig c = conv.getConfig();
            requirePlain(name, c.getDH(), c.getDW(), c.getPaddingMode() == PaddingMode.SAME, c.getDataFormat());
            return new GradientSite.ConvWeight(name, in, out, window(c.getKH(), c.getKW(), c.getSH(), c.getSW(), c.getPH(), c.getPW()));
        }
        if (op instanceof DeConv2D deconv) {
            DeConv2DConfig c = deconv.getConfig();
            requirePlain(name, c.getDH(), c.getDW(), c.isSameMode(), c.getDataFormat());
            return new GradientSite.DeconvWeight(name, in, out, window(c.getKH(), c.getKW(), c.getSH(), c.getSW(), c.getPH(), c.getPW()));
        }
        if (op instanceof Mmul mmul) {
            Map<String, Object> p = mmul.propertiesForFunction();
            for (String k : List.of("transposeX", "transposeY", "transposeZ")) {
                if (Boolean.TRUE.equals(p.get(k))) {
                    throw new IllegalArgumentException("weight '" + name + "': a transposed matrix product is not supported");
                }
            }
            return new GradientSite.DenseWeight(name, in, out);
        }
        throw new IllegalArgumentException("weight '" + name + "' feeds a " + op.opName()
                + "; per-sample weight gradients are defined for conv2d, deconv2d and mmul");
    }

    private static void requirePlain(String name, long dh, long dw, boolean same, String format) {
        if (dh != 1 || dw != 1 || same || !"NCHW".equalsIgnoreCase(format)) {
            throw new IllegalArgumentException("weight '" + name + "': per-sample gradients need an NCHW convolution with"
                    + " explicit padding and no dilation");
        }
    }

    private static GradientSite.Window window(long kh, long kw, long sh, long sw, long ph, long pw) {
        return new GradientSite.Window((int) kh, (int) kw, (int) sh, (int) sw, (int) ph, (int) pw);
    }
}
