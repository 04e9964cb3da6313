package org.explain4j.seismic.nets;

import java.util.List;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.Layers;
import org.explain4j.core.model.ModelCard;
import org.explain4j.core.model.OutputKind;
import org.explain4j.core.model.Preprocessing;
import org.explain4j.datasets.landmass.LandmassReader;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A CNN for 99x99 seismic patches (LANDMASS-1's size, amplitudes in [-1,1]) and the four classes horizon,
 * chaotic, fault, salt_dome: conv 5x5 (16) + ReLU, 2x2 max pool (49), conv 3x3 (32) + ReLU, 2x2 max pool (24),
 * conv 3x3 (32) + ReLU ({@code relu3}, 32x24x24, the explained layer), 2x2 max pool (12), dense 64 + ReLU,
 * dense to the logits.
 */
public final class SeismicNet {

    public static final String INPUT = "patch";
    public static final String OUTPUT = "logits";
    public static final String LAYER = "relu3";
    public static final int SIDE = 99;
    /**
     * The model of docs/RESULTS.md ("Seismic"), trained on 1000 generated patches per class (98.38 % on 800 held-out
     * patches), shipped as a resource with its card: the module's default.
     */
    public static final String SHIPPED_MODEL = "/org/explain4j/seismic/models/seismic.fb";

    private SeismicNet() {
    }

    public static ExplainableModel build(long seed) {
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.FLOAT, seed);
        Layers.T x = l.input(INPUT, 1, SIDE, SIDE);
        x = l.maxPool("pool1", l.relu("relu1", l.conv("conv1", x, 16, 5, 1, 2)), 2, 2);
        x = l.maxPool("pool2", l.relu("relu2", l.conv("conv2", x, 32, 3, 1, 1)), 2, 2);
        x = l.relu(LAYER, l.conv("conv3", x, 32, 3, 1, 1));
        x = l.maxPool("pool3", x, 2, 2);
        x = l.relu("relu4", l.dense("fc4", l.flatten("flatten", x), 64));
        l.dense(OUTPUT, x, LandmassReader.CLASSES.size());
        // Amplitudes are already in [-1,1]; an image's grey level g in [0,1] becomes (g - 0.5) / 0.5, as LandmassReader maps 0..255.
        return ExplainableModel.of(sd, new ModelCard("seismic-cnn", INPUT, OUTPUT, OutputKind.LOGITS, List.copyOf(LandmassReader.CLASSES),
                new long[] {1, SIDE, SIDE}, new Preprocessing(1 / 255.0, new double[] {0.5}, new double[] {0.5}, "GRAY"), LAYER));
    }
}
