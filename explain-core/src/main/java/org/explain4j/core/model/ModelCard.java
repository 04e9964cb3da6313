package org.explain4j.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a SameDiff graph alone does not say: which variables are the input and the output, what the
 * output means, the class labels, the input shape (C, H, W), the preprocessing and the layer to
 * explain by default. Every field may be null; {@link ExplainableModel} infers what it can.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelCard(
        String name,
        String inputVariable,
        String outputVariable,
        OutputKind outputKind,
        List<String> labels,
        long[] inputShape,
        Preprocessing preprocessing,
        String defaultLayer) {

    public static ModelCard empty() {
        return new ModelCard(null, null, null, null, null, null, null, null);
    }

    public ModelCard withInputVariable(String v) {
        return new ModelCard(name, v, outputVariable, outputKind, labels, inputShape, preprocessing, defaultLayer);
    }

    public ModelCard withOutputVariable(String v) {
        return new ModelCard(name, inputVariable, v, outputKind, labels, inputShape, preprocessing, defaultLayer);
    }

    public ModelCard withOutputKind(OutputKind k) {
        return new ModelCard(name, inputVariable, outputVariable, k, labels, inputShape, preprocessing, defaultLayer);
    }

    public ModelCard withLabels(List<String> l) {
        return new ModelCard(name, inputVariable, outputVariable, outputKind, l, inputShape, preprocessing, defaultLayer);
    }

    public ModelCard withInputShape(long[] s) {
        return new ModelCard(name, inputVariable, outputVariable, outputKind, labels, s, preprocessing, defaultLayer);
    }
}
