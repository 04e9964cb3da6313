package org.explain4j.core.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.model.onednn.OneDnnForward;
import org.explain4j.core.model.onednn.ReluGradient;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * A SameDiff graph plus its {@link ModelCard}, with everything the card leaves out inferred from the
 * graph. The graph itself is never changed: engines work on copies, so one model serves many engines.
 *
 * <p>Forward passes are serialised on this object; build one model per thread for parallel use.
 */
public final class ExplainableModel {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /**
     * The pass of a forward request (variables and batch shape) from which oneDNN runs it: the first is SameDiff's, so
     * that one-shot runs skip the plan's compilation and check (docs/BENCHMARKS.md, time to the first explanation).
     */
    private static final int ONEDNN_FROM_PASS = 2;

    private final SameDiff graph;
    private final ModelCard card;
    private final Map<String, SameDiff> heads = new ConcurrentHashMap<>();
    private final Map<String, Boolean> cuttable = new ConcurrentHashMap<>();
    private volatile Map<String, long[]> layerShapes;
    /** Built on the first forward pass, under the graph's lock. */
    private Optional<OneDnnForward> oneDnn;

    private ExplainableModel(SameDiff graph, ModelCard card) {
        this(graph, card, null);
    }

    /** {@code probed}: the shapes a {@link ShapeProbe} of this graph, or of one computing the same shapes, found; may be null. */
    private ExplainableModel(SameDiff graph, ModelCard card, Map<String, long[]> probed) {
        this.graph = GraphArrays.holdOnce(graph);
        requireNoNaNWeights(graph);
        ModelCard completed = complete(graph, card);
        // One probe forward serves the inferred output kind, the card's checks and every layer's shape. A
        // full-reference model's output also needs its reference, so its card (which names the kind) is checked by its
        // own code, and its layers' shapes are probed when first asked for.
        boolean probe = completed.outputKind() == null || !CardChecks.needsOtherPlaceholders(graph, completed);
        long width = -1;
        if (probe) {
            layerShapes = probed == null ? null : known(probed, completed);
            if (layerShapes == null) {
                layerShapes = probeShapes(completed);
            }
            long[] out = layerShapes.get(completed.outputVariable());
            if (out == null) {
                throw new ModelLoadException("the graph does not compute its output '" + completed.outputVariable() + "' from its input");
            }
            width = Arrays.stream(out).reduce(1, Math::multiplyExact);
        }
        if (completed.outputKind() == null) {
            completed = completed.withOutputKind(width == 1 ? OutputKind.SCORE
                    : outputIsSoftmax(completed.outputVariable()) ? OutputKind.PROBABILITIES : OutputKind.LOGITS);
        }
        this.card = completed;
        if (probe) {
            CardChecks.output(completed, width);
        }
    }

    /**
     * A weight holding NaN (a damaged file, a training run that diverged) is refused: ReLUs and max pools can turn NaN
     * into finite garbage, so the output alone does not show it. Infinite values are allowed (clip bounds, masks).
     */
    private static void requireNoNaNWeights(SameDiff graph) {
        for (SDVariable v : graph.variables()) {
            VariableType t = v.getVariableType();
            if ((t == VariableType.VARIABLE || t == VariableType.CONSTANT) && v.dataType().isFPType()) {
                INDArray a = v.getArr();
                // A sum is NaN when a value is (or when +inf and -inf meet, which the match then rules out); several
                // times cheaper than matching every array.
                if (a != null && !a.isEmpty() && Double.isNaN(a.sumNumber().doubleValue()) && BooleanIndexing.or(a, Conditions.isNan())) {
                    throw new ModelLoadException("the model's weight '" + v.name() + "' holds NaN values (a damaged file, or a"
                            + " training run that diverged)");
                }
            }
        }
    }

    /**
     * The same graph, after a rewrite that changes no surviving activation (folding batch norms), with a card that
     * changes nothing a probe checks (labels checked against the known width): no second probe.
     */
    private ExplainableModel(ExplainableModel before, ModelCard card) {
        this.graph = before.graph;
        this.card = card;
        this.layerShapes = before.layerShapes == null ? null : known(before.layerShapes, card);
    }

