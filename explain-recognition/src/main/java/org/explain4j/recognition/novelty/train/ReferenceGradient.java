package org.explain4j.recognition.novelty.train;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * GradCON's reference gradient: per constrained weight, the running mean of the training loss's weight gradient
 * over every step so far (never reset between epochs). Before the first update it is empty and the constraint
 * is off.
 */
public final class ReferenceGradient {

    private final List<INDArray> mean = new ArrayList<>();
    private long count;

    public boolean isEmpty() {
        return count == 0;
    }

    public long count() {
        return count;
    }

    /** The running mean of weight i (a view owned by this object: copy it to keep it). */
    public INDArray of(int i) {
        return mean.get(i);
    }

    public int size() {
        return mean.size();
    }

    /** Adds one step's gradients (one per constrained weight). */
    public void update(List<INDArray> gradients) {
        if (count == 0) {
            for (INDArray g : gradients) {
                mean.add(g.dup());
            }
        } else {
            for (int i = 0; i < gradients.size(); i++) {
                // m += (g - m) / (count + 1)
                mean.get(i).addi(gradients.get(i).sub(mean.get(i)).divi(count + 1));
            }
        }
        count++;
    }

    /** An independent copy (a checkpoint's). */
    public ReferenceGradient copy() {
        ReferenceGradient c = new ReferenceGradient();
        for (INDArray m : mean) {
            c.mean.add(m.dup());
        }
        c.count = count;
        return c;
    }

    /** Rebuilds a saved reference. */
    public static ReferenceGradient of(List<INDArray> means, long count) {
        ReferenceGradient r = new ReferenceGradient();
        for (INDArray m : means) {
            r.mean.add(m.dup());
        }
        r.count = count;
        return r;
    }
}
