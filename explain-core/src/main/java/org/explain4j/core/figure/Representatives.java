package org.explain4j.core.figure;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.train.ClassifierTraining;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The representative image of a class: the reference image the model is most confident belongs to it. */
public final class Representatives {

    private Representatives() {
    }

    /**
     * For every class, the picture ({@code picture.apply(row)}) of the row of {@code images} [N,C,H,W]
     * with the highest probability of that class.
     */
    public static List<BufferedImage> mostConfident(ExplainableModel model, INDArray images, IntFunction<BufferedImage> picture) {
        return fromOutputs(model, ClassifierTraining.predict(model.graph(), model.inputVariable(), model.outputVariable(), images), picture);
    }

    /** As {@link #mostConfident}, from the model's outputs [N, classes] when the caller already has them. */
    public static List<BufferedImage> fromOutputs(ExplainableModel model, INDArray out, IntFunction<BufferedImage> picture) {
        INDArray p = model.outputKind() == org.explain4j.core.model.OutputKind.PROBABILITIES ? out : Transforms.softmax(out, true);
        int[] best = p.argMax(0).toIntVector();
        List<BufferedImage> reps = new ArrayList<>();
        for (int row : best) {
            reps.add(picture.apply(row));
        }
        return reps;
    }
}
