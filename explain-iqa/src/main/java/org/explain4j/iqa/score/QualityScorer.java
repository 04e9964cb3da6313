package org.explain4j.iqa.score;

import java.util.List;
import java.util.Map;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.iqa.nets.Diqam;
import org.explain4j.iqa.patches.Patches;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An image's quality score from a DIQaM-family model, as Bosse et al. define it: the network scores
 * every non-overlapping 32x32 tile and the image score is their mean, or for a weighted (Wa-) model
 * sum(y a) / sum(a). One forward for all tiles of the image.
 */
public final class QualityScorer {

    private static final int BATCH = 256;

    private final ExplainableModel model;
    private final Diqam.Variant variant;
    private final int patch;

    public QualityScorer(ExplainableModel model) {
        this.model = model;
        this.variant = Diqam.variantOf(model.graph());
        this.patch = (int) model.inputShape()[1];
    }

    public Diqam.Variant variant() {
        return variant;
    }

    /** The tiles' scores y [P], their weights a [P] (all 1 for an unweighted model) and the image score. */
    public record Scored(INDArray patchScores, INDArray weights, double score) {
    }

    /** A no-reference score; {@code chw} [C,H,W] in the model's input scale. */
    public Scored score(INDArray chw) {
        if (variant.fullReference()) {
            throw new IllegalArgumentException("a full-reference model needs the reference image too");
        }
        return aggregate(outputs(Map.of(model.inputVariable(), tiles(chw))));
    }

    /** A full-reference score: the distorted image and its reference, both [C,H,W] of one size. */
    public Scored score(INDArray chw, INDArray referenceChw) {
        if (!variant.fullReference()) {
            return score(chw);
        }
        if (!java.util.Arrays.equals(chw.shape(), referenceChw.shape())) {
            throw new IllegalArgumentException("the distorted image and its reference differ in size");
        }
        return aggregate(outputs(Map.of(model.inputVariable(), tiles(chw), Diqam.REFERENCE, tiles(referenceChw))));
    }

    private INDArray tiles(INDArray chw) {
        return Patches.tiles(chw, patch).castTo(model.dataType());
    }

    /**
     * The tiles' outputs, {@value #BATCH} tiles per forward: the activations of all tiles of a large image at once
     * would take gigabytes (an 8000 x 8000 image has 62,500 tiles).
     */
    private Map<String, INDArray> outputs(Map<String, INDArray> feeds) {
        List<String> wanted = variant.weighted() ? List.of(Diqam.PATCH_SCORE, Diqam.PATCH_WEIGHT) : List.of(Diqam.PATCH_SCORE);
        long n = feeds.values().iterator().next().size(0);
        Map<String, List<INDArray>> parts = new java.util.HashMap<>();
        SameDiff sd = model.graph();
        org.explain4j.core.run.MemoryBudget memory = org.explain4j.core.run.MemoryBudget.standard();
        for (long from = 0; from < n; from += BATCH) {
            long to = Math.min(n, from + BATCH);
            Map<String, INDArray> batch = new java.util.HashMap<>();
            for (Map.Entry<String, INDArray> e : feeds.entrySet()) {
                batch.put(e.getKey(), e.getValue().get(NDArrayIndex.interval(from, to)));
            }
            Map<String, INDArray> out;
            synchronized (sd) {
                out = sd.output(batch, wanted);
            }
            memory.settle();
            for (String v : wanted) {
                parts.computeIfAbsent(v, k -> new java.util.ArrayList<>()).add(out.get(v).reshape(-1).castTo(DataType.DOUBLE));
            }
        }
        Map<String, INDArray> joined = new java.util.HashMap<>();
        parts.forEach((v, list) -> joined.put(v, list.size() == 1 ? list.get(0) : Nd4j.concat(0, list.toArray(INDArray[]::new))));
        return joined;
    }

    private Scored aggregate(Map<String, INDArray> out) {
        Scored s = aggregateAll(out);
        if (!Double.isFinite(s.score())) {
            throw new org.explain4j.core.io.InputException("the model's score of this image is NaN or infinite");
        }
        return s;
    }

    private Scored aggregateAll(Map<String, INDArray> out) {
        INDArray y = out.get(Diqam.PATCH_SCORE).reshape(-1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        if (!variant.weighted()) {
            return new Scored(y, y.ulike().assign(1), y.meanNumber().doubleValue());
        }
        INDArray a = out.get(Diqam.PATCH_WEIGHT).reshape(-1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        return new Scored(y, a, y.mul(a).sumNumber().doubleValue() / a.sumNumber().doubleValue());
    }
}