    /**
     * This graph's probe shapes taken from {@code shapes} (a probe's of this graph before a rewrite, or of a graph
     * computing the same shapes), in this graph's order; null when any is missing, and the graph is probed instead.
     */
    private Map<String, long[]> known(Map<String, long[]> shapes, ModelCard c) {
        List<String> wanted = ShapeProbe.activations(graph, c.outputVariable());
        if (!shapes.containsKey(c.inputVariable()) || !shapes.keySet().containsAll(wanted)) {
            return null;
        }
        Map<String, long[]> acts = new java.util.HashMap<>();
        wanted.forEach(name -> acts.put(name, shapes.get(name)));
        return ShapeProbe.inGraphOrder(graph, c.inputVariable(), shapes.get(c.inputVariable()), acts);
    }

    /** Wraps a graph built in code. Card fields left null are inferred. */
    public static ExplainableModel of(SameDiff graph, ModelCard card) {
        return new ExplainableModel(graph, card == null ? ModelCard.empty() : card);
    }

    /**
     * The same, with the shapes a {@link ShapeProbe} found on a graph that computes the same shapes from the same input
     * (an importer's probe of the graph it built first): the card is checked against them without a probe forward of
     * its own. A shape missing from them is probed as usual.
     */
    public static ExplainableModel of(SameDiff graph, ModelCard card, Map<String, long[]> probedShapes) {
        return new ExplainableModel(graph, card == null ? ModelCard.empty() : card, probedShapes);
    }

