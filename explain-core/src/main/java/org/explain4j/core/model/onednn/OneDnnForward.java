package org.explain4j.core.model.onednn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Loader;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model's forward pass with its convolutional trunk run by oneDNN directly ({@link TrunkPlan}) and the rest (global
 * mean, dense layers, softmax) by SameDiff, from the trunk activation the rest depends on alone.
 *
 * <p>Why: SameDiff M2.1 hands oneDNN plain NCHW arrays and creates its primitives anew on every call, so a ResNet's
 * convolutions spend about as long reordering as computing (docs/BENCHMARKS.md). Kept honest two ways: the first pass
 * of every plan is also run by SameDiff and compared (on any disagreement the model falls back to SameDiff for good,
 * with a warning), and a plan whose weights the graph no longer holds is rebuilt. Off with
 * {@code -Dexplain4j.onednn=false} or {@code EXPLAIN4J_ONEDNN=0}; never used for double-precision models, other
 * backends than ND4J's CPU one, or when the oneDNN library cannot be loaded.
 */
public final class OneDnnForward {

    private static final Logger LOG = LoggerFactory.getLogger(OneDnnForward.class);
    /** Largest difference from SameDiff's values, relative to their largest magnitude, that the first pass may show. */
    static final double TOLERANCE = 1e-3;
    /** The largest {@link #rowwiseRelativeNorm} an input gradient's first pass may show against SameDiff's. */
    static final double GRADIENT_TOLERANCE = 1e-2;
    /**
     * Plans kept, the least recently used dropped first; a dropped plan frees its native memory at once
     * ({@link TrunkPlan#close}). A methods bench uses about six forward plans (batch sizes times wanted sets).
     */
    private static final int MAX_PLANS = 8;
    private static final int MAX_TRAINING_PLANS = 3;

    /** How the variables of one request are computed: trunk activations, and the head above {@code cut}. */
    private record Route(Set<String> trunkWanted, String cut, SameDiff head, List<String> headVars) {
    }

    private record PlanKey(Set<String> wanted, List<Long> dims) {
    }

    /** A request before it is routed: the variables asked for, and the input's shape. */
    private record Request(List<String> variables, List<Long> dims) {
    }

    private final SameDiff graph;
    private final Trunk trunk;
    /** Made at the first compilation: a one-shot run never loads the library ({@link #stream()}). */
    private stream stream;
    private final Map<List<String>, Optional<Route>> routes = new HashMap<>();
    private final Map<PlanKey, TrunkPlan> plans = lru(MAX_PLANS);
    private final Set<PlanKey> verified = new java.util.HashSet<>();
    private final Map<PlanKey, TrunkPlan> trainingPlans = lru(MAX_TRAINING_PLANS);
    private final Set<ReluGradient> verifiedGradients = java.util.EnumSet.noneOf(ReluGradient.class);
    private final Map<PlanKey, Integer> passesSeen = new HashMap<>();
    private final Map<Request, Integer> requestsSeen = new HashMap<>();
    private final int compileAtPass;
    private boolean disabled;
    private boolean gradientsDisabled;

    private OneDnnForward(SameDiff graph, Trunk trunk, int compileAtPass) {
        this.graph = graph;
        this.trunk = trunk;
        this.compileAtPass = compileAtPass;
    }

    /**
     * The accelerated forward of {@code graph} from {@code input}, or empty when it does not apply: oneDNN disabled
     * or unavailable, a model not in float, or no convolution reading the input.
     */
    public static Optional<OneDnnForward> of(SameDiff graph, String input, DataType type) {
        return of(graph, input, type, 1);
    }

