package org.explain4j.core.gradient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.GraphCut;
import org.explain4j.core.memory.ScratchWorkspace;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.question.Question;
import org.explain4j.core.question.ScoreQuestion;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The centre of explain4j: for a batch of inputs and one question per sample, the activations and
 * the gradients of each sample's question loss at any named variables (activations, the input,
 * weights), in one forward and one backward pass.
 *
 * <p>Built-in questions of one family (classifier or regressor) share one compiled graph per scope,
 * whatever their mix; a batch mixing families or custom questions runs one pass per family.
 * Compiled graphs are cached per scope (whole graph, or head above a layer) and family.
 *
 * <p>Thread safety: every method may be called from several threads; calls that use the same compiled
 * graph are serialised. For parallel throughput, give each thread its own engine on its own
 * {@link ExplainableModel}.
 */
public final class GradientEngine {

    private static final String WHOLE = "";
    /** The whole graph with its weights as constants: for calls that ask no weight's gradient. */
    private static final String WHOLE_FROZEN = "\u0000frozen";

    private final ExplainableModel model;
    private final Map<Key, CompiledGraph> compiled = new ConcurrentHashMap<>();
    private final Map<String, Optional<DenseHead>> denseHeads = new ConcurrentHashMap<>();
    private final Map<RuleAt, Boolean> denseBackwardAgrees = new ConcurrentHashMap<>();
    private static final String CHAIN_WORKSPACE = "explain4j-input-gradients";

    private record Key(String scope, LossFamily family, BackwardRule rule) {
    }

    private record RuleAt(String layer, BackwardRule rule) {
    }

    public GradientEngine(ExplainableModel model) {
        this.model = model;
    }

    public ExplainableModel model() {
        return model;
    }

    /**
     * One forward and one backward over the whole graph. {@code variables} may name activations, the
     * input placeholder and weights; activations among them are returned too.
     */
    public Gradients compute(INDArray inputs, List<? extends Question> questions, Collection<String> variables) {
        return compute(inputs, questions, variables, BackwardRule.PLAIN);
    }

    /** {@link #compute(INDArray, List, Collection)} with ReLUs passing gradients back by {@code rule}. */
    public Gradients compute(INDArray inputs, List<? extends Question> questions, Collection<String> variables,
                             BackwardRule rule) {
        checkBatch(inputs, questions);
        checkInputShape(inputs);
        List<String> vars = new ArrayList<>(variables);
        for (String v : vars) {
            if (!model.hasVariable(v)) {
                throw new IllegalArgumentException("unknown variable '" + v + "'");
            }
        }
        List<String> acts = new ArrayList<>();
        for (String v : vars) {
            if (model.graph().getVariable(v).getVariableType() == VariableType.ARRAY) {
                acts.add(v);
            }
        }
        // Asked for no weight's gradient, the graph with frozen weights skips the weight-gradient ops
        // (a 411 MB array per call for VGG16's fc6).
        boolean weights = vars.stream().anyMatch(v -> model.graph().getVariable(v).getVariableType() == VariableType.VARIABLE);
        return run(weights ? WHOLE : WHOLE_FROZEN, model.inputVariable(), inputs, questions, acts, vars, rule);
    }

    /**
     * dL/dx at the model input, one question per row of {@code rows}, with ReLUs passing gradients back by
     * {@code rule}: what the input-gradient methods need. Three ways, the first that applies: oneDNN's backward of the
     * model's convolutional trunk below a cut whose head is a {@link DenseHead} ({@link ExplainableModel#trunkInputGradient},
     * docs/METHODS.md §1.9: VGG16, the ResNets); the dense-head code from the input when the whole network is a chain it
     * recognises (one forward, then per layer a transposed convolution or a product with W^T, and no weight gradient);
     * SameDiff's backward of the whole graph ({@link #compute}).
     */
    public INDArray inputGradients(INDArray rows, List<? extends Question> questions, BackwardRule rule) {
        String input = model.inputVariable();
        if (DenseHead.answers(questions, model.outputKind())) {
            checkBatch(rows, questions);
            checkInputShape(rows);
            questions.forEach(this::checkFits);
            INDArray x = rows.castTo(model.dataType());
            int[] each = java.util.stream.IntStream.range(0, questions.size()).toArray();
            Optional<String> cut = model.trunkGradientCut();
            Optional<DenseHead> head = cut.flatMap(c -> denseHead(c, rule));
            if (head.isPresent()) {
                DenseHead h = head.get();
                Optional<INDArray> g = model.trunkInputGradient(x, cut.get(), reluGradient(rule),
                        acts -> h.backward(h.forward(acts), each, questions, model.outputKind(), rule),
                        () -> firstRowReference(x, questions, rule));
                if (g.isPresent()) {
                    return g.get();
                }
            }
            Optional<DenseHead> chain = denseHead(input);
            if (chain.isPresent()) {
                return chainGradient(chain.get(), x, each, questions, rule);
            }
        }
        return compute(rows, questions, List.of(input), rule).gradient(input);
    }

