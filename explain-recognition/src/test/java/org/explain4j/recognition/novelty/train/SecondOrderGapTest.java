package org.explain4j.recognition.novelty.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.explain4j.core.gradient.QuietStdout;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Why {@link GradConTraining} takes a Hessian-vector product: the smallest graph with GradCON's second-order term
 * (a loss on the gradient of a transposed convolution's weight) cannot be differentiated by SameDiff M2.1. When this
 * test starts failing, SameDiff has learnt double backward and the finite-difference product can go.
 *
 * <p>And the way around it that would let the constrained training run in float: the same weight gradient written
 * with ordinary forward ops (the backward as in core's ChainBackward, the weight gradient as im2col and a matrix
 * product) is a graph SameDiff can differentiate, exactly.
 */
class SecondOrderGapTest {

    @Test
    void sameDiffCannotDifferentiateItsOwnGradientGraph() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 2, 3, 3);
        SDVariable w = sd.var("w", Nd4j.rand(DataType.DOUBLE, 4, 4, 1, 2));
        SDVariable y = sd.cnn().deconv2d("y", x, w, null, DeConv2DConfig.builder().kH(4).kW(4).sH(2).sW(2).pH(2).pW(2)
                .isSameMode(false).dataFormat("NCHW").build());
        sd.math().square(sd.nn().sigmoid(y)).mean("loss");
        sd.setLossVariables("loss");
        INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 3);
        Map<String, INDArray> g = QuietStdout.run(() -> sd.calculateGradients(Map.of("x", in), "w"));
        assertEquals(4, g.get("w").rank());

        SameDiff gradient = sd.getFunction("grad");
        gradient.getVariable("w-grad").norm2("second");
        gradient.setLossVariables("second");
        // the gradient function already holds SameDiff's "one-var"; a second gradient function would add another
        gradient.renameVariable("one-var", "first-one-var");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> QuietStdout.run(() -> {
                    gradient.createGradFunction();
                    return null;
                }));
        assertEquals("Unable to take derivative of derivative.", e.getMessage());
    }

    @Test
    void aWeightGradientBuiltFromForwardOpsIsDifferentiatedExactly() {
        Nd4j.getRandom().setSeed(3);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, 2, 3, 3, 3);
        SDVariable target = sd.constant("t", Nd4j.rand(DataType.DOUBLE, 2, 2, 6, 6));
        SDVariable w = sd.var("w", Nd4j.randn(DataType.DOUBLE, 4, 4, 2, 3).muli(0.4));
        SDVariable s = sd.nn().sigmoid("s", sd.cnn().deconv2d(x, w, DeConv2DConfig.builder().kH(4).kW(4).sH(2).sW(2).pH(1).pW(1)
                .isSameMode(false).dataFormat("NCHW").build()));
        // d(sum (s - t)^2)/d(deconv output), then dW[i,j,o,c] = sum_(n,q) im2col(dy)[n,o,i,j,q] x[n,c,q], as [(o,i,j), c]
        SDVariable dy = s.sub(target).mul(2.0).mul(s.mul(s.rsub(1.0)));
        SDVariable cols = sd.cnn().im2Col(dy, Conv2DConfig.builder().kH(4).kW(4).sH(2).sW(2).pH(1).pW(1).paddingMode(PaddingMode.VALID)
                .dataFormat("NCHW").build());
        SDVariable g = sd.identity("g", cols.permute(1, 2, 3, 0, 4, 5).reshape(32, 18).mmul(x.permute(1, 0, 2, 3).reshape(3, 18).permute(1, 0)));
        SDVariable ref = sd.constant("ref", Nd4j.randn(DataType.DOUBLE, 32, 3));
        sd.identity("c", g.mul(ref).sum().div(g.norm2().mul(ref.norm2())).neg());
        INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 3, 3, 3);

        SameDiff plain = sd.dup();
        plain.setLossVariables(plain.math().square(plain.getVariable("s").sub(plain.getVariable("t"))).sum().name());
        INDArray dw = QuietStdout.run(() -> plain.calculateGradients(Map.of("x", in), "w")).get("w");
        INDArray formed = sd.output(Map.of("x", in), "g").get("g");
        assertTrue(formed.equalsWithEps(dw.permute(2, 0, 1, 3).reshape(32, 3), 1e-12), "the forward-op gradient is SameDiff's");

        sd.setLossVariables("c");
        INDArray second = QuietStdout.run(() -> sd.calculateGradients(Map.of("x", in), "w")).get("w").reshape(-1);
        INDArray flat = w.getArr().reshape(-1);
        double h = 1e-6;
        for (int i = 0; i < flat.length(); i += 7) {
            double original = flat.getDouble(i);
            flat.putScalar(i, original + h);
            double plus = sd.output(Map.of("x", in), "c").get("c").getDouble(0);
            flat.putScalar(i, original - h);
            double minus = sd.output(Map.of("x", in), "c").get("c").getDouble(0);
            flat.putScalar(i, original);
            assertEquals((plus - minus) / (2 * h), second.getDouble(i), 1e-8, "d(-cos)/dw[" + i + "]");
        }
    }
}
