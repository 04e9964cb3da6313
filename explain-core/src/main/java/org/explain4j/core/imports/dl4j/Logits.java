package org.explain4j.core.imports.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;

/**
 * Where a network's logits are: questions are asked of pre-softmax scores. An output layer's variable already holds
 * them (its softmax is not converted); a loss layer with no activation of its own passes its input through, so the
 * search goes on from there; a layer ending in a softmax gives what the softmax read (SqueezeNet, Darknet19 and SimpleCNN
 * end {@code ... -> ActivationLayer(softmax) [-> LossLayer]}, a Keras import without its training configuration in a
 * softmax Dense layer). Any other ending is the output as it is.
 */
final class Logits {

    private Logits() {
    }

    /**
     * @param output        the network's output variable
     * @param layers        the layer behind each converted layer's variable
     * @param fedBy         the variable each layer read (after its preprocessor)
     * @param softmaxInputs for layers ending in a softmax, what the softmax read
     */
    static String of(String output, Map<String, Layer> layers, Map<String, String> fedBy, Map<String, String> softmaxInputs) {
        String v = output;
        while (layers.get(v) instanceof LossLayer loss && Activations.isIdentity(loss.getActivationFn()) && fedBy.containsKey(v)) {
            v = fedBy.get(v);
        }
        return softmaxInputs.getOrDefault(v, v);
    }
}
