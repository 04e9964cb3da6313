package org.explain4j.recognition.nets;

import java.util.List;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.Layers;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.model.Preprocessing;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The contrastive-explanations paper's CURE-TSR network (docs/METHODS.md §1): 28x28 RGB; conv 3->6 5x5,
 * max pool 2, conv 6->16 5x5 ({@code conv2}, 16x8x8 after ReLU {@code relu2}: the explained layer),
 * max pool 2, dense 256->120->84->14. The reference preprocessing (per-image L2 normalisation, then
 * per-channel standardisation) is part of the graph, so the model takes pixels in [0,1] and its card
 * needs no statistics; {@code channelMean}/{@code channelStd} are those of the L2-normalised training set.
 */
public final class CureTsrNet {

    public static final String INPUT = "input";
    public static final String OUTPUT = "logits";
    public static final String LAYER = "relu2";

    private CureTsrNet() {
    }

    public static ExplainableModel build(List<String> labels, double[] channelMean, double[] channelStd, long seed) {
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.FLOAT, seed);
        Layers.T in = l.input(INPUT, 3, 28, 28);
        SDVariable norm = in.v().norm2(true, 1, 2, 3).add(1e-8);
        SDVariable mean = sd.constant("channel_mean", Nd4j.createFromArray(channelMean).castTo(DataType.FLOAT).reshape(1, 3, 1, 1));
        SDVariable std = sd.constant("channel_std", Nd4j.createFromArray(channelStd).castTo(DataType.FLOAT).reshape(1, 3, 1, 1));
        Layers.T x = new Layers.T(in.v().div(norm).sub(mean).div("standardised", std), in.shape());
        x = l.maxPool("pool1", l.relu("relu1", l.conv("conv1", x, 6, 5, 1, 0)), 2, 2);
        x = l.relu(LAYER, l.conv("conv2", x, 16, 5, 1, 0));
        x = l.maxPool("pool2", x, 2, 2);
        x = l.relu("relu3", l.dense("fc3", l.flatten("flatten", x), 120));
        x = l.relu("relu4", l.dense("fc4", x, 84));
        l.dense(OUTPUT, x, labels.size());
        return ExplainableModel.of(sd, new ModelCard("cure-tsr-net", INPUT, OUTPUT, OutputKind.LOGITS, labels,
                new long[] {3, 28, 28}, Preprocessing.unitRange(), LAYER));
    }

    /** Per-channel mean and std of the L2-normalised images [N,3,H,W]. */
    public static double[][] statistics(org.nd4j.linalg.api.ndarray.INDArray images) {
        org.nd4j.linalg.api.ndarray.INDArray norms = images.norm2(1, 2, 3).addi(1e-8).reshape(images.size(0), 1, 1, 1);
        org.nd4j.linalg.api.ndarray.INDArray x = images.div(norms.broadcast(images.shape()));
        double[] mean = x.mean(0, 2, 3).toDoubleVector();
        double[] std = x.std(0, 2, 3).toDoubleVector();
        return new double[][] {mean, std};
    }
}
