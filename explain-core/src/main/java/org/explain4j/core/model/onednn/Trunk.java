package org.explain4j.core.model.onednn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.AvgPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;

/**
 * The convolutional trunk of a SameDiff graph: every operation reachable from the input through convolutions, ReLUs,
 * residual additions and poolings, in an order that computes each input before its use. What the trunk cannot
 * express (normalising the input, a global mean, the dense layers) stays with SameDiff.
 *
 * @param input     the graph's input variable
 * @param ops       the trunk's operations, each after the operations that compute its inputs
 * @param consumers for every trunk variable, how many operations of the whole graph read it
 */
record Trunk(String input, List<TrunkOp> ops, Map<String, Integer> consumers) {

    /** The trunk of {@code graph} from {@code input}; empty when no convolution reads the input's trunk. */
    static Optional<Trunk> of(SameDiff graph, String input) {
        Set<String> available = new HashSet<>(Set.of(input));
        Set<String> taken = new HashSet<>();
        List<TrunkOp> ops = new ArrayList<>();
        // Graphs list their ops in insertion order, which an importer need not make topological: sweep until no op
        // whose inputs are all known can be added.
        boolean grew = true;
        while (grew) {
            grew = false;
            for (SameDiffOp op : graph.getOps().values()) {
                if (taken.contains(op.getName())) {
                    continue;
                }
                Optional<TrunkOp> t = translate(graph, op, available);
                if (t.isPresent()) {
                    ops.add(t.get());
                    available.add(t.get().out());
                    taken.add(op.getName());
                    grew = true;
                }
            }
        }
        if (ops.stream().noneMatch(o -> o instanceof TrunkOp.Conv)) {
            return Optional.empty();
        }
        Map<String, Integer> consumers = new HashMap<>();
        for (String v : available) {
            Variable var = graph.getVariables().get(v);
            consumers.put(v, var.getInputsForOp() == null ? 0 : (int) var.getInputsForOp().stream().distinct().count());
        }
        return Optional.of(new Trunk(input, List.copyOf(ops), Map.copyOf(consumers)));
    }

    /** Whether {@code variable} is the input or computed by the trunk. */
    boolean computes(String variable) {
        return consumers.containsKey(variable);
    }

    private static Optional<TrunkOp> translate(SameDiff graph, SameDiffOp op, Set<String> available) {
        List<String> ins = op.getInputsToOp();
        if (ins == null || ins.isEmpty() || op.getOutputsOfOp() == null || op.getOutputsOfOp().size() != 1
                || (op.getControlDeps() != null && !op.getControlDeps().isEmpty()) || !available.contains(ins.get(0))) {
            return Optional.empty();
        }
        String out = op.getOutputsOfOp().get(0);
        DifferentialFunction f = op.getOp();
        if (f instanceof Conv2D conv && (ins.size() == 2 || ins.size() == 3)) {
            return conv(graph, conv.getConfig(), ins, out);
        }
        if (f instanceof RectifiedLinear relu && ins.size() == 1) {
            INDArray cutoff = relu.scalar();
            return cutoff == null || cutoff.getDouble(0) == 0 ? Optional.of(new TrunkOp.Relu(ins.get(0), out)) : Optional.empty();
        }
        if (f instanceof AddOp && ins.size() == 2 && available.contains(ins.get(1))) {
            return Optional.of(new TrunkOp.Add(ins.get(0), ins.get(1), out));
        }
        if ((f instanceof MaxPooling2D || f instanceof AvgPooling2D) && ins.size() == 1) {
            // libnd4j's average pool counts the padding in its divisor when 'extra' is 1; the config's 'divisor' is unused.
            Pooling2DConfig c = f instanceof MaxPooling2D m ? m.getConfig() : ((AvgPooling2D) f).getConfig();
            // A padded average counting its padding is left to SameDiff, whose backward of it is wrong in M2.1 (the
            // importers write such pools as explicit zero padding instead): the trunk's gradients are checked against it.
            boolean plain = c != null && !c.isNHWC() && c.getDH() == 1 && c.getDW() == 1
                    && (c.getPaddingMode() == null || c.getPaddingMode() == PaddingMode.VALID)
                    && (f instanceof MaxPooling2D || c.getExtra() == 0 || (c.getPH() == 0 && c.getPW() == 0));
            return plain ? Optional.of(new TrunkOp.Pool(ins.get(0), out, f instanceof MaxPooling2D,
                    c.getExtra() == 0, c.getKH(), c.getKW(), c.getSH(), c.getSW(),
                    c.getPH(), c.getPW())) : Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<TrunkOp> conv(SameDiff graph, Conv2DConfig c, List<String> ins, String out) {
        INDArray w = constant(graph, ins.get(1));
        INDArray b = ins.size() == 3 ? constant(graph, ins.get(2)) : null;
        boolean plain = c != null && w != null && w.rank() == 4 && w.dataType() == DataType.FLOAT && c.getDH() == 1
                && c.getDW() == 1 && c.getPaddingMode() == PaddingMode.VALID && !c.isNHWC()
                && "NCHW".equalsIgnoreCase(c.getDataFormat()) && c.getWeightsFormat() == WeightsFormat.YXIO
                && w.size(0) == c.getKH() && w.size(1) == c.getKW()
                && (ins.size() == 2 || (b != null && b.length() == w.size(3) && b.dataType() == DataType.FLOAT));
        return plain ? Optional.of(new TrunkOp.Conv(ins.get(0), out, ins.get(1), ins.size() == 3 ? ins.get(2) : null, c.getSH(),
                c.getSW(), c.getPH(), c.getPW()))
                : Optional.empty();
    }

    private static INDArray constant(SameDiff graph, String name) {
        VariableType t = graph.getVariable(name).getVariableType();
        return t == VariableType.VARIABLE || t == VariableType.CONSTANT ? graph.getArrForVarName(name) : null;
    }
}
