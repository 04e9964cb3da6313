package org.explain4j.core.metrics;

import java.util.List;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Deletion and insertion (Petsiuk et al., RISE; docs/METHODS.md §4): pixels in the map's order, most
 * important first, {@code pixelsPerStep} at a time (RISE: 224 on 224x224), the question's score
 * ({@link QuestionScore}) followed from the intact image (deletion, pixels replaced by zeros in model-input
 * units) or from a blurred copy (insertion, Gaussian kernel 11, sigma 5, the original pixels put back);
 * the area under the curve by the trapezoid rule. A good map makes deletion fall fast (low area) and
 * insertion rise fast (high area). Every step of one image is one batch of forward passes.
 */
public final class DeletionInsertion {

    private final ExplainableModel model;
    private final int pixelsPerStep;
    private final int batchSize;

    public DeletionInsertion(ExplainableModel model, int pixelsPerStep, int batchSize) {
        if (pixelsPerStep < 1 || batchSize < 1) {
            throw new IllegalArgumentException("pixels per step and batch size must be at least 1");
        }
        this.model = model;
        this.pixelsPerStep = pixelsPerStep;
        this.batchSize = batchSize;
    }

    /** {@code x} [C,H,W]; {@code importance} [H,W]. */
    public Curve deletion(INDArray x, INDArray importance, Question q) {
        return curve(x, Nd4j.zeros(x.dataType(), x.shape()), importance, q, true);
    }

    public Curve insertion(INDArray x, INDArray importance, Question q) {
        return curve(x, Blur.gaussian(x, 11, 5), importance, q, false);
    }

    private Curve curve(INDArray x, INDArray substrate, INDArray importance, Question q, boolean deleting) {
        int c = (int) x.size(0);
        int hw = (int) (x.size(1) * x.size(2));
        int[] rank = MetricMaps.rankByDecreasing(importance);
        int steps = (hw + pixelsPerStep - 1) / pixelsPerStep;
        // changed[s, i] = 1 when pixel i is among the first s * pixelsPerStep.
        double[] changed = new double[(steps + 1) * hw];
        double[] fractions = new double[steps + 1];
        for (int s = 0; s <= steps; s++) {
            long limit = Math.min((long) s * pixelsPerStep, hw);
            fractions[s] = limit / (double) hw;
            for (int i = 0; i < hw; i++) {
                if (rank[i] < limit) {
                    changed[s * hw + i] = 1;
                }
            }
        }
        INDArray m = Nd4j.createFromArray(changed).reshape(steps + 1, 1, hw).castTo(x.dataType());
        INDArray from = (deleting ? x : substrate).reshape(1, c, hw);
        INDArray to = (deleting ? substrate : x).reshape(1, c, hw);
        INDArray mask = m.broadcast(steps + 1, c, hw);
        INDArray images = from.broadcast(steps + 1, c, hw).mul(mask.rsub(1)).addi(to.broadcast(steps + 1, c, hw).mul(mask))
                .reshape(steps + 1, c, x.size(1), x.size(2));
        return Curve.of(fractions, scores(images, q));
    }

    /** The question's score on every row, {@code batchSize} rows per forward pass. */
    double[] scores(INDArray images, Question q) {
        double[] out = new double[(int) images.size(0)];
        for (long from = 0; from < images.size(0); from += batchSize) {
            long to = Math.min(images.size(0), from + batchSize);
            INDArray z = model.forward(images.get(NDArrayIndex.interval(from, to)).castTo(model.dataType()),
                    List.of(model.outputVariable())).get(model.outputVariable());
            double[] s = QuestionScore.of(z, model.outputKind(), q);
            System.arraycopy(s, 0, out, (int) from, s.length);
        }
        return out;
    }

    /** Gaussian blur of every channel of [C,H,W] (zero padding, 'same' size), as RISE's insertion substrate. */
    static final class Blur {
        private Blur() {
        }

        static INDArray gaussian(INDArray chw, int kernel, double sigma) {
            INDArray k = GaussianWindow.of(kernel, sigma);
            int r = kernel / 2;
            long c = chw.size(0);
            INDArray in = chw.castTo(DataType.DOUBLE).reshape(c, 1, chw.size(1), chw.size(2));
            org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig cfg =
                    org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig.builder().kH(kernel).kW(kernel)
                            .pH(r).pW(r).sH(1).sW(1).dataFormat("NCHW").build();
            return Nd4j.cnn().conv2d(in, k, cfg).reshape(chw.shape()).castTo(chw.dataType());
        }
    }
}