    /**
     * Loads a file written by {@link SameDiff#save} and the card beside it ({@link #cardPathFor}), if any;
     * {@code overrides} (may be null) replaces the card's input / output variable names when set.
     */
    public static ExplainableModel load(Path file, ModelCard overrides) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("model file not found: " + file);
        }
        ModelCard card = cardFor(file, overrides);
        SameDiff sd;
        try {
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(Files.readAllBytes(file));
            FlatGraphCheck.check(bytes, file);
            sd = SameDiff.fromFlatBuffers(bytes, false);
        } catch (ModelLoadException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            // A damaged length field asked for an impossible array while the file was parsed; nothing else holds it.
            throw new ModelLoadException("cannot read " + file + " as a SameDiff model: the file is corrupt (a length in it is impossible)", e);
        } catch (Exception | AssertionError e) {
            throw new ModelLoadException("cannot read " + file + " as a SameDiff model (" + ModelLoadException.firstLine(e) + ")", e);
        }
        if (sd == null || sd.getVariables().isEmpty()) {
            throw new ModelLoadException("cannot read " + file + " as a SameDiff model (empty graph)");
        }
        return new ExplainableModel(sd, card);
    }

    /**
     * The card beside {@code file} ({@link #cardPathFor}; empty if none) with the overrides' input and output variable
     * names and output kind, where set, in place of its own.
     */
    public static ModelCard cardFor(Path file, ModelCard overrides) {
        ModelCard card = ModelCard.empty();
        Path cardPath = cardPathFor(file);
        if (Files.isRegularFile(cardPath)) {
            card = readCard(cardPath);
        }
        if (overrides != null) {
            if (overrides.inputVariable() != null) {
                card = card.withInputVariable(overrides.inputVariable());
            }
            if (overrides.outputVariable() != null) {
                card = card.withOutputVariable(overrides.outputVariable());
            }
            if (overrides.outputKind() != null) {
                card = card.withOutputKind(overrides.outputKind());
            }
        }
        return card;
    }

    public static ModelCard readCard(Path cardPath) {
        try {
            return JSON.readValue(cardPath.toFile(), ModelCard.class);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model card " + cardPath + ": " + ModelLoadException.firstLine(e), e);
        }
    }

    /** {@code model.fb} -> {@code model.card.json}. */
    public static Path cardPathFor(Path modelFile) {
        String name = modelFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return modelFile.resolveSibling(base + ".card.json");
    }

    /** Writes the graph and its card (beside it, see {@link #cardPathFor}); each file appears whole or not at all. */
    public void save(Path file) throws IOException {
        synchronized (graph) {
            AtomicFiles.write(file, tmp -> graph.save(tmp.toFile(), false));
        }
        AtomicFiles.write(cardPathFor(file), tmp -> JSON.writeValue(tmp.toFile(), card));
    }

    /**
     * Saves like {@link #save}; when that fails (the disk filled up, the folder vanished during a long
     * training run), saves to a fallback file in the temporary folder instead and throws an
     * {@link org.explain4j.core.io.InputException} naming both, so the work is not lost.
     */
    public void saveOrRescue(Path file) throws IOException {
        try {
            save(file);
        } catch (IOException | RuntimeException e) {
            String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            Path rescue = Path.of(System.getProperty("java.io.tmpdir"), "explain4j-rescued-" + stem + "-" + System.currentTimeMillis() + ".fb");
            save(rescue);
            throw new org.explain4j.core.io.InputException("cannot save the model to " + file + " (" + e.getMessage()
                    + "); it was saved to " + rescue + " instead (with its card)", e);
        }
    }

    /** The same graph with other class labels (one per output, in order). */
    public ExplainableModel withLabels(List<String> labels) {
        if (labels.size() != outputWidth()) {
            throw new ModelLoadException(labels.size() + " labels given for a model with " + outputWidth() + " outputs");
        }
        return new ExplainableModel(this, card.withLabels(List.copyOf(labels)));
    }

    public SameDiff graph() {
        return graph;
    }

    public ModelCard card() {
        return card;
    }

    public String inputVariable() {
        return card.inputVariable();
    }

    public String outputVariable() {
        return card.outputVariable();
    }

    public OutputKind outputKind() {
        return card.outputKind();
    }

    public boolean isClassifier() {
        return card.outputKind().isClassifier();
    }

    /** Model input shape without the batch axis, e.g. [3, 224, 224]. */
    public long[] inputShape() {
        return card.inputShape().clone();
    }

    /** Number of classes (1 for a regressor). */
    public int outputWidth() {
        long[] s = shapeOf(card.outputVariable());
        long w = 1;
        for (int i = 1; i < s.length; i++) {
            w *= s[i];
        }
        return (int) w;
    }

    public List<String> labels() {
        return card.labels() == null ? List.of() : card.labels();
    }

    /** The human name of a class: its label from the card, else its index. */
    public String labelOf(int classIndex) {
        List<String> labels = labels();
        return classIndex >= 0 && classIndex < labels.size() ? labels.get(classIndex) : Integer.toString(classIndex);
    }

    /**
     * Layers that Grad-CAM can explain: activations computed from the input with a channel axis and two
     * spatial axes, in graph order (tensors computed from weights alone, such as a folded batch-norm
     * scale, are not layers).
     */
    public List<String> explainableLayers() {
        List<String> out = new ArrayList<>();
        java.util.Set<String> fromInput = descendantsOfInput();
        layerShapes().forEach((name, shape) -> {
            if (shape.length == 4 && !name.equals(card.inputVariable()) && fromInput.contains(name)) {
                out.add(name);
            }
        });
        return out;
    }

    /** Every float activation of the graph with its shape at batch 1. */
    public Map<String, long[]> layerShapes() {
        Map<String, long[]> shapes = layerShapes;
        if (shapes == null) {
            shapes = probeShapes(card);
            layerShapes = shapes;
        }
        return shapes;
    }

    /** Shape of a variable at batch 1. */
    public long[] shapeOf(String variable) {
        long[] s = layerShapes().get(variable);
        if (s == null) {
            throw new IllegalArgumentException("unknown variable '" + variable + "'");
        }
        return s.clone();
    }

    public boolean hasVariable(String name) {
        return graph.getVariables().containsKey(name);
    }

    /**
     * The layer to explain when none is named: the card's, else the last explainable layer with more than one spatial
     * position. A global pool that keeps its axes (ONNX's GlobalAveragePool: [C,1,1], ResNet's last activation before
     * the classifier) has nothing left to localise, so the layer before it is the one Grad-CAM reads, as
     * pytorch-grad-cam's examples take the last convolutional block. Only a model whose every layer is 1x1 gets one.
     */
    public String defaultLayer() {
        if (card.defaultLayer() != null) {
            if (!explainableLayers().contains(card.defaultLayer())) {
                throw new ModelLoadException("the card's default layer '" + card.defaultLayer() + "' is not a layer with a channel"
                        + " axis and two spatial axes computed from the input; explainable layers: " + explainableLayers());
            }
            return card.defaultLayer();
        }
        List<String> layers = explainableLayers();
        if (layers.isEmpty()) {
            throw new IllegalStateException("the model has no layer with spatial activations to explain");
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            long[] shape = layerShapes().get(layers.get(i));
            if (shape[2] * shape[3] > 1) {
                return layers.get(i);
            }
        }
        return layers.get(layers.size() - 1);
    }

    /**
     * This model with every foldable inference batch norm folded into its convolution ({@link BatchNormFolding}),
     * for explaining: the graph is changed in place, so use the returned model, not this one. The card's input, output
     * and default layer are kept. Returns this model when nothing folds.
     */
    public ExplainableModel withBatchNormFolded() {
        java.util.Set<String> keep = new java.util.HashSet<>(List.of(card.inputVariable(), card.outputVariable()));
        if (card.defaultLayer() != null) {
            keep.add(card.defaultLayer());
        }
        int folded;
        synchronized (graph) {
            folded = BatchNormFolding.fold(graph, keep);
        }
        return folded == 0 ? this : new ExplainableModel(this, card);
    }

    /**
     * One forward pass; returns the named variables (the input batch must match {@link #inputShape()}). A float
     * model's convolutional trunk runs in oneDNN when it can ({@link OneDnnForward}), the rest in SameDiff.
     */
    public Map<String, INDArray> forward(INDArray input, List<String> variables) {
        synchronized (graph) {
            return oneDnn().flatMap(f -> f.forward(input, variables, this::canCutAt, this::headAbove, this::sameDiffForward))
                    .orElseGet(() -> sameDiffForward(input, variables));
        }
    }

    /**
     * Where an input gradient can hand over from the head's backward to oneDNN's backward of the convolutional trunk
     * ({@link OneDnnForward#gradientCut}); empty when oneDNN does not run this model.
     */
    public Optional<String> trunkGradientCut() {
        synchronized (graph) {
            return oneDnn().flatMap(f -> f.gradientCut(this::canCutAt));
        }
    }

    /** dL/dx by oneDNN's trunk backward below {@code cut} ({@link OneDnnForward#inputGradient}); empty when it cannot. */
    public Optional<INDArray> trunkInputGradient(INDArray x, String cut, ReluGradient rule,
                                                 java.util.function.UnaryOperator<INDArray> atCut,
                                                 java.util.function.Supplier<INDArray> firstRowReference) {
        synchronized (graph) {
            return oneDnn().flatMap(f -> f.inputGradient(x, cut, rule, atCut, firstRowReference));
        }
    }

    private Optional<OneDnnForward> oneDnn() {
        if (oneDnn == null) {
            oneDnn = OneDnnForward.of(graph, card.inputVariable(), dataType(), ONEDNN_FROM_PASS);
        }
        return oneDnn;
    }

    /** The forward pass as SameDiff runs it, whatever {@link #forward} would use. */
    public Map<String, INDArray> sameDiffForward(INDArray input, List<String> variables) {
        synchronized (graph) {
            return graph.output(Map.of(card.inputVariable(), input), variables);
        }
    }

    /**
     * Whether the graph above {@code layer} depends on that layer alone (see {@link GraphCut}). Asked on
     * every forward and explanation, so answered once per layer: the graph does not change.
     */
    public boolean canCutAt(String layer) {
        return cuttable.computeIfAbsent(layer, l -> GraphCut.canCut(graph, l, card.outputVariable()));
    }

    /**
     * The head of the graph above {@code layer} (see {@link GraphCut}), built once per layer and shared:
     * run it, do not change it. Empty when the head also depends on the input.
     */
    public Optional<SameDiff> headAbove(String layer) {
        SameDiff head = heads.get(layer);
        if (head == null) {
            synchronized (graph) {
                head = heads.get(layer);
                if (head == null) {
                    Optional<SameDiff> cut = GraphCut.head(graph, layer, card.outputVariable());
                    if (cut.isEmpty()) {
                        return cut;
                    }
                    head = cut.get();
                    heads.put(layer, head);
                }
            }
        }
        return Optional.of(head);
    }

    private Map<String, long[]> probeShapes(ModelCard c) {
        return ShapeProbe.run(graph, c.inputVariable(), c.outputVariable(), c.inputShape(), List.of());
    }

    /** The variables computed from the input placeholder. */
    private java.util.Set<String> descendantsOfInput() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Deque<String> pending = new java.util.ArrayDeque<>(List.of(card.inputVariable()));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!seen.add(name)) {
                continue;
            }
            List<String> consumers = graph.getVariables().get(name).getInputsForOp();
            if (consumers != null) {
                for (String op : consumers) {
                    List<String> outs = graph.getOps().get(op).getOutputsOfOp();
                    if (outs != null) {
                        pending.addAll(outs);
                    }
                }
            }
        }
        return seen;
    }

    /** The data type of the input placeholder (FLOAT unless the graph says otherwise). */
    public DataType dataType() {
        return dataType(card);
    }

    private DataType dataType(ModelCard c) {
        return graph.getVariable(c.inputVariable()).dataType();
    }

    private static ModelCard complete(SameDiff sd, ModelCard card) {
        String input = card.inputVariable() != null ? card.inputVariable() : inferInput(sd);
        requireVariable(sd, input, "input variable");
        if (sd.getVariable(input).getVariableType() != VariableType.PLACEHOLDER) {
            throw new ModelLoadException("input variable '" + input + "' is not a placeholder");
        }
        String output = card.outputVariable() != null ? card.outputVariable() : inferOutput(sd);
        requireVariable(sd, output, "output variable");
        long[] shape = card.inputShape() != null ? card.inputShape() : inferInputShape(sd, input);
        CardChecks.inputShape(shape, sd.getVariable(input).getShape(), input);
        if (card.preprocessing() != null) {
            CardChecks.preprocessing(card.preprocessing(), shape);
        }
        OutputKind kind = card.outputKind();
        ModelCard partial = new ModelCard(card.name(), input, output, kind, card.labels(), shape,
                card.preprocessing() != null ? card.preprocessing() : Preprocessing.unitRange(), card.defaultLayer());
        if (card.defaultLayer() != null) {
            requireVariable(sd, card.defaultLayer(), "default layer");
        }
        return partial;
    }

    private static String inferInput(SameDiff sd) {
        List<String> candidates = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.PLACEHOLDER && v.dataType().isFPType()) {
                candidates.add(v.name());
            }
        }
        if (candidates.size() != 1) {
            throw new ModelLoadException("cannot tell the input variable (placeholders: " + candidates
                    + "); name it with --input-var or in the model card");
        }
        return candidates.get(0);
    }

    private static String inferOutput(SameDiff sd) {
        if (sd.outputs() != null && sd.outputs().size() == 1) {
            return sd.outputs().get(0);
        }
        List<String> leaves = new ArrayList<>();
        for (Variable v : sd.getVariables().values()) {
            boolean consumed = v.getInputsForOp() != null && !v.getInputsForOp().isEmpty();
            if (v.getVariable().getVariableType() == VariableType.ARRAY && !consumed && v.getVariable().dataType().isFPType()) {
                leaves.add(v.getName());
            }
        }
        if (leaves.size() != 1) {
            throw new ModelLoadException("cannot tell the output variable (candidates: " + leaves
                    + "); name it with --output-var or in the model card");
        }
        return leaves.get(0);
    }

    private static long[] inferInputShape(SameDiff sd, String input) {
        long[] s = sd.getVariable(input).getShape();
        if (s == null || s.length < 2 || Arrays.stream(s, 1, s.length).anyMatch(d -> d <= 0)) {
            throw new ModelLoadException("the input placeholder '" + input + "' has no fixed shape "
                    + Arrays.toString(s) + "; give inputShape in the model card");
        }
        return Arrays.copyOfRange(s, 1, s.length);
    }

    private static void requireVariable(SameDiff sd, String name, String role) {
        if (!sd.getVariables().containsKey(name)) {
            throw new ModelLoadException("unknown " + role + " '" + name + "'");
        }
    }

    static long[] prepend(long first, long[] rest) {
        long[] out = new long[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }


    private boolean outputIsSoftmax(String output) {
        Variable v = graph.getVariables().get(output);
        if (v.getOutputOfOp() == null) {
            return false;
        }
        SameDiffOp op = graph.getOps().get(v.getOutputOfOp());
        return op.getOp() instanceof SoftMax;
    }
}
