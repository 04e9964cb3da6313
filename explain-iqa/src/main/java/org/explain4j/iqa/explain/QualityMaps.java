package org.explain4j.iqa.explain;

import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.cam.Asked;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.cam.Explanation;
import org.explain4j.core.cam.Forward;
import org.explain4j.core.cam.MapOps;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.ScoreQuestion;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * "Why s?" and "Why s, rather than t?" over a whole image for a patch regressor (DIQaM): a window
 * slides over the image at {@code stride}, every window patch is explained at the layer (patches
 * batched, one forward and one backward per batch), each patch's map is upsampled to the patch size
 * and pasted, and overlaps are averaged.
 *
 * <p>The score explained is s = the mean of the window patches' scores. For L = (s - t)^2,
 * dL/dA_j = 2 (s - t) (1/P) dy_j/dA_j for every patch j, and Grad-CAM is linear in the gradient, so
 * each contrast map is the "Why s?" map times 2 (s - t) / P: computed once, scaled per target. A target
 * above the score flips the sign (REFERENCE.md): after ReLU the map then shows what keeps quality down.
 */
public final class QualityMaps {

    private static final int BATCH = 256;

    private final ExplainableModel model;
    private final CamExplainer explainer;
    private final int patch;

    public QualityMaps(ExplainableModel model, String layer) {
        if (model.isClassifier()) {
            throw new IllegalArgumentException("quality maps need a regressor (one score per patch)");
        }
        this.model = model;
        this.explainer = new CamExplainer(new GradientEngine(model), layer);
        this.patch = (int) model.inputShape()[1];
    }

    /** The image's window score s, the "Why s?" map [H,W] (signed, averaged over overlaps) and the number of windows. */
    public record WhyScore(double score, INDArray map, int windows) {

        /** The signed "Why s, rather than t?" map: the gradient of (s - t)^2 through every window. */
        public INDArray rather(double target) {
            return map.mul(2 * (score - target) / windows);
        }

        /** ReLU, scaled to [0,1]: what a picture shows. */
        public static INDArray view(INDArray signed) {
            return MapOps.normalise(MapOps.relu(signed.reshape(1, signed.size(0), signed.size(1)))).reshape(signed.shape());
        }
    }

    /** {@code chw}: the image [C,H,W] in the model's input scale. */
    public WhyScore explain(INDArray chw, int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be at least 1");
        }
        long h = chw.size(1);
        long w = chw.size(2);
        if (h < patch || w < patch) {
            throw new IllegalArgumentException("the image (" + w + "x" + h + ") is smaller than one " + patch + "x" + patch + " patch");
        }
        List<long[]> corners = new ArrayList<>();
        for (long y = 0; y + patch <= h; y += stride) {
            for (long x = 0; x + patch <= w; x += stride) {
                corners.add(new long[] {y, x});
            }
        }
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, h, w);
        INDArray count = Nd4j.zeros(DataType.DOUBLE, h, w);
        double scoreSum = 0;
        for (int from = 0; from < corners.size(); from += BATCH) {
            List<long[]> part = corners.subList(from, Math.min(corners.size(), from + BATCH));
            INDArray batch = Nd4j.create(chw.dataType(), part.size(), chw.size(0), patch, patch);
            for (int i = 0; i < part.size(); i++) {
                batch.putSlice(i, window(chw, part.get(i)));
            }
            Forward f = explainer.forward(batch.castTo(model.dataType()));
            scoreSum += f.output().sumNumber().doubleValue();
            List<Asked> asked = new ArrayList<>(part.size());
            for (int i = 0; i < part.size(); i++) {
                asked.add(new Asked(i, new ScoreQuestion.WhyScore()));
            }
            List<Explanation> answers = explainer.explain(f, asked);
            INDArray raw = answers.get(0).maps();
            INDArray up = MapOps.upsample(raw, patch, patch).castTo(DataType.DOUBLE);
            for (int i = 0; i < part.size(); i++) {
                long[] c = part.get(i);
                region(sum, c).addi(up.slice(i));
                region(count, c).addi(1);
            }
        }
        // max(count, 1): pixels that no window covers (right and bottom margins) stay 0.
        INDArray map = sum.divi(org.nd4j.linalg.ops.transforms.Transforms.max(count, 1.0, true));
        return new WhyScore(scoreSum / corners.size(), map, corners.size());
    }

    private INDArray window(INDArray chw, long[] corner) {
        return chw.get(NDArrayIndex.all(), NDArrayIndex.interval(corner[0], corner[0] + patch),
                NDArrayIndex.interval(corner[1], corner[1] + patch));
    }

    private INDArray region(INDArray a, long[] corner) {
        return a.get(NDArrayIndex.interval(corner[0], corner[0] + patch), NDArrayIndex.interval(corner[1], corner[1] + patch));
    }
}
