package org.explain4j.core.metrics;

import java.util.List;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ROAD (Rong et al., ICML 2022; docs/METHODS.md §4): at percentiles p = 10..90 the top (MoRF) or bottom (LeRF)
 * p% of the map's pixels are removed by noisy linear imputation — each removed pixel becomes the weighted
 * mean of its 8 neighbours (1/6 orthogonal, 1/12 diagonal, renormalised at the border), solved jointly for
 * all removed pixels, plus N(0, 0.01^2) noise — and the probability of P is followed. MoRF falling fast and
 * LeRF staying high is good: combined = (mean LeRF - mean MoRF) / 2.
 *
 * <p>The linear systems of all 18 removals of an image (and all channels) are solved together by conjugate
 * gradients (at most {@code maxIterations} steps, to a residual of 1e-6 of the start), each step one 3x3
 * convolution over all of them: no per-pixel Java loops.
 */
public final class Road {

    public static final double[] PERCENTILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    private static final double NOISE = 0.01;

    /** Mean probability of P per percentile for MoRF and LeRF, and the combined score. */
    public record Result(double[] morf, double[] lerf, double combined) {
    }

    private final ExplainableModel model;
    private final long seed;
    private final int maxIterations;

    public Road(ExplainableModel model, long seed, int maxIterations) {
        this.model = model;
        this.seed = seed;
        this.maxIterations = maxIterations;
    }

    /** {@code x} [C,H,W], {@code importance} [H,W]: the probability of P after each removal, MoRF then LeRF. */
    public Result of(INDArray x, INDArray importance, Question q) {
        int hw = (int) importance.length();
        int[] rank = MetricMaps.rankByDecreasing(importance);
        int n = PERCENTILES.length;
        double[] masks = new double[2 * n * hw];
        for (int k = 0; k < n; k++) {
            int removed = (int) Math.round(PERCENTILES[k] * hw);
            for (int i = 0; i < hw; i++) {
                masks[k * hw + i] = rank[i] < removed ? 1 : 0;
                masks[(n + k) * hw + i] = rank[i] >= hw - removed ? 1 : 0;
            }
        }
        INDArray batch = impute(x, Nd4j.createFromArray(masks).reshape(2L * n, x.size(1), x.size(2)),
                Nd4j.getRandomFactory().getNewRandomInstance(seed));
        INDArray z = model.forward(batch.castTo(model.dataType()), List.of(model.outputVariable())).get(model.outputVariable());
        double[] p = QuestionScore.probabilityOfP(z, model.outputKind(), q);
        double[] morf = java.util.Arrays.copyOfRange(p, 0, n);
        double[] lerf = java.util.Arrays.copyOfRange(p, n, 2 * n);
        double combined = (java.util.Arrays.stream(lerf).average().orElseThrow() - java.util.Arrays.stream(morf).average().orElseThrow()) / 2;
        return new Result(morf, lerf, combined);
    }

    /**
     * Noisy linear imputation of {@code x} [C,H,W] under each of M masks [M,H,W] (1 = removed): [M,C,H,W].
     * For removed pixel i with in-image neighbour weight W_i: W_i u_i - sum_{j removed} w_ij u_j =
     * sum_{j kept} w_ij x_j. The matrix is symmetric (w_ij = w_ji) and diagonally dominant, so conjugate
     * gradients solve it; the M x C systems run side by side, each step one 3x3 convolution over all of them.
     */
    INDArray impute(INDArray x, INDArray removed, org.nd4j.linalg.api.rng.Random rng) {
        long c = x.size(0);
        long h = x.size(1);
        long w = x.size(2);
        long m = removed.size(0);
        long systems = m * c;
        INDArray mask = removed.castTo(DataType.DOUBLE).reshape(m, 1, 1, h, w).broadcast(m, c, 1, h, w).dup().reshape(systems, 1, h, w);
        INDArray keep = mask.rsub(1);
        INDArray img = x.castTo(DataType.DOUBLE).reshape(1, c, 1, h, w).broadcast(m, c, 1, h, w).dup().reshape(systems, 1, h, w);
        INDArray weight = neighbours(Nd4j.ones(DataType.DOUBLE, systems, 1, h, w));
        INDArray b = neighbours(img.mul(keep)).muli(mask);
        INDArray u = Nd4j.zeros(DataType.DOUBLE, systems, 1, h, w);
        INDArray r = b.dup();
        INDArray p = r.dup();
        INDArray rr = perSystem(r.mul(r));
        INDArray stop = rr.mul(1e-12).addi(1e-30);
        for (int it = 0; it < maxIterations && rr.gt(stop).any(); it++) {
            INDArray ap = weight.mul(p).subi(neighbours(p)).muli(mask);
            INDArray alpha = rr.div(Transforms.max(perSystem(p.mul(ap)), 1e-300, false));
            u.addi(p.mul(alpha.broadcast(p.shape())));
            r.subi(ap.muli(alpha.broadcast(p.shape())));
            INDArray next = perSystem(r.mul(r));
            INDArray beta = next.div(Transforms.max(rr, 1e-300, false));
            p = r.add(p.muli(beta.broadcast(p.shape())));
            rr = next;
        }
        INDArray noise = Nd4j.randn(rng, new long[] {systems, 1, h, w}).castTo(DataType.DOUBLE).muli(NOISE).muli(mask);
        return img.mul(keep).addi(u.muli(mask)).addi(noise).reshape(m, c, h, w).castTo(x.dataType());
    }

    /** sum_j w_ij v_j over the 8 neighbours (zero outside the image), every channel of [C,1,H,W]. */
    private static INDArray neighbours(INDArray v) {
        INDArray kernel = Nd4j.createFromArray(new double[] {1.0 / 12, 1.0 / 6, 1.0 / 12, 1.0 / 6, 0, 1.0 / 6, 1.0 / 12, 1.0 / 6, 1.0 / 12})
                .reshape(3, 3, 1, 1);
        Conv2DConfig cfg = Conv2DConfig.builder().kH(3).kW(3).pH(1).pW(1).sH(1).sW(1).dataFormat("NCHW").build();
        return Nd4j.cnn().conv2d(v, kernel, cfg);
    }

    /** Per-system sums of [S,1,H,W], as [S,1,1,1]. */
    private static INDArray perSystem(INDArray v) {
        return v.sum(1, 2, 3).reshape(v.size(0), 1, 1, 1);
    }
}
