package org.explain4j.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A model card checked against its graph when the model is built, so that a card that does not fit is one
 * {@link ModelLoadException} naming the field, never a native error or silently wrong answers later.
 */
final class CardChecks {

    private static final Set<String> CHANNEL_ORDERS = Set.of("RGB", "BGR", "GRAY");

    private CardChecks() {
    }

    /** Positive dimensions, and the placeholder's rank and fixed dimensions where the graph declares them. */
    static void inputShape(long[] shape, long[] placeholder, String input) {
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new ModelLoadException("the card's inputShape " + Arrays.toString(shape) + " must hold positive dimensions");
        }
        long values = 1;
        for (long d : shape) {
            values = Math.min(Long.MAX_VALUE / 2, values * Math.min(d, 1L << 31));
        }
        if (values > 1L << 26) {
            // The model is probed with one input of this shape: a lying card would allocate without bound.
            throw new ModelLoadException("the card's inputShape " + Arrays.toString(shape) + " holds " + values + " values per sample,"
                    + " more than the " + (1L << 26) + " that any image model here takes");
        }
        if (placeholder == null) {
            return;
        }
        if (placeholder.length != shape.length + 1) {
            throw new ModelLoadException("the card's inputShape " + Arrays.toString(shape) + " (without the batch axis) does not fit"
                    + " the input placeholder '" + input + "' of shape " + Arrays.toString(placeholder));
        }
        for (int i = 0; i < shape.length; i++) {
            long declared = placeholder[i + 1];
            if (declared > 0 && declared != shape[i]) {
                throw new ModelLoadException("the card's inputShape " + Arrays.toString(shape) + " does not fit the input placeholder '"
                        + input + "' of shape " + Arrays.toString(placeholder));
            }
        }
    }

    /** Finite scale, one mean and std per channel (or one for all), no zero or non-finite std, a known channel order. */
    static void preprocessing(Preprocessing p, long[] inputShape) {
        if (!Double.isFinite(p.scale())) {
            throw new ModelLoadException("the card's preprocessing scale must be a finite number, not " + p.scale());
        }
        if (!CHANNEL_ORDERS.contains(p.channelOrder().toUpperCase(java.util.Locale.ROOT))) {
            throw new ModelLoadException("the card's channelOrder '" + p.channelOrder() + "' is none of RGB, BGR, GRAY");
        }
        long channels = inputShape[0];
        check("mean", p.mean(), channels, false);
        check("std", p.std(), channels, true);
    }

    private static void check(String field, double[] v, long channels, boolean nonZero) {
        if (v == null) {
            return;
        }
        if (v.length != 1 && v.length != channels) {
            throw new ModelLoadException("the card's preprocessing " + field + " has " + v.length + " values; the model takes "
                    + channels + " channels (give " + channels + " or 1)");
        }
        for (double x : v) {
            if (!Double.isFinite(x) || (nonZero && x == 0)) {
                throw new ModelLoadException("the card's preprocessing " + field + " " + Arrays.toString(v)
                        + (nonZero ? " must hold finite, non-zero values" : " must hold finite values"));
            }
        }
    }

    /** Whether the output also depends on a placeholder other than the input (a full-reference model's reference). */
    static boolean needsOtherPlaceholders(org.nd4j.autodiff.samediff.SameDiff sd, ModelCard card) {
        for (String name : GraphCut.ancestors(sd, card.outputVariable())) {
            if (!name.equals(card.inputVariable()) && sd.getVariable(name).getVariableType() == org.nd4j.autodiff.samediff.VariableType.PLACEHOLDER) {
                return true;
            }
        }
        return false;
    }

    /** The output kind fits the output's {@code width} (values per sample), and there is one label per class. */
    static void output(ModelCard card, long width) {
        OutputKind kind = card.outputKind();
        if (kind == OutputKind.SCORE && width != 1) {
            throw new ModelLoadException("the card says the output '" + card.outputVariable() + "' is a score, but it holds " + width
                    + " values per sample");
        }
        if (kind.isClassifier() && width < 2) {
            throw new ModelLoadException("the card says the output '" + card.outputVariable() + "' is a classifier's ("
                    + kind.json() + "), but it holds " + width + " value per sample");
        }
        List<String> labels = card.labels() == null ? List.of() : card.labels();
        if (!labels.isEmpty() && kind.isClassifier() && labels.size() != width) {
            throw new ModelLoadException("the card lists " + labels.size() + " labels for a model with " + width + " classes");
        }
    }
}
