package org.explain4j.core.novelty.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Per-sample weight gradients against three independent references, in double precision: SameDiff's own weight
 * gradient of each sample alone (batch replication: one backward per sample), SameDiff's batch gradient (the sum
 * of the rows), and central finite differences of the loss recomputed by a forward pass.
 */
class GradientFeaturesTest {

    private static final List<String> SITES = List.of("enc_W", "dec_W", "fc_W", "enc");

    /** conv (k3, s2, p1) + ReLU -> deconv (k4, s2, p1) + sigmoid, plus a dense side branch added to the output. */
    static SameDiff tinyAutoencoder(long seed) {
        SameDiff sd = SameDiff.create();
        Nd4j.getRandom().setSeed(seed);
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 2, 6, 6);
        SDVariable we = sd.var("enc_W", Nd4j.randn(DataType.DOUBLE, 3, 3, 2, 3).muli(0.4));
        SDVariable be = sd.var("enc_b", Nd4j.randn(DataType.DOUBLE, 3).muli(0.1));
        SDVariable enc = sd.nn().relu("enc", sd.cnn().conv2d("enc_conv", x, we, be, Conv2DConfig.builder().kH(3).kW(3).sH(2).sW(2)
                .pH(1).pW(1).paddingMode(PaddingMode.VALID).dataFormat("NCHW").build()), 0);
        SDVariable wd = sd.var("dec_W", Nd4j.randn(DataType.DOUBLE, 4, 4, 2, 3).muli(0.4));
        SDVariable bd = sd.var("dec_b", Nd4j.randn(DataType.DOUBLE, 2).muli(0.1));
        SDVariable dec = sd.cnn().deconv2d("dec", enc, wd, bd, DeConv2DConfig.builder().kH(4).kW(4).sH(2).sW(2).pH(1).pW(1)
                .isSameMode(false).dataFormat("NCHW").build());
        SDVariable flat = enc.reshape(-1, 27);
        SDVariable wf = sd.var("fc_W", Nd4j.randn(DataType.DOUBLE, 27, 72).muli(0.1));
        SDVariable side = flat.mmul(wf).reshape(-1, 2, 6, 6);
        sd.nn().sigmoid("out", dec.add(side));
        return sd;
    }

    private static INDArray inputs(int n) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(7), n, 2, 6, 6).castTo(DataType.DOUBLE);
    }

    private static GradientFeatures features(SameDiff sd) {
        return new GradientFeatures(sd, "x", "out", SampleLoss.reconstruction(), 72, SITES);
    }

    @Test
    void sitesAreResolvedFromTheGraph() {
        List<GradientSite> s = features(tinyAutoencoder(1)).sites();
        assertInstanceOf(GradientSite.ConvWeight.class, s.get(0));
        assertInstanceOf(GradientSite.DeconvWeight.class, s.get(1));
        assertInstanceOf(GradientSite.DenseWeight.class, s.get(2));
        assertInstanceOf(GradientSite.Activation.class, s.get(3));
    }

    @Test
    void eachRowIsTheGradientOfThatSampleAlone() {
        SameDiff sd = tinyAutoencoder(2);
        INDArray x = inputs(4);
        GradientFeatures.Batch batch = features(sd).compute(x);
        for (int n = 0; n < 4; n++) {
            INDArray one = x.get(NDArrayIndex.interval(n, n + 1)).dup();
            GradientFeatures.Batch alone = features(sd).compute(one);
            for (String s : SITES) {
                INDArray row = batch.site(s).getRow(n);
                assertTrue(row.equalsWithEps(alone.site(s).getRow(0), 1e-10), s + " row " + n);
                assertTrue(row.norm2Number().doubleValue() > 0, s + " row " + n + " is zero");
            }
        }
        // and the weight rows agree with SameDiff's own gradient of the weight, one sample at a time
        SameDiff withLoss = sd.dup();
        withLoss.setLossVariables(ReconstructionError.graph(withLoss, withLoss.getVariable("out"), withLoss.getVariable("x"), 72)
                .sum().name());
        for (int n = 0; n < 4; n++) {
            INDArray one = x.get(NDArrayIndex.interval(n, n + 1)).dup();
            Map<String, INDArray> g = quiet(() -> withLoss.calculateGradients(Map.of("x", one), "enc_W", "dec_W", "fc_W"));
            for (String w : List.of("enc_W", "dec_W", "fc_W")) {
                assertTrue(batch.site(w).getRow(n).equalsWithEps(g.get(w).reshape(-1), 1e-10), w + " sample " + n);
            }
        }
    }

    @Test
    void summariesAreTheNormsAndDotsOfTheRows() {
        SameDiff sd = tinyAutoencoder(8);
        INDArray x = inputs(4);
        GradientFeatures f = features(sd);
        GradientFeatures.Batch rows = f.compute(x);
        Map<String, List<INDArray>> refs = new java.util.HashMap<>();
        for (String s : SITES) {
            long d = rows.site(s).size(1);
            refs.put(s, List.of(Nd4j.randn(DataType.DOUBLE, d), Nd4j.randn(DataType.DOUBLE, d).muli(3)));
        }
        GradientFeatures.Summaries summaries = f.summarise(x, refs);
        assertTrue(summaries.loss().equalsWithEps(rows.loss(), 1e-12));
        for (String s : SITES) {
            assertSummarises(summaries.site(s), rows.site(s), refs.get(s), s);
        }
    }

    /** {@code m} holds the norms of {@code rows} [N, d] and their dots with each reference. */
    private static void assertSummarises(GradientSummary m, INDArray rows, List<INDArray> refs, String what) {
        assertTrue(m.norms().equalsWithEps(rows.norm2(1), 1e-10), what + " norms");
        for (int k = 0; k < refs.size(); k++) {
            assertTrue(m.dots().getColumn(k).equalsWithEps(rows.mmul(refs.get(k).reshape(-1, 1)).reshape(-1), 1e-10),
                    what + " dots with reference " + k);
        }
    }

    @Test
    void summariesWithoutReferencesHaveNormsAndNoDots() {
        SameDiff sd = tinyAutoencoder(9);
        INDArray x = inputs(3);
        GradientFeatures f = features(sd);
        GradientFeatures.Batch rows = f.compute(x);
        GradientFeatures.Summaries summaries = f.summarise(x, Map.of());
        for (String s : SITES) {
            assertTrue(summaries.site(s).norms().equalsWithEps(rows.site(s).norm2(1), 1e-10), s);
            assertEquals(0, summaries.site(s).dots().size(1), s);
        }
        INDArray windowed = Nd4j.randn(DataType.DOUBLE, 2, 5, 8, 8);
        INDArray other = Nd4j.randn(DataType.DOUBLE, 2, 3, 4, 4);
        GradientSite.Window w = new GradientSite.Window(4, 4, 2, 2, 1, 1);
        assertTrue(w.summary(windowed, other, w.prepare(List.of(), 5, 3, DataType.DOUBLE), true, TransposedProduct.ND4J).norms()
                .equalsWithEps(w.product(windowed, other).norm2(1), 1e-10));
    }

    @Test
    void referencesThatFitNoSiteAreRefused() {
        GradientFeatures f = features(tinyAutoencoder(10));
        assertThrows(IllegalArgumentException.class, () -> f.prepare(Map.of("enc_b", List.of(Nd4j.zeros(DataType.DOUBLE, 3)))),
                "references for a name that is not a site");
        for (String s : List.of("enc_W", "dec_W", "fc_W")) {
            assertThrows(IllegalArgumentException.class, () -> f.prepare(Map.of(s, List.of(Nd4j.zeros(DataType.DOUBLE, 7)))),
                    s + ": a reference of the wrong length");
        }
        GradientFeatures.Prepared act = f.prepare(Map.of("enc", List.of(Nd4j.zeros(DataType.DOUBLE, 7))));
        assertThrows(IllegalArgumentException.class, () -> f.summarise(inputs(2), act), "an activation's reference of the wrong length");
    }

    @Test
    void bothWaysOfSummarisingAWindowedProductAgree() {
        // deconv-like (stride 2, padding 1) and conv-like (stride 1, padding 0) windows, odd sizes
        for (GradientSite.Window w : List.of(new GradientSite.Window(4, 4, 2, 2, 1, 1), new GradientSite.Window(3, 2, 1, 1, 0, 0))) {
            INDArray windowed = Nd4j.randn(DataType.DOUBLE, 3, 5, 7, 6);
            INDArray cols = w.columns(windowed);
            INDArray other = Nd4j.randn(DataType.DOUBLE, 3, 4, cols.size(4), cols.size(5));
            INDArray rows = w.product(windowed, other);
            List<INDArray> refs = List.of(Nd4j.randn(DataType.DOUBLE, rows.size(1)), Nd4j.randn(DataType.DOUBLE, rows.size(1)));
            for (boolean gram : new boolean[] {false, true}) {
                assertSummarises(w.summary(windowed, other, w.prepare(refs, 5, 4, DataType.DOUBLE), gram, TransposedProduct.ND4J), rows, refs,
                        w + (gram ? " by Gram" : " formed"));
            }
        }
    }

    @Test
    void rowsSumToTheBatchGradient() {
        SameDiff sd = tinyAutoencoder(3);
        INDArray x = inputs(5);
        GradientFeatures.Batch batch = features(sd).compute(x);
        SameDiff withLoss = sd.dup();
        withLoss.setLossVariables(ReconstructionError.graph(withLoss, withLoss.getVariable("out"), withLoss.getVariable("x"), 72)
                .sum().name());
        Map<String, INDArray> g = quiet(() -> withLoss.calculateGradients(Map.of("x", x), "enc_W", "dec_W", "fc_W"));
        for (String w : List.of("enc_W", "dec_W", "fc_W")) {
            assertTrue(batch.site(w).sum(0).equalsWithEps(g.get(w).reshape(-1), 1e-10), w);
        }
    }

    @Test
    void weightRowsMatchCentralFiniteDifferences() {
        SameDiff sd = tinyAutoencoder(4);
        INDArray x = inputs(3);
        assertRowsMatchCentralDifferences(sd, x, features(sd).compute(x), 1, List.of("enc_W", "dec_W", "fc_W"), 1e-7, 1e-5);
    }

    /**
     * Sample {@code sample}'s rows at weights of a graph with input "x" and output "out" against central differences
     * (step 1e-6, double) of its reconstruction error, at the first, a middle and the last value of each weight.
     */
    static void assertRowsMatchCentralDifferences(SameDiff sd, INDArray x, GradientFeatures.Batch batch, int sample, List<String> weights,
                                                  double absolute, double relative) {
        INDArray one = x.get(NDArrayIndex.interval(sample, sample + 1)).dup();
        double h = 1e-6;
        for (String w : weights) {
            INDArray flat = sd.getVariable(w).getArr().reshape(-1);
            for (long i : new long[] {0, flat.length() / 3, flat.length() - 1}) {
                double original = flat.getDouble(i);
                flat.putScalar(i, original + h);
                double plus = loss(sd, one);
                flat.putScalar(i, original - h);
                double minus = loss(sd, one);
                flat.putScalar(i, original);
                double fd = (plus - minus) / (2 * h);
                assertEquals(fd, batch.site(w).getDouble(sample, i), absolute + relative * Math.abs(fd), w + "[" + i + "]");
            }
        }
    }

    @Test
    void lossIsThePerSampleReconstructionError() {
        SameDiff sd = tinyAutoencoder(5);
        INDArray x = inputs(3);
        GradientFeatures.Batch b = features(sd).compute(x);
        INDArray out = sd.output(Map.of("x", x), "out").get("out");
        assertTrue(b.loss().equalsWithEps(ReconstructionError.of(out, x), 1e-12));
        assertEquals(loss(sd, x.get(NDArrayIndex.interval(2, 3)).dup()), b.loss().getDouble(2), 1e-12);
    }

    @Test
    void refreshWeightsFollowsTheSourceGraph() {
        SameDiff sd = tinyAutoencoder(6);
        INDArray x = inputs(2);
        GradientFeatures f = features(sd);
        INDArray before = f.compute(x).site("dec_W").dup();
        sd.getVariable("dec_W").getArr().muli(1.5);
        assertTrue(f.compute(x).site("dec_W").equalsWithEps(before, 1e-12), "the copy is private until refreshed");
        f.refreshWeights();
        assertTrue(!f.compute(x).site("dec_W").equalsWithEps(before, 1e-6));
        assertTrue(f.compute(x).site("dec_W").equalsWithEps(features(sd).compute(x).site("dec_W"), 1e-12));
    }

    @Test
    void namesThatAreNotSitesAreRefused() {
        SameDiff sd = tinyAutoencoder(7);
        assertThrows(IllegalArgumentException.class, () -> new GradientFeatures(sd, "x", "out", SampleLoss.reconstruction(), 72,
                List.of("nope")));
        assertThrows(IllegalArgumentException.class, () -> new GradientFeatures(sd, "x", "out", SampleLoss.reconstruction(), 72,
                List.of("enc_b")));
        assertThrows(IllegalArgumentException.class, () -> new GradientFeatures(sd, "x", "out", SampleLoss.reconstruction(), 72,
                List.of()));
    }

    private static <T> T quiet(java.util.function.Supplier<T> c) {
        return org.explain4j.core.gradient.QuietStdout.run(c);
    }

    private static double loss(SameDiff sd, INDArray one) {
        INDArray out = sd.output(Map.of("x", one), "out").get("out");
        return ReconstructionError.of(out, one).getDouble(0);
    }
}
