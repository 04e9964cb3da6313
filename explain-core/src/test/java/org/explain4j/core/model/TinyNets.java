package org.explain4j.core.model;

import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/** Small random networks for tests: every layer kind the engine must differentiate through. */
public final class TinyNets {

    public static final String INPUT = "input";
    public static final String OUTPUT = "out";

    private TinyNets() {
    }

    /**
     * input [3,8,8] -> conv1 3x3 -> bn1 -> relu1 -> maxpool 2 -> conv2 3x3 -> relu2 -> avgpool 2
     * -> flatten -> dense 10 -> relu -> dense {@code outputs} ("out"). One output makes a regressor.
     */
    public static ExplainableModel cnn(DataType type, long seed, int outputs) {
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, type, seed);
        Layers.T x = l.input(INPUT, 3, 8, 8);
        x = l.conv("conv1", x, 4, 3, 1, 1);
        x = l.batchNorm("bn1", x);
        x = l.relu("relu1", x);
        x = l.maxPool("pool1", x, 2, 2);
        x = l.conv("conv2", x, 6, 3, 1, 1);
        x = l.relu("relu2", x);
        x = l.avgPool("pool2", x, 2, 2);
        x = l.flatten("flat", x);
        x = l.dense("fc1", x, 10);
        x = l.relu("fc1_relu", x);
        x = l.dense(OUTPUT, x, outputs);
        List<String> labels = outputs == 1 ? null : java.util.stream.IntStream.range(0, outputs).mapToObj(i -> "class" + i).toList();
        return ExplainableModel.of(sd, new ModelCard("tiny", INPUT, OUTPUT, null, labels, null, null, "relu2"));
    }
}
