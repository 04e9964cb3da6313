package org.explain4j.recognition.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.cam.MapOps;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.metrics.MetricMaps;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.Question;
import org.explain4j.core.run.QuestionPolicy;
import org.explain4j.core.run.Runner;
import org.explain4j.core.run.SampleAnswers;
import org.explain4j.core.run.Source;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Do contrast maps mean something? Pixels are removed (set to {@code baseline}) in the order of a map,
 * most important first, in {@code steps} equal steps, and the margin logit_P - logit_Q is followed,
 * relative to its value on the intact image. Orders compared: the "Why P, rather than Q?" map,
 * Grad-CAM's "Why P?" map and a seeded random order. A map that explains what separates P from Q
 * should make the margin fall fastest: the lowest area under its curve.
 *
 * <p>Maps are the raw signed maps, bilinearly upsampled to the input, without ReLU, so that the
 * order covers every pixel.
 */
public final class DeletionTest {

    /** The orders compared, in report order. */
    public static final List<String> ORDERS = List.of("contrast (Why P, rather than Q?)", "Grad-CAM (Why P?)", "random");

    /** Mean curve per order ({@code steps + 1} points from 0% to 100% removed) and the per-image areas. */
    public record Result(int images, int steps, double[][] meanCurves, double[][] areas) {
        public double meanArea(int order) {
            return java.util.Arrays.stream(areas[order]).average().orElse(Double.NaN);
        }

        public double stdArea(int order) {
            double m = meanArea(order);
            return Math.sqrt(java.util.Arrays.stream(areas[order]).map(a -> (a - m) * (a - m)).average().orElse(Double.NaN));
        }

        /** Share of images where the contrast order's area is below the other order's. */
        public double contrastWinsOver(int order) {
            int wins = 0;
            for (int i = 0; i < images; i++) {
                if (areas[0][i] < areas[order][i]) {
                    wins++;
                }
            }
            return wins / (double) images;
        }
    }

    private final CamExplainer explainer;
    private final int steps;
    private final double baseline;
    private final long seed;

    public DeletionTest(CamExplainer explainer, int steps, double baseline, long seed) {
        this.explainer = explainer;
        this.steps = steps;
        this.baseline = baseline;
        this.seed = seed;
    }

    /** {@code inputs} [N,C,H,W]; P is each image's predicted class and Q its runner-up. */
    public Result run(INDArray inputs) {
        ExplainableModel model = explainer.model();
        int n = (int) inputs.size(0);
        int h = (int) inputs.size(2);
        int w = (int) inputs.size(3);
        List<Source> sources = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            sources.add(Source.of("image " + b, new ModelInput(inputs.get(NDArrayIndex.interval(b, b + 1)).dup(), null)));
        }
        // "Why P?" and "Why P, rather than Q?" with P predicted and Q the runner-up, every image in one batch.
        List<SampleAnswers> answered = new Runner(explainer, QuestionPolicy.ClassContrasts.predictedVsRunnerUp(), Math.max(1, n))
                .run(sources);
        int[][] pq = new int[n][];
        for (int b = 0; b < n; b++) {
            Question.Facts contrast = answered.get(b).explanations().get(1).question().facts();
            pq[b] = new int[] {contrast.p(), contrast.q()};
        }
        Random rng = new Random(seed);
        double[][] sums = new double[ORDERS.size()][steps + 1];
        double[][] areas = new double[ORDERS.size()][n];
        for (int b = 0; b < n; b++) {
            INDArray image = inputs.slice(b);
            List<Explanation> mine = answered.get(b).explanations();
            INDArray[] maps = {
                upsampled(mine.get(1).raw(), h, w),
                upsampled(mine.get(0).raw(), h, w),
                Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(rng.nextLong()), new long[] {h * w}).castTo(DataType.DOUBLE)};
            List<INDArray> batch = new ArrayList<>();
            for (INDArray map : maps) {
                INDArray rank = rankOf(map);
                for (int s = 0; s <= steps; s++) {
                    long removed = Math.round((double) s * h * w / steps);
                    INDArray keep = rank.gte(removed).castTo(image.dataType()).reshape(1, h, w);
                    INDArray x = image.mul(keep.broadcast(image.shape()))
                            .addi(keep.rsub(1).muli(baseline).broadcast(image.shape()));
                    batch.add(x);
                }
            }
            INDArray z = model.forward(Nd4j.stack(0, batch.toArray(INDArray[]::new)), List.of(model.outputVariable()))
                    .get(model.outputVariable());
            z = z.reshape(z.size(0), z.length() / z.size(0));
            double start = z.getDouble(0, pq[b][0]) - z.getDouble(0, pq[b][1]);
            for (int o = 0; o < maps.length; o++) {
                double area = 0;
                double prev = 0;
                for (int s = 0; s <= steps; s++) {
                    int row = o * (steps + 1) + s;
                    double margin = (z.getDouble(row, pq[b][0]) - z.getDouble(row, pq[b][1])) / Math.max(1e-9, Math.abs(start));
                    sums[o][s] += margin;
                    if (s > 0) {
                        area += (prev + margin) / 2 / steps;
                    }
                    prev = margin;
                }
                areas[o][b] = area;
            }
        }
        for (double[] curve : sums) {
            for (int s = 0; s <= steps; s++) {
                curve[s] /= n;
            }
        }
        return new Result(n, steps, sums, areas);
    }

    private static INDArray upsampled(INDArray raw, int h, int w) {
        return MapOps.upsample(raw.reshape(1, raw.size(0), raw.size(1)), h, w).castTo(DataType.DOUBLE).reshape(h * w);
    }

    /** rank[i] = position of pixel i when pixels are sorted by decreasing map value (the metrics' order). */
    private static INDArray rankOf(INDArray map) {
        return Nd4j.createFromArray(MetricMaps.rankByDecreasing(map)).castTo(DataType.DOUBLE);
    }
}
