package org.explain4j.recognition.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.explain4j.core.model.ExplainableModel;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ResNet50Test {

    @Test
    void hasTorchvisionsArchitecture() {
        ExplainableModel net = ResNet50.build(1000, 7);
        long convs = net.graph().getOps().values().stream().filter(o -> o.getOp().opName().equals("conv2d")).count();
        assertEquals(53, convs, "torchvision's resnet50 has 53 Conv2d modules");
        // torchvision's resnet50 has 25,557,032 parameters (convolutions without bias, batch-norm affine, fc);
        // our convolutions carry a zero bias and the batch norms their statistics as variables, so those are left out.
        long parameters = net.graph().variables().stream()
                .filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .filter(v -> v.name().endsWith("_W") || v.name().endsWith("_gamma") || v.name().endsWith("_beta")
                        || v.name().equals("fc_b"))
                .mapToLong(v -> v.getArr().length()).sum();
        assertEquals(25_557_032L, parameters);
    }

    @Test
    void explainsLayer4At2048By7By7() {
        ExplainableModel net = ResNet50.build(1000, 7);
        INDArray x = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(1), 1, 3, 224, 224).castTo(DataType.FLOAT);
        Map<String, INDArray> out = net.forward(x, List.of(ResNet50.LAYER, net.outputVariable()));
        assertArrayEquals(new long[] {1, 2048, 7, 7}, out.get(ResNet50.LAYER).shape());
        assertArrayEquals(new long[] {1, 1000}, out.get(net.outputVariable()).shape());
        assertEquals(ResNet50.LAYER, net.defaultLayer());
    }
}
