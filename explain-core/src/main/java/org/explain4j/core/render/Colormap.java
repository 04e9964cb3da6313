package org.explain4j.core.render;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Colormaps from a [H,W] map in [0,1] to a [3,H,W] RGB array in [0,1], computed with array ops. */
public enum Colormap {
    /** MATLAB's jet, as the Grad-CAM papers draw it (OpenCV's COLORMAP_JET up to rounding). */
    JET {
        @Override
        public INDArray apply(INDArray map) {
            INDArray m = clip01(map);
            INDArray out = Nd4j.create(DataType.FLOAT, 3, m.size(0), m.size(1));
            double[] centres = {3, 2, 1};
            for (int c = 0; c < 3; c++) {
                INDArray v = Transforms.abs(m.mul(4.0).subi(centres[c])).rsubi(1.5);
                out.putSlice(c, clip01(v));
            }
            return out;
        }
    },
    /**
     * matplotlib's viridis, interpolated linearly between nine of its colours
     * (at 0, 1/8, ..., 1); the largest deviation from the 256-entry table is below 2/255.
     */
    VIRIDIS {
        private final float[][] anchors = {
            {0x44, 0x01, 0x54}, {0x48, 0x28, 0x78}, {0x3e, 0x49, 0x89}, {0x31, 0x68, 0x8e}, {0x26, 0x82, 0x8e},
            {0x1f, 0x9e, 0x89}, {0x35, 0xb7, 0x79}, {0x6e, 0xce, 0x58}, {0xfd, 0xe7, 0x25}};

        @Override
        public INDArray apply(INDArray map) {
            INDArray m = clip01(map);
            int segments = anchors.length - 1;
            INDArray out = Nd4j.create(DataType.FLOAT, 3, m.size(0), m.size(1));
            for (int c = 0; c < 3; c++) {
                INDArray v = Nd4j.zeros(DataType.FLOAT, m.shape()).addi(anchors[0][c] / 255f);
                for (int s = 0; s < segments; s++) {
                    INDArray t = clip01(m.mul(segments).subi(s));
                    v.addi(t.muli((anchors[s + 1][c] - anchors[s][c]) / 255f));
                }
                out.putSlice(c, v);
            }
            return out;
        }
    };

    /** [H,W] in [0,1] -> [3,H,W] in [0,1]. */
    public abstract INDArray apply(INDArray map);

    public static Colormap parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown colormap '" + name + "' (expected jet or viridis)");
        }
    }

    static INDArray clip01(INDArray x) {
        return Transforms.min(Transforms.max(x.castTo(DataType.FLOAT), 0.0, true), 1.0, false);
    }
}