    /**
     * The dense-head chain's input gradient. Every array of the pass lives in a workspace the thread reuses from call
     * to call: fresh native memory for each call cost page faults that made VGG16 calls up to 4 times slower (0.5 s
     * against 2.3 s in a probe).
     */
    private INDArray chainGradient(DenseHead chain, INDArray x, int[] each, List<? extends Question> questions, BackwardRule rule) {
        try (MemoryWorkspace ws = ScratchWorkspace.open(CHAIN_WORKSPACE)) {
            return chain.backward(chain.forward(x), each, questions, model.outputKind(), rule).detach();
        }
    }

    /**
     * The input gradient of the first row alone, by another way than oneDNN's, to check that way once per rule: the
     * dense-head chain from the input when the network is one (VGG16; itself checked against the model), else SameDiff's
     * whole backward, whose compiled graph is then dropped (for VGG16 it would hold gigabytes for one use).
     */
    private INDArray firstRowReference(INDArray x, List<? extends Question> questions, BackwardRule rule) {
        INDArray row = x.get(NDArrayIndex.interval(0, 1)).dup();
        List<? extends Question> first = questions.subList(0, 1);
        String input = model.inputVariable();
        Optional<DenseHead> chain = denseHead(input);
        if (chain.isPresent()) {
            return chainGradient(chain.get(), row, new int[] {0}, first, rule);
        }
        INDArray g = compute(row, first, List.of(input), rule).gradient(input);
        compiled.keySet().removeIf(k -> k.scope().equals(WHOLE_FROZEN) && k.rule() == rule);
        return g;
    }

    private static org.explain4j.core.model.onednn.ReluGradient reluGradient(BackwardRule rule) {
        return switch (rule) {
            case PLAIN -> org.explain4j.core.model.onednn.ReluGradient.PLAIN;
            case GUIDED -> org.explain4j.core.model.onednn.ReluGradient.GUIDED;
            case DECONVNET -> org.explain4j.core.model.onednn.ReluGradient.DECONVNET;
        };
    }

    /**
     * Whether the dense-head code can run {@link #inputGradients} from the input: the way taken when oneDNN does not
     * run the model's trunk (switched off, or a double-precision model).
     */
    public boolean inputGradientsByChain() {
        return denseHead(model.inputVariable()).isPresent();
    }

    /**
     * The backward of the head only: {@code layerActivations} holds, per question, the activation at
     * {@code layer} (one row per question: rows may repeat one sample's activation to ask K questions
     * about it). Needs a head that depends on the layer alone ({@link ExplainableModel#headAbove}).
     */
    public Gradients computeAbove(String layer, INDArray layerActivations, List<? extends Question> questions) {
        return computeAbove(layer, layerActivations, questions, BackwardRule.PLAIN);
    }

    /** {@link #computeAbove(String, INDArray, List)} with ReLUs passing gradients back by {@code rule}. */
    public Gradients computeAbove(String layer, INDArray layerActivations, List<? extends Question> questions, BackwardRule rule) {
        checkBatch(layerActivations, questions);
        if (!model.canCutAt(layer)) {
            throw new IllegalArgumentException("the graph above '" + layer + "' also depends on the input; use compute()");
        }
        return run(layer, layer, layerActivations, questions, List.of(), List.of(layer), rule);
    }

