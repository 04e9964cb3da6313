package org.explain4j.recognition.nets;

import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.Layers;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.model.Preprocessing;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * ResNet-50 at 224x224 in SameDiff with seeded random weights, torchvision's layout (bottleneck blocks
 * 3, 4, 6, 3; stride on the 3x3 convolution, as torchvision's v1.5) and module names; {@code layer4}
 * (2048x7x7) is the default layer. Used to measure speed on the ResNet-50 shape.
 */
public final class ResNet50 {

    public static final String INPUT = "input";
    public static final String OUTPUT = "fc";
    public static final String LAYER = "layer4";

    private ResNet50() {
    }

    public static ExplainableModel build(int classes, long seed) {
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.FLOAT, seed);
        Layers.T x = l.input(INPUT, 3, 224, 224);
        x = l.relu("relu", l.batchNorm("bn1", l.conv("conv1", x, 64, 7, 2, 3)));
        x = l.maxPool("maxpool", x, 3, 2, 1);
        int[] widths = {64, 128, 256, 512};
        int[] blocks = {3, 4, 6, 3};
        for (int s = 0; s < widths.length; s++) {
            String stage = "layer" + (s + 1);
            for (int b = 0; b < blocks[s]; b++) {
                x = bottleneck(l, stage + "." + b, x, widths[s], s > 0 && b == 0 ? 2 : 1, b == blocks[s] - 1 ? stage : null);
            }
        }
        x = l.globalAvgPool("avgpool", x);
        l.dense(OUTPUT, x, classes);
        return ExplainableModel.of(sd, new ModelCard("resnet50", INPUT, OUTPUT, OutputKind.LOGITS, null,
                new long[] {3, 224, 224}, Preprocessing.imagenet(), LAYER));
    }

    /** torchvision's Bottleneck (expansion 4); {@code outName} names its output (the stage name for a stage's last block). */
    private static Layers.T bottleneck(Layers l, String name, Layers.T x, int width, int stride, String outName) {
        Layers.T y = l.relu(name + ".relu1", l.batchNorm(name + ".bn1", l.conv(name + ".conv1", x, width, 1, 1, 0)));
        y = l.relu(name + ".relu2", l.batchNorm(name + ".bn2", l.conv(name + ".conv2", y, width, 3, stride, 1)));
        y = l.batchNorm(name + ".bn3", l.conv(name + ".conv3", y, 4 * width, 1, 1, 0));
        Layers.T shortcut = x;
        if (stride != 1 || x.channels() != 4 * width) {
            shortcut = l.batchNorm(name + ".downsample.1", l.conv(name + ".downsample.0", x, 4 * width, 1, stride, 0));
        }
        return l.relu(outName != null ? outName : name + ".out", l.add(name + ".add", y, shortcut));
    }
}
