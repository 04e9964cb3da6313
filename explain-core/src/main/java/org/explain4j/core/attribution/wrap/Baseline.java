package org.explain4j.core.attribution.wrap;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Integrated Gradients' reference input b, in the model input's own units (after preprocessing). */
public sealed interface Baseline {

    /** The baseline rows for input rows {@code x} [K, ...]. */
    INDArray rowsFor(INDArray x);

    /** All zeros (Captum's default). */
    record Zeros() implements Baseline {
        @Override
        public INDArray rowsFor(INDArray x) {
            return Nd4j.zeros(x.dataType(), x.shape());
        }
    }

    /** Every element the same value (e.g. the preprocessed value of black). */
    record Constant(double value) implements Baseline {
        @Override
        public INDArray rowsFor(INDArray x) {
            return Nd4j.valueArrayOf(x.shape(), value, x.dataType());
        }
    }

    /** One given input [...input shape], the same for every row. */
    record Tensor(INDArray value) implements Baseline {
        @Override
        public INDArray rowsFor(INDArray x) {
            long perRow = x.length() / x.size(0);
            if (value.length() != perRow) {
                throw new IllegalArgumentException("the baseline has " + value.length() + " values; an input has " + perRow);
            }
            INDArray row = value.castTo(x.dataType()).reshape(1, perRow);
            return row.repeat(0, x.size(0)).reshape(x.shape());
        }
    }
}
