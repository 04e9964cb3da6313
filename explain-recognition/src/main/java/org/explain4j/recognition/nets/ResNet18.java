package org.explain4j.recognition.nets;

import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.Layers;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.model.Preprocessing;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * ResNet-18 at 224x224 in SameDiff with seeded random weights, named after torchvision's modules:
 * conv1, bn1, relu, maxpool, layer1..layer4 (the output of each stage's last block), avgpool (global
 * average), fc. The papers explain {@code layer4} (512x7x7), the default layer.
 */
public final class ResNet18 {

    public static final String INPUT = "input";
    public static final String OUTPUT = "fc";
    public static final String LAYER = "layer4";

    private ResNet18() {
    }

    public static ExplainableModel build(int classes, long seed) {
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.FLOAT, seed);
        Layers.T x = l.input(INPUT, 3, 224, 224);
        x = l.relu("relu", l.batchNorm("bn1", l.conv("conv1", x, 64, 7, 2, 3)));
        x = l.maxPool("maxpool", x, 3, 2, 1);
        int[] widths = {64, 128, 256, 512};
        for (int s = 0; s < widths.length; s++) {
            String stage = "layer" + (s + 1);
            x = block(l, stage + ".0", x, widths[s], s == 0 ? 1 : 2, null);
            x = block(l, stage + ".1", x, widths[s], 1, stage);
        }
        x = l.globalAvgPool("avgpool", x);
        l.dense(OUTPUT, x, classes);
        return ExplainableModel.of(sd, new ModelCard("resnet18", INPUT, OUTPUT, OutputKind.LOGITS, null,
                new long[] {3, 224, 224}, Preprocessing.imagenet(), LAYER));
    }

    /** torchvision's BasicBlock; {@code outName} names its output (the stage name for a stage's last block). */
    private static Layers.T block(Layers l, String name, Layers.T x, int width, int stride, String outName) {
        Layers.T y = l.relu(name + ".relu1", l.batchNorm(name + ".bn1", l.conv(name + ".conv1", x, width, 3, stride, 1)));
        y = l.batchNorm(name + ".bn2", l.conv(name + ".conv2", y, width, 3, 1, 1));
        Layers.T shortcut = x;
        if (stride != 1 || x.channels() != width) {
            shortcut = l.batchNorm(name + ".downsample.1", l.conv(name + ".downsample.0", x, width, 1, stride, 0));
        }
        return l.relu(outName != null ? outName : name + ".out", l.add(name + ".add", y, shortcut));
    }
}