    /**
     * dL/d(layer) for K questions about N samples: {@code sampleActivations} [N, ...] holds each sample's
     * activation at {@code layer} once, and question k asks about sample {@code sampleOf[k]}. The samples'
     * forward is shared: when the head is a dense chain ({@link DenseHead}) only the backward runs per
     * question; otherwise the head runs on one replicated row per question. Returns [K, ...].
     */
    public INDArray layerGradients(String layer, INDArray sampleActivations, int[] sampleOf, List<? extends Question> questions) {
        return layerGradients(layer, sampleActivations, sampleOf, questions, BackwardRule.PLAIN);
    }

    /** {@link #layerGradients(String, INDArray, int[], List)} with ReLUs passing gradients back by {@code rule}. */
    public INDArray layerGradients(String layer, INDArray sampleActivations, int[] sampleOf, List<? extends Question> questions,
                                   BackwardRule rule) {
        checkRows(sampleActivations, sampleOf, questions);
        Optional<DenseHead> dense = denseHead(layer, rule);
        if (dense.isPresent() && DenseHead.answers(questions, model.outputKind())) {
            DenseHead head = dense.get();
            return head.backward(head.forward(sampleActivations), sampleOf, questions, model.outputKind(), rule);
        }
        return computeAbove(layer, BatchRows.of(sampleActivations, sampleOf), questions, rule).gradient(layer);
    }

    /**
     * The variables, besides the layer and the output, that a forward pass should keep for
     * {@link #gradCamWeights} to skip recomputing the head (empty when the head is no dense chain).
     */
    public List<String> headVariables(String layer) {
        return canCutAt(layer) ? denseHead(layer, BackwardRule.PLAIN).map(DenseHead::variables).orElse(List.of()) : List.of();
    }

    /**
     * Grad-CAM's weights [K, C]: the spatial mean of dL/d(layer) for K questions about the samples of a
     * forward pass. {@code forwardValues} holds the layer's activations [N,C,H,W] under its name and,
     * when the caller kept them, the {@link #headVariables}; question k asks about sample {@code sampleOf[k]}.
     */
    public INDArray gradCamWeights(String layer, Map<String, INDArray> forwardValues, int[] sampleOf,
                                   List<? extends Question> questions) {
        INDArray acts = forwardValues.get(layer);
        if (acts == null || acts.rank() != 4) {
            throw new IllegalArgumentException("Grad-CAM needs the [N,C,H,W] activations of '" + layer + "'");
        }
        Optional<DenseHead> dense = denseHead(layer, BackwardRule.PLAIN);
        if (dense.isPresent() && DenseHead.answers(questions, model.outputKind())) {
            checkRows(acts, sampleOf, questions);
            DenseHead head = dense.get();
            DenseHead.Pass pass = head.passFrom(forwardValues).orElseGet(() -> head.forward(acts));
            return head.backwardMeans(pass, sampleOf, questions, model.outputKind(), BackwardRule.PLAIN);
        }
        return layerGradients(layer, acts, sampleOf, questions).mean(2, 3);
    }

    private void checkRows(INDArray sampleActivations, int[] sampleOf, List<? extends Question> questions) {
        if (sampleOf.length != questions.size()) {
            throw new IllegalArgumentException(sampleOf.length + " sample indices for " + questions.size() + " questions");
        }
        for (int s : sampleOf) {
            if (s < 0 || s >= sampleActivations.size(0)) {
                throw new IllegalArgumentException("sample " + s + " is outside the batch of " + sampleActivations.size(0));
            }
        }
        questions.forEach(this::checkFits);
    }

    /**
     * The dense-chain head above {@code layer} for gradients passed back by {@code rule}, if there is one and
     * it reproduces the model: its forward is checked once against a forward pass of the whole graph, and its
     * backward once per rule against SameDiff's head graph, both on a seeded random input.
     */
    Optional<DenseHead> denseHead(String layer, BackwardRule rule) {
        Optional<DenseHead> head = denseHead(layer);
        if (head.isEmpty()) {
            return head;
        }
        // A linear chain's backward is checked against its own forward, which the model's output has already checked.
        boolean agrees = denseBackwardAgrees.computeIfAbsent(new RuleAt(layer, rule), k -> head.get().isLinear()
                ? head.get().linearBackwardIsAdjoint(withoutBatch(model.shapeOf(layer)))
                : backwardAgrees(head.get(), layer, rule));
        return agrees ? head : Optional.empty();
    }