    /**
     * The same, compiling a request's plan only at its {@code compileAtPass}-th pass (the ones before are SameDiff's
     * to run). A plan's first pass costs its compilation and a SameDiff forward to check it on top of its own: a
     * one-shot explanation (the command line on one image) pays that for nothing, a repeated one earns it back.
     */
    public static Optional<OneDnnForward> of(SameDiff graph, String input, DataType type, int compileAtPass) {
        if (compileAtPass < 1) {
            throw new IllegalArgumentException("passes are counted from 1");
        }
        // Compiling at the first pass loads the library now, so that an unavailable one shows here; later, at that pass.
        if (type != DataType.FLOAT || !switchedOn() || compileAtPass == 1 && Library.ENGINE == null) {
            return Optional.empty();
        }
        return Trunk.of(graph, input).map(t -> new OneDnnForward(graph, t, compileAtPass));
    }

    /** The stream plans run on, made on first use; null (and this forward disabled) when the library cannot load. */
    private stream stream() {
        if (stream == null && Library.ENGINE != null) {
            stream = new stream(Library.ENGINE);
        }
        if (stream == null) {
            disabled = true;
        }
        return stream;
    }

    /**
     * The named variables for input {@code x}, or empty when this request is SameDiff's to run (a variable outside the
     * trunk that no head above it computes, say). {@code canCut} and {@code headAbove} are the model's graph cuts;
     * {@code reference} is SameDiff's forward, run once per plan to check it. Callers serialise calls.
     */
    public Optional<Map<String, INDArray>> forward(INDArray x, List<String> variables, Predicate<String> canCut,
                                                   Function<String, Optional<SameDiff>> headAbove,
                                                   BiFunction<INDArray, List<String>, Map<String, INDArray>> reference) {
        if (disabled || x.rank() != 4 || x.dataType() != DataType.FLOAT) {
            return Optional.empty();
        }
        List<String> wanted = List.copyOf(variables);
        List<Long> dims = Arrays.stream(x.shape()).boxed().toList();
        Optional<Route> route = routes.get(wanted);
        boolean routedNow = false;
        if (route == null) {
            // A route cuts a head off the graph (a copy through FlatBuffers, slow in a cold JVM): the passes before a
            // request's compilation, which SameDiff runs anyway, do not pay for it, nor does a one-shot run.
            Request request = new Request(wanted, dims);
            if (requestsSeen.merge(request, 1, Integer::sum) < compileAtPass) {
                return Optional.empty();
            }
            requestsSeen.remove(request);
            route = route(wanted, canCut, headAbove);
            routes.put(wanted, route);
            routedNow = true;
        }
        if (route.isEmpty()) {
            return Optional.empty();
        }
        Route r = route.get();
        PlanKey key = new PlanKey(r.trunkWanted(), dims);
        TrunkPlan plan = plans.get(key);
        if (plan != null && stale(plan)) {
            drop(plans);
            verified.clear();
            plan = null;
        }
        if (plan == null) {
            // a request routed in this call has had its passes counted already
            if (!routedNow && passesSeen.merge(key, 1, Integer::sum) < compileAtPass || stream() == null) {
                return Optional.empty();
            }
            passesSeen.remove(key); // compiled: counted again only if the plan is ever dropped
            try {
                plan = TrunkPlan.compile(trunk, graph::getArrForVarName, x.shape(), r.trunkWanted(), Library.ENGINE, stream);
            } catch (RuntimeException e) {
                // A shape or layout oneDNN refuses: SameDiff runs this model from now on.
                LOG.debug("oneDNN cannot run this trunk ({}); SameDiff runs the model", e.toString());
                disabled = true;
                return Optional.empty();
            }
            plans.put(key, plan);
        }
        Map<String, INDArray> trunkValues = plan.run(x);
        Map<String, INDArray> out = new LinkedHashMap<>();
        Map<String, INDArray> headValues = r.cut() == null ? Map.of()
                : r.head().output(Map.of(r.cut(), trunkValues.get(r.cut())), r.headVars());
        for (String v : variables) {
            out.put(v, trunkValues.containsKey(v) ? trunkValues.get(v) : headValues.get(v));
        }
        if (!verified.contains(key)) {
            Map<String, INDArray> expected = reference.apply(x, variables);
            for (String v : variables) {
                double diff = relativeDifference(out.get(v), expected.get(v));
                if (!(diff <= TOLERANCE)) {
                    LOG.warn("oneDNN's forward differs from SameDiff's at '{}' (relative difference {}); SameDiff runs this model",
                            v, diff);
                    disabled = true;
                    return Optional.of(expected);
                }
            }
            verified.add(key);
        }
        return Optional.of(out);
    }

