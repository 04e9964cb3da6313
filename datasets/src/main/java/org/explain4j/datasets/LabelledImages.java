package org.explain4j.datasets;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images [N,C,H,W] with pixel values in [0,1] and one class label each, as every loader returns them.
 * {@code classNames} lists the classes in label order.
 */
public record LabelledImages(INDArray images, int[] labels, List<String> classNames) {

    public LabelledImages {
        if (images.size(0) != labels.length) {
            throw new IllegalArgumentException(images.size(0) + " images but " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }

    /** One-hot labels [N, classes]. */
    public INDArray oneHot() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, classNames.size());
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1f);
        }
        return y;
    }
}
