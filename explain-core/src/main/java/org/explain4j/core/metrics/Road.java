package org.explain4j.core.metrics;

import java.util.List;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * ROAD (Rong et al., ICML 2022; REFERENCE.md §4): at percentiles p = 10..90 the top (MoRF) or bottom (LeRF)
 * p% of the map's pixels are removed by noisy linear imputation — each removed pixel becomes the weighted
 * mean of its 8 neighbours (1/6 orthogonal, 1/12 diagonal, renormalised at the border), solved jointly for
 * all removed pixels, plus N(0, 0.01^2) noise — and the probability of P is followed. MoRF falling fast and
 * LeRF staying high is good: combined = (mean LeRF - mean MoRF) / 2.
 *
 * <p>The linear system is solved by Jacobi iterations, each one 3x3 convolution over the image (no
 * per-pixel Java loops), from the mean of the kept pixels, until the largest change is below 1e-5 or after
 * {@code maxIterations}; for the 28x28 to 64x64 images of the evaluation that is well converged.
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
        INDArray batch = Nd4j.create(x.dataType(), 2L * n, x.size(0), x.size(1), x.size(2));
        org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        for (int k = 0; k < n; k++) {
            int removed = (int) Math.round(PERCENTILES[k] * hw);
            double[] morf = new double[hw];
            double[] lerf = new double[hw];
            for (int i = 0; i < hw; i++) {
                morf[i] = rank[i] < removed ? 1 : 0;
                lerf[i] = rank[i] >= hw - removed ? 1 : 0;
            }
            batch.putSlice(k, impute(x, Nd4j.createFromArray(morf).reshape(x.size(1), x.size(2)), rng));
            batch.putSlice(n + k, impute(x, Nd4j.createFromArray(lerf).reshape(x.size(1), x.size(2)), rng));
        }
        INDArray z = model.forward(batch.castTo(model.dataType()), List.of(model.outputVariable())).get(model.outputVariable());
        double[] p = QuestionScore.probabilityOfP(z, model.outputKind(), q);
        double[] morf = java.util.Arrays.copyOfRange(p, 0, n);
        double[] lerf = java.util.Arrays.copyOfRange(p, n, 2 * n);
        double combined = (java.util.Arrays.stream(lerf).average().orElseThrow() - java.util.Arrays.stream(morf).average().orElseThrow()) / 2;
        return new Result(morf, lerf, combined);
    }

    /** Noisy linear imputation of the pixels where {@code removed} [H,W] is 1, every channel of {@code x} [C,H,W]. */
    INDArray impute(INDArray x, INDArray removed, org.nd4j.linalg.api.rng.Random rng) {
        long c = x.size(0);
        long h = x.size(1);
        long w = x.size(2);
        INDArray kernel = Nd4j.createFromArray(new double[] {1.0 / 12, 1.0 / 6, 1.0 / 12, 1.0 / 6, 0, 1.0 / 6, 1.0 / 12, 1.0 / 6, 1.0 / 12})
                .reshape(3, 3, 1, 1);
        Conv2DConfig cfg = Conv2DConfig.builder().kH(3).kW(3).pH(1).pW(1).sH(1).sW(1).dataFormat("NCHW").build();
        // Neighbour weight inside the image, to renormalise at the border.
        INDArray weight = Nd4j.cnn().conv2d(Nd4j.ones(DataType.DOUBLE, 1, 1, h, w), kernel, cfg).reshape(h, w);
        INDArray mask = removed.castTo(DataType.DOUBLE);
        INDArray keep = mask.rsub(1);
        INDArray img = x.castTo(DataType.DOUBLE).reshape(c, 1, h, w).dup();
        INDArray m4 = mask.reshape(1, 1, h, w).broadcast(c, 1, h, w);
        INDArray k4 = keep.reshape(1, 1, h, w).broadcast(c, 1, h, w);
        double kept = keep.sumNumber().doubleValue();
        if (kept > 0 && mask.sumNumber().doubleValue() > 0) {
            for (int ch = 0; ch < c; ch++) {
                INDArray plane = img.get(NDArrayIndex.point(ch)).reshape(h, w);
                double mean = plane.mul(keep).sumNumber().doubleValue() / kept;
                plane.muli(keep).addi(mask.mul(mean));
            }
            INDArray w4 = weight.reshape(1, 1, h, w).broadcast(c, 1, h, w);
            for (int it = 0; it < maxIterations; it++) {
                INDArray average = Nd4j.cnn().conv2d(img, kernel, cfg).divi(w4);
                INDArray next = img.mul(k4).addi(average.muli(m4));
                double change = next.sub(img).amaxNumber().doubleValue();
                img = next;
                if (change < 1e-5) {
                    break;
                }
            }
            INDArray noise = Nd4j.randn(rng, new long[] {c, 1, h, w}).castTo(DataType.DOUBLE).muli(NOISE).muli(m4);
            img.addi(noise);
        }
        return img.reshape(c, h, w).castTo(x.dataType());
    }
}
