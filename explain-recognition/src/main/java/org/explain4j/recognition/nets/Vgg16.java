package org.explain4j.recognition.nets;

import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.Layers;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.model.Preprocessing;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * VGG16 (configuration D) at 224x224 in SameDiff with seeded random weights, layers named as in the
 * papers (conv1_1 ... conv5_3, relu5_3, pool5, fc6, fc7, fc8). The paper explains relu5_3
 * (512x14x14), the default layer. Dropout is left out: explanations run the network in inference mode.
 */
public final class Vgg16 {

    public static final String INPUT = "input";
    public static final String OUTPUT = "fc8";
    public static final String LAYER = "relu5_3";
    private static final int[][] BLOCKS = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};

    private Vgg16() {
    }

    public static ExplainableModel build(int classes, long seed) {
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.FLOAT, seed);
        Layers.T x = l.input(INPUT, 3, 224, 224);
        for (int b = 0; b < BLOCKS.length; b++) {
            for (int i = 0; i < BLOCKS[b].length; i++) {
                String id = (b + 1) + "_" + (i + 1);
                x = l.relu("relu" + id, l.conv("conv" + id, x, BLOCKS[b][i], 3, 1, 1));
            }
            x = l.maxPool("pool" + (b + 1), x, 2, 2);
        }
        x = l.flatten("flatten", x);
        x = l.relu("relu6", l.dense("fc6", x, 4096));
        x = l.relu("relu7", l.dense("fc7", x, 4096));
        l.dense(OUTPUT, x, classes);
        return ExplainableModel.of(sd, new ModelCard("vgg16", INPUT, OUTPUT, OutputKind.LOGITS, null,
                new long[] {3, 224, 224}, Preprocessing.imagenet(), LAYER));
    }
}
