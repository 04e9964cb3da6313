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
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Loader;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
    private static final int MAX_PLANS = 8;

    /** How the variables of one request are computed: trunk activations, and the head above {@code cut}. */
    private record Route(Set<String> trunkWanted, String cut, SameDiff head, List<String> headVars) {
    }

    private record PlanKey(Set<String> wanted, List<Long> dims) {
    }

    private final SameDiff graph;
    private final Trunk trunk;
    private final stream stream;
    private final Map<List<String>, Optional<Route>> routes = new HashMap<>();
    private final Map<PlanKey, TrunkPlan> plans = new HashMap<>();
    private final Set<PlanKey> verified = new java.util.HashSet<>();
    private boolean disabled;

    private OneDnnForward(SameDiff graph, Trunk trunk, engine eng) {
        this.graph = graph;
        this.trunk = trunk;
        this.stream = new stream(eng);
    }

    /**
     * The accelerated forward of {@code graph} from {@code input}, or empty when it does not apply: oneDNN disabled
     * or unavailable, a model not in float, or no convolution reading the input.
     */
    public static Optional<OneDnnForward> of(SameDiff graph, String input, DataType type) {
        engine eng = Library.ENGINE;
        if (eng == null || type != DataType.FLOAT) {
            return Optional.empty();
        }
        return Trunk.of(graph, input).map(t -> new OneDnnForward(graph, t, eng));
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
        Optional<Route> route = routes.computeIfAbsent(List.copyOf(variables), v -> route(v, canCut, headAbove));
        if (route.isEmpty()) {
            return Optional.empty();
        }
        Route r = route.get();
        PlanKey key = new PlanKey(r.trunkWanted(), Arrays.stream(x.shape()).boxed().toList());
        TrunkPlan plan = plans.get(key);
        if (plan != null && stale(plan)) {
            plans.clear();
            verified.clear();
            plan = null;
        }
        if (plan == null) {
            if (plans.size() >= MAX_PLANS) {
                plans.clear();
            }
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

    private boolean stale(TrunkPlan plan) {
        return plan.stale(graph::getArrForVarName);
    }

    /** The oneDNN CPU engine, or null when it is switched off or cannot be loaded: a constant of the process. */
    private static final class Library {
        static final engine ENGINE = load();

        private static engine load() {
            if ("false".equalsIgnoreCase(System.getProperty("explain4j.onednn", "true")) || "0".equals(System.getenv("EXPLAIN4J_ONEDNN"))) {
                return null;
            }
            if (!Nd4j.getBackend().getClass().getName().contains("Cpu")) {
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
