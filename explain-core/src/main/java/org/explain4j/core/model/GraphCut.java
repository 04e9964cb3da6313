package org.explain4j.core.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;

/**
 * Cuts a graph at an intermediate tensor: the head is the part between that tensor and the output,
 * with the tensor turned into a placeholder.
 *
 * <p>Why surgery: SameDiff 1.0.0-M2.1 will not accept a value for an ARRAY variable, and has no API
 * that turns one into a placeholder. Running only the head is what lets K questions about one image
 * share a single forward pass of the (expensive) body.
 */
public final class GraphCut {

    /** Arrays larger than this many elements are shared with the head, not copied into it. */
    private static final long STAND_IN_ABOVE = 1024;

    private GraphCut() {
    }

    /**
     * The head of {@code source} above {@code layer}, computing {@code output}; empty when the head
     * also needs a placeholder other than the layer (a skip connection from the input, say), in which
     * case the caller must run the whole graph. {@code source} is not modified.
     */
    public static Optional<SameDiff> head(SameDiff source, String layer, String output) {
        Optional<Plan> plan = plan(source, layer, output);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        Set<String> keepOps = plan.get().ops();
        Set<String> keepVars = plan.get().variables();
        SameDiff head;
        synchronized (source) {
            head = dupOnly(source, layer, keepOps, keepVars);
        }
        head.getOps().keySet().retainAll(keepOps);
        for (String name : new ArrayList<>(head.getVariables().keySet())) {
            if (!keepVars.contains(name)) {
                head.getVariables().remove(name);
            }
        }
        for (Variable v : head.getVariables().values()) {
            retainOps(v.getInputsForOp(), keepOps);
            retainOps(v.getControlDepsForOp(), keepOps);
        }
        Variable cut = head.getVariables().get(layer);
        cut.setOutputOfOp(null);
        cut.setControlDeps(null);
        cut.getVariable().setVariableType(VariableType.PLACEHOLDER);
        return Optional.of(head);
    }

    /**
     * A copy of the part of {@code source} that the head needs. SameDiff's dup() serialises every op and every weight
     * (2.3 s for ResNet-18, 41 s for VGG16's 138 M parameters on the build machine), so the source's op and variable
     * maps are narrowed to the head's for the copy and restored, in their order, right after. Under the graph's lock:
     * every forward pass takes it too. The copy shares the source's large weight arrays.
     */
    private static SameDiff dupOnly(SameDiff source, String layer, Set<String> keepOps, Set<String> keepVars) {
        Map<String, SameDiffOp> ops = new LinkedHashMap<>(source.getOps());
        Map<String, Variable> variables = new LinkedHashMap<>(source.getVariables());
        Variable cut = source.getVariables().get(layer);
        String producer = cut.getOutputOfOp();
        // A saved model names its training loss; the copy would look for it when read back.
        String[] losses = source.getLossVariables().toArray(String[]::new);
        // Weights are not serialised either: each large one is swapped for a one-element stand-in while the copy is made,
        // and the copy then holds the very same array as the source (VGG16's head above pool5: 3 GB of transient memory
        // for the serialised fc6 otherwise). The head is only ever run, so sharing is safe.
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> weights = new LinkedHashMap<>();
        for (String name : keepVars) {
            SDVariable v = source.getVariable(name);
            VariableType t = v.getVariableType();
            if ((t == VariableType.VARIABLE || t == VariableType.CONSTANT) && source.getArrForVarName(name) != null
                    && source.getArrForVarName(name).length() > STAND_IN_ABOVE) {
                weights.put(name, source.getArrForVarName(name));
            }
        }
        try {
            source.getOps().keySet().retainAll(keepOps);
            source.getVariables().keySet().retainAll(keepVars);
            source.setLossVariables(java.util.Arrays.stream(losses).filter(keepVars::contains).toArray(String[]::new));
            // The serialiser skips a variable whose producing op is absent; the cut is the head's input, so it has none.
            cut.setOutputOfOp(null);
            weights.forEach((name, arr) -> source.associateArrayWithVariable(
                    org.nd4j.linalg.factory.Nd4j.zeros(arr.dataType(), 1), source.getVariable(name)));
            SameDiff copy = GraphArrays.holdOnce(source.dup());
            weights.forEach((name, arr) -> copy.associateArrayWithVariable(arr, copy.getVariable(name)));
            return copy;
        } finally {
            weights.forEach((name, arr) -> source.associateArrayWithVariable(arr, source.getVariable(name)));
            cut.setOutputOfOp(producer);
            source.getOps().clear();
            source.getOps().putAll(ops);
            source.getVariables().clear();
            source.getVariables().putAll(variables);
            source.setLossVariables(losses);
        }
    }

    /** Whether the graph can be cut at {@code layer}; cheap, builds nothing. */
    public static boolean canCut(SameDiff source, String layer, String output) {
        return plan(source, layer, output).isPresent();
    }

    /** The ops and variables between the layer and the output. */
    private record Plan(Set<String> ops, Set<String> variables) {
    }

    /** The variables that {@code variable} is computed from, itself included. */
    public static Set<String> ancestors(SameDiff graph, String variable) {
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(variable));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!seen.add(name)) {
                continue;
            }
            Variable v = graph.getVariables().get(name);
            String op = v == null ? null : v.getOutputOfOp();
            if (op != null && graph.getOps().get(op).getInputsToOp() != null) {
                pending.addAll(graph.getOps().get(op).getInputsToOp());
            }
        }
        return seen;
    }

    private static Optional<Plan> plan(SameDiff source, String layer, String output) {
        Set<String> keepOps = new HashSet<>();
        Set<String> keepVars = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.push(output);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!keepVars.add(name) || name.equals(layer)) {
                continue;
            }
            Variable v = source.getVariables().get(name);
            if (v == null) {
                throw new IllegalArgumentException("no variable '" + name + "' in the graph");
            }
            if (v.getVariable().getVariableType() == VariableType.PLACEHOLDER) {
                return Optional.empty();
            }
            String op = v.getOutputOfOp();
            if (op != null && keepOps.add(op)) {
                SameDiffOp sdOp = source.getOps().get(op);
                if (sdOp.getControlDeps() != null && !sdOp.getControlDeps().isEmpty()) {
                    return Optional.empty();
                }
                if (sdOp.getInputsToOp() != null) {
                    sdOp.getInputsToOp().forEach(pending::push);
                }
            }
        }
        if (!keepVars.contains(layer)) {
            throw new IllegalArgumentException("the output '" + output + "' does not depend on '" + layer + "'");
        }
        return Optional.of(new Plan(keepOps, keepVars));
    }

    private static void retainOps(List<String> ops, Set<String> keep) {
        if (ops != null) {
            ops.retainAll(keep);
        }
    }
}
