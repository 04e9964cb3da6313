package org.explain4j.recognition.novelty.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.explain4j.core.gradient.QuietStdout;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Why {@link GradConTraining} takes a Hessian-vector product: the smallest graph with GradCON's second-order term
 * (a loss on the gradient of a transposed convolution's weight) cannot be differentiated by SameDiff M2.1. When this
 * test starts failing, SameDiff has learnt double backward and the finite-difference product can go.
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
}
