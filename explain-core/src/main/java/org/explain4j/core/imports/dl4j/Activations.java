package org.explain4j.core.imports.dl4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** DL4J's activation functions as SameDiff ops, with DL4J's definitions (its ReLU's threshold and slope included). */
final class Activations {

    private Activations() {
    }

    static boolean isIdentity(IActivation a) {
        return a == null || a instanceof ActivationIdentity;
    }

    static boolean isSoftmax(IActivation a) {
        return a instanceof ActivationSoftmax;
    }

    /** {@code a(x)} named {@code name}; an activation with no SameDiff counterpart is refused naming its layer. */
    static SDVariable apply(SameDiff sd, String name, SDVariable x, IActivation a, String layer) {
        if (isIdentity(a)) {
            return sd.identity(name, x);
        }
        if (a instanceof ActivationReLU r) {
            return relu(sd, name, x, r, layer);
        }
        if (a instanceof ActivationReLU6) {
            return sd.nn().relu6(name, x, 0);
        }
        if (a instanceof ActivationLReLU l) {
            return sd.nn().leakyRelu(name, x, l.getAlpha());
        }
        if (a instanceof ActivationELU e) {
            return e.getAlpha() == 1.0 ? sd.nn().elu(name, x)
                    : sd.math().max(x, sd.constant(0.0f).castTo(x.dataType())).add(name,
                    sd.math().min(sd.math().exp(x).sub(1.0).mul(e.getAlpha()), sd.constant(0.0f).castTo(x.dataType())));
        }
        if (a instanceof ActivationSigmoid) {
            return sd.nn().sigmoid(name, x);
        }
        if (a instanceof ActivationHardSigmoid) {
            return sd.nn().hardSigmoid(name, x);
        }
        if (a instanceof ActivationTanH) {
            return sd.math().tanh(name, x);
        }
        if (a instanceof ActivationHardTanH) {
            return sd.nn().hardTanh(name, x);
        }
        if (a instanceof ActivationSoftPlus) {
            return sd.nn().softplus(name, x);
        }
        if (a instanceof ActivationSoftSign) {
            return sd.nn().softsign(name, x);
        }
        if (a instanceof ActivationSELU) {
            return sd.nn().selu(name, x);
        }
        if (a instanceof ActivationSwish) {
            return sd.nn().swish(name, x);
        }
        if (a instanceof ActivationSoftmax) {
            return sd.nn().softmax(name, x, -1);
        }
        throw new Dl4jConversionException("layer '" + layer + "': activation " + a + " is not supported");
    }

    /** DL4J's ReLU: x above the threshold (capped at max when set), negativeSlope * (x - threshold) below. */
    private static SDVariable relu(SameDiff sd, String name, SDVariable x, ActivationReLU r, String layer) {
        Double max = r.getMax();
        double threshold = r.getThreshold() == null ? 0.0 : r.getThreshold();
        double slope = r.getNegativeSlope() == null ? 0.0 : r.getNegativeSlope();
        if (threshold == 0.0 && slope == 0.0) {
            return max == null ? sd.nn().relu(name, x, 0) : sd.math().clipByValue(name, x, 0.0, max);
        }
        throw new Dl4jConversionException("layer '" + layer + "': a ReLU with threshold " + threshold + " or negative slope " + slope
                + " is not supported");
    }
}