    private boolean backwardAgrees(DenseHead head, String layer, BackwardRule rule) {
        INDArray acts = model.forward(probe(), List.of(layer)).get(layer);
        List<Question> questions = model.isClassifier()
                ? List.of(new ClassQuestion.WhyP(0), new ClassQuestion.WhyPRatherQ(0, Math.min(1, model.outputWidth() - 1)))
                : List.of(new ScoreQuestion.WhyScore(), new ScoreQuestion.WhyScoreRather(0.5f));
        int[] rows = {0, 1};
        INDArray fast = head.backward(head.forward(acts), rows, questions, model.outputKind(), rule);
        INDArray reference = computeAbove(layer, acts, questions, rule).gradient(layer);
        double scale = Math.max(1e-6, reference.amaxNumber().doubleValue());
        return fast.length() == reference.length()
                && fast.reshape(reference.shape()).sub(reference).amaxNumber().doubleValue() <= 1e-4 * scale;
    }

    private INDArray probe() {
        long[] shape = model.inputShape();
        long[] batch = new long[shape.length + 1];
        batch[0] = 2;
        System.arraycopy(shape, 0, batch, 1, shape.length);
        return Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(12345), batch).castTo(model.dataType());
    }

    /**
     * The dense-chain head above {@code layer} whose forward reproduces the model's. Its backward is checked by the
     * caller ({@link #denseHead(String, BackwardRule)}) for a head; a chain from the model input, used for input
     * gradients, is instead checked step by step: each convolution's transposed convolution against the adjoint
     * identity ({@link DenseHead#convolutionsAreAdjoint}), the other steps' backward being the head's. A comparison
     * with SameDiff's own backward, as for heads, would cost one whole SameDiff gradient (2.3 s on VGG16) per rule.
     */
    Optional<DenseHead> denseHead(String layer) {
        return denseHeads.computeIfAbsent(layer, l -> {
            boolean fromInput = l.equals(model.inputVariable());
            Optional<DenseHead> head = DenseHead.of(model.graph(), l, model.outputVariable(),
                    fromInput ? model.inputShape() : withoutBatch(model.shapeOf(l)), model.outputKind());
            if (head.isEmpty()) {
                return head;
            }
            INDArray probe = probe();
            Map<String, INDArray> out = model.forward(probe, fromInput ? List.of(model.outputVariable()) : List.of(l, model.outputVariable()));
            INDArray expected = out.get(model.outputVariable());
            INDArray got = head.get().forward(fromInput ? probe : out.get(l)).output();
            double scale = Math.max(1e-6, expected.amaxNumber().doubleValue());
            boolean same = expected.length() == got.length()
                    && expected.reshape(got.shape()).sub(got).amaxNumber().doubleValue() <= 1e-4 * scale
                    && (!fromInput || head.get().convolutionsAreAdjoint());
            return same ? head : Optional.empty();
        });
    }

    private static long[] withoutBatch(long[] shape) {
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    /** Whether {@link #computeAbove} can serve {@code layer}. */
    public boolean canCutAt(String layer) {
        return model.canCutAt(layer);
    }

    private Gradients run(String scope, String feed, INDArray batch, List<? extends Question> questions,
                          List<String> activations, List<String> gradientsFor, BackwardRule rule) {
        Map<LossFamily, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            checkFits(q);
            groups.computeIfAbsent(LossFamily.of(q), f -> new ArrayList<>()).add(i);
        }
        List<String> outputs = new ArrayList<>(activations);
        outputs.add(model.outputVariable());
        if (groups.size() == 1) {
            LossFamily family = groups.keySet().iterator().next();
            OutAndGrad r = graph(scope, family, rule).run(Map.of(feed, batch), questions, outputs, gradientsFor);
            return toGradients(r, activations);
        }
        Map<String, INDArray> outs = new HashMap<>();
        Map<String, INDArray> grads = new HashMap<>();
        for (Map.Entry<LossFamily, List<Integer>> g : groups.entrySet()) {
            int[] rows = g.getValue().stream().mapToInt(Integer::intValue).toArray();
            List<Question> sub = new ArrayList<>();
            for (int r : rows) {
                sub.add(questions.get(r));
            }
            INDArray subBatch = BatchRows.of(batch, rows);
            OutAndGrad r = graph(scope, g.getKey(), rule).run(Map.of(feed, subBatch), sub, outputs, gradientsFor);
            scatter(r.getOutputs(), outs, rows, questions.size());
            for (Map.Entry<String, INDArray> e : r.getGradients().entrySet()) {
                if (isPerSample(e.getKey())) {
                    scatter(Map.of(e.getKey(), e.getValue()), grads, rows, questions.size());
                } else {
                    grads.merge(e.getKey(), e.getValue(), INDArray::add);
                }
            }
        }
        Map<String, INDArray> actOut = new HashMap<>();
        activations.forEach(a -> actOut.put(a, outs.get(a)));
        return new Gradients(outs.get(model.outputVariable()), actOut, grads);
    }

    private Gradients toGradients(OutAndGrad r, List<String> activations) {
        Map<String, INDArray> acts = new HashMap<>();
        activations.forEach(a -> acts.put(a, r.getOutputs().get(a)));
        return new Gradients(r.getOutputs().get(model.outputVariable()), acts, new HashMap<>(r.getGradients()));
    }

    private boolean isPerSample(String variable) {
        VariableType t = model.graph().getVariable(variable).getVariableType();
        return t == VariableType.ARRAY || t == VariableType.PLACEHOLDER;
    }

    private static void scatter(Map<String, INDArray> part, Map<String, INDArray> into, int[] rows, int batch) {
        for (Map.Entry<String, INDArray> e : part.entrySet()) {
            INDArray v = e.getValue();
            long[] shape = v.shape().clone();
            shape[0] = batch;
            INDArray target = into.computeIfAbsent(e.getKey(), k -> Nd4j.create(v.dataType(), shape));
            // As rows of [batch, rest]: a [B, 1] output has scalar slices, which putSlice refuses.
            long rest = v.length() / v.size(0);
            INDArray targetRows = target.reshape('c', batch, rest);
            INDArray valueRows = v.reshape('c', v.size(0), rest);
            for (int i = 0; i < rows.length; i++) {
                targetRows.putRow(rows[i], valueRows.getRow(i));
            }
        }
    }

    private CompiledGraph graph(String scope, LossFamily family, BackwardRule rule) {
        return compiled.computeIfAbsent(new Key(scope, family, rule), k -> {
            SameDiff copy;
            boolean whole = scope.equals(WHOLE) || scope.equals(WHOLE_FROZEN);
            if (whole) {
                copy = model.graph().dup();
                if (scope.equals(WHOLE_FROZEN)) {
                    copy.convertToConstants(copy.variables().stream()
                            .filter(v -> v.getVariableType() == VariableType.VARIABLE).toList());
                }
            } else {
                copy = GraphCut.head(model.graph(), scope, model.outputVariable()).orElseThrow();
                // A head pass is asked for the layer's gradient only: as constants, its weights get no
                // gradient ops, which would otherwise write a weight-sized array per call (411 MB for VGG16's fc6).
                copy.convertToConstants(copy.variables().stream()
                        .filter(v -> v.getVariableType() == VariableType.VARIABLE).toList());
            }
            String differentiable = whole ? model.inputVariable() : scope;
            return CompiledGraph.compile(copy, model.outputVariable(), model.outputKind(), model.outputWidth(), family,
                    rule, model.dataType(), differentiable);
        });
    }

    private void checkFits(Question q) {
        if (q instanceof ClassQuestion && !model.isClassifier()) {
            throw new IllegalArgumentException("the model is a regressor (one score per sample): ask score questions, not class questions");
        }
        if (q instanceof ScoreQuestion && model.isClassifier()) {
            throw new IllegalArgumentException("the model is a classifier (" + model.outputWidth()
                    + " classes): a target score applies to regressors only");
        }
    }

    private static void checkBatch(INDArray batch, List<? extends Question> questions) {
        if (batch.rank() == 0 || batch.size(0) != questions.size()) {
            throw new IllegalArgumentException("one question per sample: the batch has "
                    + (batch.rank() == 0 ? 0 : batch.size(0)) + " samples but " + questions.size() + " questions were asked");
        }
    }

    private void checkInputShape(INDArray inputs) {
        long[] expected = model.inputShape();
        long[] got = Arrays.copyOfRange(inputs.shape(), 1, inputs.rank());
        if (!Arrays.equals(expected, got)) {
            throw new IllegalArgumentException("input shape " + Arrays.toString(inputs.shape()) + " does not match the model's [B, "
                    + Arrays.toString(expected).replace("[", ""));
        }
    }

}
