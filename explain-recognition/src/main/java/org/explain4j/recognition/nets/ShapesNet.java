package org.explain4j.recognition.nets;

import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.Layers;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.model.Preprocessing;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The demo's small CNN for 32x32 RGB inputs in [0,1]: three 3x3 conv + ReLU stages (16, 32, 32
 * channels, max-pooled after the first two), a 64-unit dense layer and the logits. Explained at
 * {@code relu3} (32x8x8).
 */
public final class ShapesNet {

    public static final String INPUT = "input";
    public static final String OUTPUT = "logits";
    public static final String LAYER = "relu3";

    private ShapesNet() {
    }

    /** The graph with seeded random weights, and the card naming its parts. */
    public static ExplainableModel build(java.util.List<String> labels, int size, long seed) {
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.FLOAT, seed);
        Layers.T x = l.input(INPUT, 3, size, size);
        x = l.maxPool("pool1", l.relu("relu1", l.conv("conv1", x, 16, 3, 1, 1)), 2, 2);
        x = l.maxPool("pool2", l.relu("relu2", l.conv("conv2", x, 32, 3, 1, 1)), 2, 2);
        x = l.relu(LAYER, l.conv("conv3", x, 32, 3, 1, 1));
        x = l.relu("relu4", l.dense("fc4", l.flatten("flatten", x), 64));
        l.dense(OUTPUT, x, labels.size());
        return ExplainableModel.of(sd, new ModelCard("shapes-cnn", INPUT, OUTPUT, OutputKind.LOGITS, labels,
                new long[] {3, size, size}, Preprocessing.unitRange(), LAYER));
    }
}
