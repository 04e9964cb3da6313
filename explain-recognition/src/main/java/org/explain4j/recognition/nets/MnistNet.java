package org.explain4j.recognition.nets;

import java.util.List;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.Layers;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.model.Preprocessing;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A CNN for 28x28 grey digits and clothes: conv 3x3 (32) + ReLU, 2x2 max pool, conv 3x3 (64) + ReLU
 * ({@code relu2}, 64x14x14, the explained layer), 2x2 max pool, dense 128 + ReLU, dense to the logits.
 */
public final class MnistNet {

    public static final String INPUT = "input";
    public static final String OUTPUT = "logits";
    public static final String LAYER = "relu2";

    private MnistNet() {
    }

    public static ExplainableModel build(String name, List<String> labels, long seed) {
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.FLOAT, seed);
        Layers.T x = l.input(INPUT, 1, 28, 28);
        x = l.maxPool("pool1", l.relu("relu1", l.conv("conv1", x, 32, 3, 1, 1)), 2, 2);
        x = l.relu(LAYER, l.conv("conv2", x, 64, 3, 1, 1));
        x = l.maxPool("pool2", x, 2, 2);
        x = l.relu("relu3", l.dense("fc3", l.flatten("flatten", x), 128));
        l.dense(OUTPUT, x, labels.size());
        return ExplainableModel.of(sd, new ModelCard(name, INPUT, OUTPUT, OutputKind.LOGITS, labels, new long[] {1, 28, 28},
                new Preprocessing(1.0 / 255.0, null, null, "GRAY"), LAYER));
    }
}
