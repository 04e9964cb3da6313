package org.explain4j.iqa.nets;

import org.explain4j.core.model.Layers;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * DIQaM / WaDIQaM (Bosse et al., TIP 2018; docs/METHODS.md §1) on 32x32 RGB patches: ten 3x3 convolutions
 * (pad 1) with 32, 32, 64, 64, 128, 128, 256, 256, 512, 512 channels times {@code width}, ReLU after
 * each, 2x2 max pooling after every second, giving a 512·width feature per patch. The explained
 * layer is {@value #LAYER} (the ReLU after conv10, 2x2 per patch). Heads:
 * <ul>
 * <li>NR: FC 512 -> 512 (ReLU; dropout is a training-time layer and left out here) -> 1, one score per patch
 *     ({@value #PATCH_SCORE});</li>
 * <li>weighted (Wa-): a parallel FC 512 -> 512 -> 1 branch, ReLU + 1e-6, the patch weight ({@value #PATCH_WEIGHT});
 *     the image score is sum(y a) / sum(a) over its patches;</li>
 * <li>FR: the features of the distorted patch f and of its reference f_ref, concatenated as
 *     (f - f_ref, f, f_ref) -> FC 1536 -> 512 -> 1.</li>
 * </ul>
 * Both FR branches share their weights (one feature extractor applied to both inputs).
 */
public final class Diqam {

    public static final String INPUT = "patches";
    public static final String REFERENCE = "reference_patches";
    public static final String LAYER = "relu10";
    /**
     * The layer of the per-window contrasts: conv10 before its ReLU. After the ReLU, activations are non-negative
     * and the shipped model's channel weights mostly positive, so a window's Grad-CAM map is non-negative and a
     * target above the window's score (a negative coefficient) leaves nothing after ReLU; before it, activations
     * carry a sign and both "merits more than t" and "prevents t" show (docs/RESULTS.md, "Two contrasts").
     */
    public static final String WINDOW_LAYER = "conv10";
    public static final String PATCH_SCORE = "patch_score";
    public static final String PATCH_WEIGHT = "patch_weight";
    public static final String IMAGE_SCORE = "image_score";
    /** The WaDIQaM-NR (width 0.25) of docs/RESULTS.md, shipped as a resource with its card. */
    public static final String SHIPPED_MODEL = "/org/explain4j/iqa/models/quality.fb";
    private static final int[] CHANNELS = {32, 32, 64, 64, 128, 128, 256, 256, 512, 512};

    /** Which of the four networks. */
    public enum Variant {
        NR(false, false), WA_NR(true, false), FR(false, true), WA_FR(true, true);

        final boolean weighted;
        final boolean fullReference;

        Variant(boolean weighted, boolean fullReference) {
            this.weighted = weighted;
            this.fullReference = fullReference;
        }

        public boolean weighted() {
            return weighted;
        }

        public boolean fullReference() {
            return fullReference;
        }
    }

    private Diqam() {
    }

    /** The graph with seeded weights; {@code width} scales every layer (1.0 is the published size). */
    public static SameDiff build(Variant v, double width, long seed) {
        if (!(width > 0) || width > 1) {
            throw new IllegalArgumentException("width must lie in (0, 1], got " + width);
        }
        SameDiff sd = SameDiff.create();
        Layers l = new Layers(sd, DataType.FLOAT, seed);
        Layers.T x = l.input(INPUT, 3, 32, 32);
        Layers.T f = features(l, x, width, "");
        int hidden = scaled(512, width);
        Layers.T head;
        if (v.fullReference) {
            Layers.T ref = l.input(REFERENCE, 3, 32, 32);
            Layers.T fr = sharedFeatures(sd, ref, width);
            SDVariable joined = sd.concat("fr_features", 1, f.v().sub(fr.v()), f.v(), fr.v());
            head = new Layers.T(joined, new long[] {3 * f.size()});
        } else {
            head = f;
        }
        l.dense(PATCH_SCORE, l.relu("fc1_relu", l.dense("fc1", head, hidden)), 1);
        if (v.weighted) {
            Layers.T a = l.dense("w2", l.relu("w1_relu", l.dense("w1", head, hidden)), 1);
            sd.nn().relu(a.v(), 0).add(PATCH_WEIGHT, 1e-6);
        }
        return sd;
    }

    /** Which variant {@code sd} is, read from the variables it has (a saved model carries no other tag). */
    public static Variant variantOf(SameDiff sd) {
        boolean weighted = sd.hasVariable(PATCH_WEIGHT);
        boolean fr = sd.hasVariable(REFERENCE);
        return weighted ? (fr ? Variant.WA_FR : Variant.WA_NR) : (fr ? Variant.FR : Variant.NR);
    }

    /**
     * Adds {@value #IMAGE_SCORE} [N,1]: the score of N images whose patches arrive as consecutive groups of
     * {@code patchesPerImage} rows — their mean, or for a weighted variant sum(y a) / sum(a).
     */
    public static SDVariable imageScore(SameDiff sd, int patchesPerImage) {
        SDVariable y = sd.reshape(sd.getVariable(PATCH_SCORE), -1, patchesPerImage);
        if (!sd.hasVariable(PATCH_WEIGHT)) {
            return y.mean(IMAGE_SCORE, true, 1);
        }
        SDVariable a = sd.reshape(sd.getVariable(PATCH_WEIGHT), -1, patchesPerImage);
        return y.mul(a).sum(true, 1).div(IMAGE_SCORE, a.sum(true, 1));
    }

    /** The ten-convolution feature extractor; {@code prefix} names a second copy's activations. */
    private static Layers.T features(Layers l, Layers.T x, double width, String prefix) {
        for (int i = 0; i < CHANNELS.length; i++) {
            String n = String.valueOf(i + 1);
            x = l.relu(prefix + "relu" + n, l.conv(prefix + "conv" + n, x, scaled(CHANNELS[i], width), 3, 1, 1));
            if (i % 2 == 1) {
                x = l.maxPool(prefix + "pool" + (i / 2 + 1), x, 2, 2);
            }
        }
        return l.flatten(prefix + "features", x);
    }

    /** The reference branch: the same convolutions, reusing the distorted branch's weights by name. */
    private static Layers.T sharedFeatures(SameDiff sd, Layers.T x, double width) {
        SDVariable v = x.v();
        long side = 32;
        long c = 3;
        for (int i = 0; i < CHANNELS.length; i++) {
            String n = String.valueOf(i + 1);
            org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig cfg =
                    org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1)
                            .paddingMode(org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode.VALID).dataFormat("NCHW").build();
            v = sd.nn().relu("ref_relu" + n, sd.cnn().conv2d("ref_conv" + n, v, sd.getVariable("conv" + n + "_W"),
                    sd.getVariable("conv" + n + "_b"), cfg), 0);
            c = scaled(CHANNELS[i], width);
            if (i % 2 == 1) {
                v = sd.cnn().maxPooling2d("ref_pool" + (i / 2 + 1), v,
                        org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).isNHWC(false).build());
                side /= 2;
            }
        }
        long size = c * side * side;
        return new Layers.T(sd.reshape("ref_features", v, sd.constant(org.nd4j.linalg.factory.Nd4j.createFromArray(-1L, size))),
                new long[] {size});
    }

    static int scaled(int channels, double width) {
        return Math.max(1, (int) Math.round(channels * width));
    }
}
