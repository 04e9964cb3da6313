package org.explain4j.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every float activation's shape at batch 1, from one SameDiff forward pass of a zero input, in the order of the
 * graph's ops: what a model checks its card against and finds its layers by. Only what the output depends on is
 * asked for (a trained graph also holds a loss that needs a label placeholder).
 */
public final class ShapeProbe {

    private ShapeProbe() {
    }

    /**
     * The shapes of {@code graph}'s activations that {@code output} depends on, and of {@code also}, for an input of
     * per-sample shape {@code inputShape} at {@code input}; the input's own shape comes first. A graph that cannot run
     * on such an input is refused.
     */
    public static Map<String, long[]> run(SameDiff graph, String input, String output, long[] inputShape, Collection<String> also) {
        Set<String> names = new LinkedHashSet<>(activations(graph, output));
        names.addAll(also);
        long[] batch = new long[inputShape.length + 1];
        batch[0] = 1;
        System.arraycopy(inputShape, 0, batch, 1, inputShape.length);
        INDArray zeros = Nd4j.zeros(graph.getVariable(input).dataType(), batch);
        Map<String, INDArray> values;
        synchronized (graph) {
            try {
                values = names.isEmpty() ? Map.of() : graph.output(Map.of(input, zeros), new ArrayList<>(names));
            } catch (RuntimeException e) {
                throw new ModelLoadException("the graph cannot run on an input of shape " + Arrays.toString(inputShape)
                        + " (does the card's inputShape fit the model?): " + ModelLoadException.firstLine(e), e);
            }
        }
        Map<String, long[]> shapes = new HashMap<>();
        values.forEach((name, v) -> shapes.put(name, v.shape()));
        return inGraphOrder(graph, input, zeros.shape(), shapes);
    }

    /** The float activations {@code output} depends on: the variables {@link #run} reports. */
    static List<String> activations(SameDiff graph, String output) {
        List<String> names = new ArrayList<>();
        Set<String> needed = GraphCut.ancestors(graph, output);
        for (Variable v : graph.getVariables().values()) {
            SDVariable sv = v.getVariable();
            if (needed.contains(v.getName()) && sv.getVariableType() == VariableType.ARRAY && sv.dataType().isFPType()
                    && v.getOutputOfOp() != null) {
                names.add(v.getName());
            }
        }
        return names;
    }

    /** The input's shape, then each activation's that {@code shapes} knows, in the order of the graph's ops. */
    static Map<String, long[]> inGraphOrder(SameDiff graph, String input, long[] inputBatchShape, Map<String, long[]> shapes) {
        Map<String, long[]> ordered = new LinkedHashMap<>();
        ordered.put(input, inputBatchShape);
        for (SameDiffOp op : graph.getOps().values()) {
            List<String> outs = op.getOutputsOfOp();
            if (outs == null) {
                continue;
            }
            for (String o : outs) {
                long[] s = shapes.get(o);
                if (s != null) {
                    ordered.put(o, s);
                }
            }
        }
        return Collections.unmodifiableMap(ordered);
    }
}
