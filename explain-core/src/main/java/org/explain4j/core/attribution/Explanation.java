package org.explain4j.core.attribution;

import java.util.Map;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The answer to one question about one sample: a raw, signed map (before any ReLU, upsampling or
 * normalisation), tagged with the method that made it and the {@link Space} it lives in. The answers of
 * one call share their batch arrays ({@code maps} [K, ...], and each {@code details} entry [K, ...]) and
 * each reads its own row on demand, so K = 1,000 contrasts cost no 2,000 copies.
 *
 * <p>Details are per-answer numbers a method reports beside its map: Grad-CAM's channel weights
 * ({@link #WEIGHTS}, [K, C]), Integrated Gradients' completeness error ({@link #COMPLETENESS_ERROR}, [K]).
 */
public record Explanation(int sample, Question question, String method, Space space, INDArray maps, int row,
                          Map<String, INDArray> details) {

    public static final String WEIGHTS = "weights";
    public static final String COMPLETENESS_ERROR = "completenessError";

    /** The signed map: [h, w] on a layer grid, [C, H, W] on the input (a view into the batch; dup() it before changing it). */
    public INDArray raw() {
        return maps.slice(row);
    }

    /** A CAM method's channel weights alpha_k [C] (a view into the batch). */
    public INDArray weights() {
        return detail(WEIGHTS);
    }

    /** This answer's row of a detail (a view), or an error naming the details there are. */
    public INDArray detail(String name) {
        INDArray all = details.get(name);
        if (all == null) {
            throw new IllegalArgumentException(method + " reports no '" + name + "' (it reports " + details.keySet() + ")");
        }
        return all.rank() == 1 ? all.getScalar(row) : all.slice(row);
    }
}
