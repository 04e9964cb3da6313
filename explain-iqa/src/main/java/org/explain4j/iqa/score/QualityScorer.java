package org.explain4j.iqa.score;

import java.util.List;
import java.util.Map;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.iqa.nets.Diqam;
import org.explain4j.iqa.patches.Patches;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An image's quality score from a DIQaM-family model, as Bosse et al. define it: the network scores
 * every non-overlapping 32x32 tile and the image score is their mean, or for a weighted (Wa-) model
 * sum(y a) / sum(a). One forward for all tiles of the image.
 */
public final class QualityScorer {

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

    private Map<String, INDArray> outputs(Map<String, INDArray> feeds) {
        List<String> wanted = variant.weighted() ? List.of(Diqam.PATCH_SCORE, Diqam.PATCH_WEIGHT) : List.of(Diqam.PATCH_SCORE);
        SameDiff sd = model.graph();
        synchronized (sd) {
            return sd.output(feeds, wanted);
        }
    }

    private Scored aggregate(Map<String, INDArray> out) {
        INDArray y = out.get(Diqam.PATCH_SCORE).reshape(-1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        if (!variant.weighted()) {
            return new Scored(y, y.ulike().assign(1), y.meanNumber().doubleValue());
        }
        INDArray a = out.get(Diqam.PATCH_WEIGHT).reshape(-1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        return new Scored(y, a, y.mul(a).sumNumber().doubleValue() / a.sumNumber().doubleValue());
    }
}
