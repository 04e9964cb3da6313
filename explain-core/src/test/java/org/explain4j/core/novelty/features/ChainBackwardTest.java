package org.explain4j.core.novelty.features;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backward built as ordinary ops gives what SameDiff's backward gives, and is used only where it applies. The
 * reference is the same features computed through SameDiff's own differentiation (a loss that does not offer its
 * output gradient), itself checked against per-sample runs and finite differences in GradientFeaturesTest.
 */
class ChainBackwardTest {

    /**
     * Both transposed convolutions' weights, an activation between them, the encoder's output, and the encoder's
     * convolution weight (whose output gradient is reached through the encoder's ReLU).
     */
    private static final List<String> SITES = List.of("dec1_W", "dec2_W", "mid", "enc", "enc_W");

    /** conv (k3, s2, p1) + ReLU -> deconv (k4, s2, p1) + ReLU -> deconv (k3, s1, p1) + sigmoid, in double. */
    private static SameDiff chain(long seed, double reluCutoff, boolean dropout) {
        SameDiff sd = SameDiff.create();
        Nd4j.getRandom().setSeed(seed);
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 2, 6, 6);
        SDVariable enc = sd.nn().relu("enc", sd.cnn().conv2d("enc_conv", x, sd.var("enc_W", Nd4j.randn(DataType.DOUBLE, 3, 3, 2, 3).muli(0.5)),
                sd.var("enc_b", Nd4j.randn(DataType.DOUBLE, 3).muli(0.1)), Conv2DConfig.builder().kH(3).kW(3).sH(2).sW(2).pH(1).pW(1)
                        .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build()), 0);
        if (dropout) {
            enc = sd.nn().dropout(enc, 0.9);
        }
        SDVariable dec1 = sd.cnn().deconv2d("dec1", enc, sd.var("dec1_W", Nd4j.randn(DataType.DOUBLE, 4, 4, 4, 3).muli(0.4)),
                sd.var("dec1_b", Nd4j.randn(DataType.DOUBLE, 4).muli(0.1)), DeConv2DConfig.builder().kH(4).kW(4).sH(2).sW(2).pH(1).pW(1)
                        .isSameMode(false).dataFormat("NCHW").build());
        SDVariable mid = sd.nn().relu("mid", dec1, reluCutoff);
        SDVariable dec2 = sd.cnn().deconv2d("dec2", mid, sd.var("dec2_W", Nd4j.randn(DataType.DOUBLE, 3, 3, 2, 4).muli(0.4)),
                sd.var("dec2_b", Nd4j.randn(DataType.DOUBLE, 2).muli(0.1)), DeConv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1)
                        .isSameMode(false).dataFormat("NCHW").build());
        sd.nn().sigmoid("out", dec2);
        return sd;
    }

    private static INDArray inputs(int n) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(11), n, 2, 6, 6).castTo(DataType.DOUBLE);
    }

    private static GradientFeatures chainFeatures(SameDiff sd) {
        return new GradientFeatures(sd, "x", "out", SampleLoss.reconstruction(), 72, SITES);
    }

    /** The same loss without its closed-form output gradient: SameDiff differentiates. */
    private static GradientFeatures sameDiffFeatures(SameDiff sd) {
        SampleLoss differentiated = (g, in, out, size) -> ReconstructionError.graph(g, out, in, size);
        return new GradientFeatures(sd, "x", "out", differentiated, 72, SITES);
    }

    @Test
    void rowsAndSummariesMatchSameDiffsBackward() {
        SameDiff sd = chain(1, 0, false);
        INDArray x = inputs(5);
        GradientFeatures fast = chainFeatures(sd);
        GradientFeatures reference = sameDiffFeatures(sd);
        assertTrue(fast.backwardIsChain());
        assertFalse(reference.backwardIsChain());
        GradientFeatures.Batch a = fast.compute(x);
        GradientFeatures.Batch b = reference.compute(x);
        assertTrue(a.loss().equalsWithEps(b.loss(), 1e-14));
        for (String s : SITES) {
            assertTrue(a.site(s).norm2Number().doubleValue() > 0, s + " is zero");
            assertTrue(a.site(s).equalsWithEps(b.site(s), 1e-13), s);
        }
        Map<String, List<INDArray>> refs = new java.util.HashMap<>();
        for (String s : SITES) {
            refs.put(s, List.of(Nd4j.randn(DataType.DOUBLE, a.site(s).size(1))));
        }
        GradientFeatures.Summaries sa = fast.summarise(x, refs);
        GradientFeatures.Summaries sb = reference.summarise(x, refs);
        for (String s : SITES) {
            assertTrue(sa.site(s).norms().equalsWithEps(sb.site(s).norms(), 1e-12), s + " norms");
            assertTrue(sa.site(s).dots().equalsWithEps(sb.site(s).dots(), 1e-12), s + " dots");
        }
    }

    @Test
    void weightRowsMatchCentralFiniteDifferences() {
        SameDiff sd = chain(2, 0, false);
        INDArray x = inputs(3);
        GradientFeaturesTest.assertRowsMatchCentralDifferences(sd, x, chainFeatures(sd).compute(x), 2, List.of("dec1_W", "dec2_W", "enc_W"),
                1e-9, 1e-6);
    }

    @Test
    void graphsThatAreNotSuchAChainKeepSameDiffsBackward() {
        assertFalse(chainFeatures(chain(3, 0.5, false)).backwardIsChain(), "a ReLU with a non-zero cutoff");
        // dropout: a training-mode op (which SameDiff M2.1 cannot differentiate either, so no GradientFeatures here)
        SameDiff withDropout = chain(3, 0, true);
        assertTrue(ChainBackward.build(withDropout, SampleLoss.reconstruction(), "x", "out", 72, List.of("dec1")).isEmpty());
        assertTrue(ChainBackward.build(chain(3, 0, false), SampleLoss.reconstruction(), "x", "out", 72, List.of("dec1")).isPresent());
        assertFalse(new GradientFeatures(GradientFeaturesTest.tinyAutoencoder(3), "x", "out", SampleLoss.reconstruction(), 72,
                List.of("dec_W")).backwardIsChain(), "a side branch joins the output");
        assertTrue(new GradientFeatures(chain(3, 0, false), "x", "out", SampleLoss.reconstruction(), 72,
                List.of("dec2_W")).backwardIsChain());
    }
}
