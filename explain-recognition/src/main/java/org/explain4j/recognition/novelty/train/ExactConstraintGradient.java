package org.explain4j.recognition.novelty.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.explain4j.core.gradient.QuietStdout;
import org.explain4j.core.novelty.features.ChainBackward;
import org.explain4j.core.novelty.features.SampleLoss;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DeConv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * The gradient of GradCON's constraint c = mean over the constrained weights of -cos(dMSE/dW_i, ref_i) at every
 * trainable weight, exact and in the network's own precision. SameDiff cannot differentiate its own backward ops
 * ({@code SecondOrderGapTest}), so the weight gradients are written here with forward ops — the output gradient
 * carried back by {@link ChainBackward}, then each transposed convolution's weight gradient as an im2col of its output
 * gradient times its input — and SameDiff differentiates c through them like any other graph. The gradients are
 * those of the summed reconstruction error, the batch mean's times the batch size: a cosine does not see the scale.
 *
 * <p>Empty ({@link #build}) where the network is not such a chain of transposed convolutions or a constrained weight
 * is not a transposed convolution's; then the Hessian-vector product of {@link GradConTraining} is used.
 */
final class ExactConstraintGradient {

    private static final String REF = "explain4j_constraint_ref_";
    private static final String C = "explain4j_constraint";

    private final SameDiff graph;
    private final String input;
    private final List<String> trainable;
    private final int layers;

    private ExactConstraintGradient(SameDiff graph, String input, List<String> trainable, int layers) {
        this.graph = graph;
        this.input = input;
        this.trainable = List.copyOf(trainable);
        this.layers = layers;
    }

    static Optional<ExactConstraintGradient> build(SameDiff autoencoder, String input, String output, List<String> constrained,
                                                   List<String> trainable) {
        SameDiff sd = autoencoder.dup();
        List<DeConv2D> ops = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (String w : constrained) {
            List<String> users = sd.getVariables().get(w).getInputsForOp();
            DifferentialFunction op = users == null || users.size() != 1 ? null : sd.getOpById(users.get(0));
            if (!(op instanceof DeConv2D d) || op.args().length < 2 || !op.args()[1].name().equals(w)) {
                return Optional.empty();
            }
            ops.add(d);
            outputs.add(op.outputVariables()[0].name());
        }
        long[] shape = sd.getVariable(input).getShape();
        long values = 1;
        for (int i = 1; i < shape.length; i++) {
            values *= shape[i];
        }
        Optional<Map<String, String>> back = ChainBackward.build(sd, SampleLoss.reconstruction(), input, output, values, outputs);
        if (back.isEmpty()) {
            return Optional.empty();
        }
        SDVariable sum = null;
        for (int i = 0; i < ops.size(); i++) {
            DeConv2DConfig c = ops.get(i).getConfig();
            SDVariable w = ops.get(i).args()[1];
            SDVariable x = ops.get(i).args()[0];
            long[] ws = w.getArr().shape(); // [kh, kw, O, C]
            SDVariable dy = sd.getVariable(back.get().get(outputs.get(i)));
            // columns [N, O, kh, kw, H, W] over the input grid of the transposed convolution (its adjoint's window)
            SDVariable cols = sd.cnn().im2Col(dy, Conv2DConfig.builder().kH(c.getKH()).kW(c.getKW()).sH(c.getSH()).sW(c.getSW())
                    .pH(c.getPH()).pW(c.getPW()).dH(1).dW(1).paddingMode(PaddingMode.VALID).dataFormat("NCHW").build());
            SDVariable g = cols.permute(1, 2, 3, 0, 4, 5).reshape(ws[2] * ws[0] * ws[1], -1)
                    .mmul(x.permute(1, 0, 2, 3).reshape(ws[3], -1).permute(1, 0))
                    .reshape(ws[2], ws[0], ws[1], ws[3]).permute(1, 2, 0, 3);
            SDVariable ref = sd.placeHolder(REF + i, w.dataType(), ws);
            SDVariable cos = g.mul(ref).sum().div(g.norm2().mul(ref.norm2()));
            sum = sum == null ? cos : sum.add(cos);
        }
        sd.setLossVariables(sd.identity(C, sum.mul(-1.0 / ops.size())).name());
        QuietStdout.run(() -> {
            sd.createGradFunction();
            return null;
        });
        return Optional.of(new ExactConstraintGradient(sd, input, trainable, ops.size()));
    }

    /** dc/dtheta at every trainable weight, for the batch {@code x} and the current references, with the given weights. */
    Map<String, INDArray> of(INDArray x, ReferenceGradient ref, Map<String, INDArray> weights) {
        Map<String, INDArray> feed = feed(x, ref, weights);
        Map<String, INDArray> g = QuietStdout.run(() -> graph.calculateGradients(feed, trainable));
        Map<String, INDArray> copies = new HashMap<>();
        boolean finite = true;
        for (Map.Entry<String, INDArray> e : g.entrySet()) {
            copies.put(e.getKey(), e.getValue().dup());
            finite &= !e.getValue().isNaN().any() && !e.getValue().isInfinite().any();
        }
        if (!finite) {
            // a weight gradient of zero (a dead layer) has no direction: the cosine's gradient is 0/0 there, and the
            // Hessian-vector product's u is zero in that case; so is this
            copies.replaceAll((k, v) -> v.like());
        }
        return copies;
    }

    /** The weights copied in, and the placeholders: the batch and each reference. */
    private Map<String, INDArray> feed(INDArray x, ReferenceGradient ref, Map<String, INDArray> weights) {
        for (Map.Entry<String, INDArray> w : weights.entrySet()) {
            graph.getVariable(w.getKey()).getArr().assign(w.getValue());
        }
        Map<String, INDArray> feed = new LinkedHashMap<>();
        feed.put(input, x);
        for (int i = 0; i < layers; i++) {
            feed.put(REF + i, ref.of(i).castTo(x.dataType()));
        }
        return feed;
    }
}
