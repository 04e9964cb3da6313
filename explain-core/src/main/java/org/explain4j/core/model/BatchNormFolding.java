package org.explain4j.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;

/**
 * Folds inference batch normalisation into the convolution before it, in place: a graph of the form
 * {@code y = conv2d(x, W, b) * scale + shift}, with scale and shift per output channel and computed from weights
 * alone (how {@code Layers.batchNorm} and the ONNX importer write batch norm), becomes {@code y = conv2d(x, W', b')}
 * with W' = W scale and b' = b scale + shift. The activation named {@code y} stays what the unfolded graph computes
 * (to float rounding); the convolution's own output, before normalisation, is no longer a variable, so a folded
 * graph cannot explain it. A batch norm whose convolution output or scaled product is in {@code keep} (a layer to be
 * explained) is left as it is. Worth it because each batch norm otherwise costs two passes over its activation and
 * ten op dispatches (measured in docs/BENCHMARKS.md, "ResNet-18 forward").
 *
 * <p>For graphs loaded to be explained, never for graphs being trained: the folded weights replace W and b.
 */
public final class BatchNormFolding {

    private BatchNormFolding() {
    }

    /** Folds every batch norm that can be folded; returns how many. */
    public static int fold(SameDiff sd, Set<String> keep) {
        int folded = 0;
        for (SameDiffOp add : new ArrayList<>(sd.getOps().values())) {
            if (sd.getOps().containsKey(add.getName()) && foldAt(sd, add, keep)) {
                folded++;
            }
        }
        return folded;
    }

    private static boolean foldAt(SameDiff sd, SameDiffOp add, Set<String> keep) {
        if (!"add".equals(add.getOp().opName()) || add.getInputsToOp() == null || add.getInputsToOp().size() != 2
                || add.getOutputsOfOp() == null || add.getOutputsOfOp().size() != 1) {
            return false;
        }
        for (int side = 0; side < 2; side++) {
            String product = add.getInputsToOp().get(side);
            String shift = add.getInputsToOp().get(1 - side);
            SameDiffOp mul = producer(sd, product, "multiply");
            if (mul == null || mul.getInputsToOp().size() != 2 || !onlyConsumer(sd, product, add.getName()) || !weightsOnly(sd, shift)) {
                continue;
            }
            for (int k = 0; k < 2; k++) {
                String convOut = mul.getInputsToOp().get(k);
                String scale = mul.getInputsToOp().get(1 - k);
                SameDiffOp conv = producer(sd, convOut, "conv2d");
                if (conv != null && onlyConsumer(sd, convOut, mul.getName()) && weightsOnly(sd, scale)
                        && !keep.contains(convOut) && !keep.contains(product) && rewrite(sd, conv, mul, add, convOut, product, scale, shift)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean rewrite(SameDiff sd, SameDiffOp conv, SameDiffOp mul, SameDiffOp add, String convOut, String product,
                                   String scaleName, String shiftName) {
        if (!(conv.getOp() instanceof Conv2D c) || conv.getInputsToOp().size() != 3
                || c.getConfig().getWeightsFormat() != WeightsFormat.YXIO || !"NCHW".equals(c.getConfig().getDataFormat())) {
            return false;
        }
        String wName = conv.getInputsToOp().get(1);
        String bName = conv.getInputsToOp().get(2);
        if (!ownedBy(sd, wName, conv.getName()) || !ownedBy(sd, bName, conv.getName())) {
            return false;
        }
        INDArray w = sd.getArrForVarName(wName);
        INDArray b = sd.getArrForVarName(bName);
        long channels = w.size(3);
        INDArray scale = sd.getVariable(scaleName).eval();
        INDArray shift = sd.getVariable(shiftName).eval();
        if (w.rank() != 4 || b.length() != channels || scale.length() != channels || shift.length() != channels
                || !perChannel(scale) || !perChannel(shift)) {
            return false;
        }
        INDArray s = scale.reshape(channels).castTo(w.dataType());
        sd.getVariable(wName).setArray(w.dup('c').reshape(-1, channels).muliRowVector(s).reshape(w.shape()));
        sd.getVariable(bName).setArray(b.reshape(channels).mul(s).addi(shift.reshape(channels).castTo(b.dataType())).reshape(b.shape()));
        String y = add.getOutputsOfOp().get(0);
        List<String> consumers = new ArrayList<>(sd.getVariables().get(y).getInputsForOp() == null ? List.of()
                : sd.getVariables().get(y).getInputsForOp());
        sd.getOps().remove(mul.getName());
        sd.getOps().remove(add.getName());
        detach(sd, mul);
        detach(sd, add);
        sd.getVariables().remove(product);
        sd.getVariables().remove(y);
        sd.renameVariable(convOut, y);
        sd.getVariables().get(y).setInputsForOp(consumers);
        return true;
    }

    /** Scale and shift broadcast over the channel axis of NCHW: shaped [C], [1, C] or [1, C, 1, 1]. */
    private static boolean perChannel(INDArray a) {
        long[] s = a.shape();
        return s.length == 1 || s.length == 2 && s[0] == 1 || s.length == 4 && s[0] == 1 && s[2] == 1 && s[3] == 1;
    }

    private static void detach(SameDiff sd, SameDiffOp op) {
        for (String in : op.getInputsToOp()) {
            Variable v = sd.getVariables().get(in);
            if (v != null && v.getInputsForOp() != null) {
                v.getInputsForOp().remove(op.getName());
            }
        }
    }

    private static SameDiffOp producer(SameDiff sd, String variable, String opName) {
        Variable v = sd.getVariables().get(variable);
        if (v == null || v.getOutputOfOp() == null) {
            return null;
        }
        SameDiffOp op = sd.getOps().get(v.getOutputOfOp());
        return op != null && opName.equals(op.getOp().opName()) && op.getOutputsOfOp().size() == 1 ? op : null;
    }

    private static boolean onlyConsumer(SameDiff sd, String variable, String op) {
        List<String> users = sd.getVariables().get(variable).getInputsForOp();
        return users != null && users.stream().distinct().toList().equals(List.of(op));
    }

    /** A weight or constant read by {@code op} alone, so that changing it changes nothing else. */
    private static boolean ownedBy(SameDiff sd, String variable, String op) {
        VariableType t = sd.getVariable(variable).getVariableType();
        return (t == VariableType.VARIABLE || t == VariableType.CONSTANT) && onlyConsumer(sd, variable, op);
    }

    /** Whether a value depends on weights and constants only, not on any placeholder. */
    private static boolean weightsOnly(SameDiff sd, String variable) {
        for (String a : GraphCut.ancestors(sd, variable)) {
            if (sd.getVariable(a).getVariableType() == VariableType.PLACEHOLDER) {
                return false;
            }
        }
        return true;
    }
}
