package org.explain4j.recognition.train;

import java.util.List;
import org.explain4j.datasets.LabelledImages;
import org.explain4j.datasets.saliency.CompositeBenchmark;
import org.explain4j.recognition.data.RecognitionTask;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A labelled set turned into composites (one per image, its object on clutter), for training a recogniser on them. */
public final class Composites {

    private Composites() {
    }

    public static LabelledImages of(LabelledImages images, RecognitionTask task, long seed) {
        List<CompositeBenchmark.Composite> cs = new CompositeBenchmark(images, cutout(task)).generate(images.size(), seed);
        INDArray x = CompositeBenchmark.images(cs);
        int[] labels = cs.stream().mapToInt(CompositeBenchmark.Composite::label).toArray();
        return new LabelledImages(x, labels, images.classNames());
    }

    /** Signs are photographed with a background and cut out as a disk; digits and garments lie on black. */
    public static CompositeBenchmark.Cutout cutout(RecognitionTask task) {
        return task == RecognitionTask.SIGNS ? CompositeBenchmark.Cutout.DISK : CompositeBenchmark.Cutout.INTENSITY;
    }
}