    /**
     * The latest trunk activation that the rest of the graph depends on alone: where an input gradient can hand over
     * from the head's backward to the trunk's.
     */
    public Optional<String> gradientCut(Predicate<String> canCut) {
        for (int i = trunk.ops().size() - 1; i >= 0; i--) {
            String cut = trunk.ops().get(i).out();
            if (canCut.test(cut)) {
                return Optional.of(cut);
            }
        }
        return Optional.empty();
    }

    /**
     * dL/dx for input rows {@code x}, where {@code atCut} turns the activation at {@code cut} ([rows, C, H, W]) into dL
     * at it: one oneDNN forward in training mode, the head's backward by {@code atCut}, then oneDNN's backward of the
     * trunk with ReLUs by {@code rule} ({@link TrunkPlan#inputGradient}). Empty when oneDNN cannot run it. The first
     * call per rule is compared with {@code firstRowReference}, SameDiff's gradient of the first row alone (one row: a
     * VGG16 backward of ten rows in SameDiff takes gigabytes): on disagreement this model's input gradients go back to
     * the caller's other ways for good, and this call returns empty.
     */
    public Optional<INDArray> inputGradient(INDArray x, String cut, ReluGradient rule, UnaryOperator<INDArray> atCut,
                                            Supplier<INDArray> firstRowReference) {
        if (disabled || gradientsDisabled || x.rank() != 4 || x.dataType() != DataType.FLOAT || !trunk.computes(cut)) {
            return Optional.empty();
        }
        PlanKey key = new PlanKey(Set.of(cut), Arrays.stream(x.shape()).boxed().toList());
        TrunkPlan plan = trainingPlans.get(key);
        if (plan != null && stale(plan)) {
            drop(trainingPlans);
            verifiedGradients.clear();
            plan = null;
        }
        INDArray g;
        try {
            if (plan == null) {
                if (stream() == null) {
                    return Optional.empty();
                }
                plan = TrunkPlan.compile(trunk, graph::getArrForVarName, x.shape(), Set.of(cut), true, Library.ENGINE, stream);
                trainingPlans.put(key, plan);
            }
            g = plan.inputGradient(x, cut, rule, atCut);
        } catch (RuntimeException e) {
            LOG.debug("oneDNN cannot run this trunk's backward ({}); SameDiff computes input gradients", e.toString());
            gradientsDisabled = true;
            return Optional.empty();
        }
        if (!verifiedGradients.contains(rule)) {
            INDArray expected = firstRowReference.get();
            double diff = rowwiseRelativeNorm(g.get(NDArrayIndex.interval(0, 1)), expected);
            if (!(diff <= GRADIENT_TOLERANCE)) {
                LOG.warn("oneDNN's input gradient ({}) differs from SameDiff's (relative difference {}); SameDiff computes them",
                        rule, diff);
                gradientsDisabled = true;
                return Optional.empty();
            }
            verifiedGradients.add(rule);
        }
        return Optional.of(g);
    }

    /**
     * The largest, over rows, of ||a_r - b_r|| / ||b_r|| (Euclidean norms); infinite when the shapes differ. Input
     * gradients are compared this way, not element by element: where a ReLU's input is within rounding of zero, the two
     * implementations may disagree about its mask, and that one flip legitimately changes a patch of the gradient, far
     * more in its largest element than in norm. A wrong layout or rule is off by the order of the gradient itself.
     */
    static double rowwiseRelativeNorm(INDArray a, INDArray b) {
        if (a == null || b == null || !Arrays.equals(a.shape(), b.shape())) {
            return Double.POSITIVE_INFINITY;
        }
        long rows = b.size(0);
        INDArray ad = a.castTo(DataType.DOUBLE).reshape(rows, a.length() / rows);
        INDArray bd = b.castTo(DataType.DOUBLE).reshape(rows, b.length() / rows);
        double worst = 0;
        for (long r = 0; r < rows; r++) {
            double scale = Math.max(bd.getRow(r).norm2Number().doubleValue(), 1e-30);
            worst = Math.max(worst, ad.getRow(r).sub(bd.getRow(r)).norm2Number().doubleValue() / scale);
        }
        return worst;
    }

    /** Largest |a - b| over the largest |b|; infinite when the shapes differ. */
    static double relativeDifference(INDArray a, INDArray b) {
        if (a == null || b == null || !Arrays.equals(a.shape(), b.shape())) {
            return Double.POSITIVE_INFINITY;
        }
        INDArray bd = b.castTo(DataType.DOUBLE);
        double scale = Math.max(bd.amaxNumber().doubleValue(), 1e-12);
        return a.castTo(DataType.DOUBLE).sub(bd).amaxNumber().doubleValue() / scale;
    }

    private Optional<Route> route(List<String> variables, Predicate<String> canCut, Function<String, Optional<SameDiff>> headAbove) {
        if (variables.contains(trunk.input())) {
            return Optional.empty();
        }
        Set<String> trunkWanted = new LinkedHashSet<>();
        List<String> headVars = new ArrayList<>();
        for (String v : variables) {
            (trunk.computes(v) ? trunkWanted : headVars).add(v);
        }
        if (headVars.isEmpty()) {
            return Optional.of(new Route(Set.copyOf(trunkWanted), null, null, List.of()));
        }
        // The latest trunk activation that the rest of the graph depends on alone, and whose head computes the rest.
        for (int i = trunk.ops().size() - 1; i >= 0; i--) {
            String cut = trunk.ops().get(i).out();
            if (!canCut.test(cut)) {
                continue;
            }
            Optional<SameDiff> head = headAbove.apply(cut);
            if (head.isPresent() && headVars.stream().allMatch(v -> head.get().hasVariable(v)
                    && head.get().getVariable(v).getVariableType() == VariableType.ARRAY)) {
                trunkWanted.add(cut);
                return Optional.of(new Route(Set.copyOf(trunkWanted), cut, head.get(), List.copyOf(headVars)));
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Map<PlanKey, TrunkPlan> lru(int capacity) {
        return new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PlanKey, TrunkPlan> eldest) {
                if (size() > capacity) {
                    eldest.getValue().close();
                    return true;
                }
                return false;
            }
        };
    }

    private static void drop(Map<PlanKey, TrunkPlan> cache) {
        cache.values().forEach(TrunkPlan::close);
        cache.clear();
    }

    private boolean stale(TrunkPlan plan) {
        return plan.stale(graph::getArrForVarName);
    }

    /**
     * Whether oneDNN may be used at all: not switched off, and ND4J on the CPU. Loads nothing: outside {@link Library},
     * whose first use loads the native library (a one-shot run, which SameDiff serves, never loads it).
     */
    private static boolean switchedOn() {
        return !"false".equalsIgnoreCase(System.getProperty("explain4j.onednn", "true")) && !"0".equals(System.getenv("EXPLAIN4J_ONEDNN"))
                && Nd4j.getBackend().getClass().getName().contains("Cpu");
    }

    /** The CPU engine for other oneDNN users of this package; null when oneDNN is switched off or cannot load. */
    static engine engineIfOn() {
        return switchedOn() ? Library.ENGINE : null;
    }

    /** The oneDNN CPU engine, or null when it is switched off or cannot be loaded: a constant of the process. */
    private static final class Library {
        static final engine ENGINE = load();

        private static engine load() {
            if (!switchedOn()) {
                return null;
            }
            try {
                Loader.load(org.bytedeco.dnnl.global.dnnl.class);
                return new engine(engine.kind.cpu, 0);
            } catch (Throwable e) {
                LOG.debug("oneDNN is not available ({}); SameDiff runs every forward pass", e.toString());
                return null;
            }
        }
    }
}
