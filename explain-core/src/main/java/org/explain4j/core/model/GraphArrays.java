package org.explain4j.core.model;

import java.util.ArrayList;
import org.nd4j.autodiff.samediff.ArrayHolder;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every weight of a graph held once. SameDiff's default array holders run in "delayed mode": each variable and
 * constant array is duplicated when it is set, so that it can later be replicated to other devices. A graph loaded to
 * be explained never moves, and the copy costs a second resident copy of the weights (a VGG16's 0.5 GB) and, in a
 * cold start, writing them to fresh memory once more (docs/BENCHMARKS.md, time to the first explanation). Graphs are
 * only ever read concurrently (forward passes are serialised on the graph), which the plain holder allows.
 *
 * <p>What the default holders also did is kept: an array that is a view of another (a folded or permuted weight) is
 * held as a contiguous copy of its own. The oneDNN trunk samples its weights on every pass to notice them replaced, and
 * reading a view element by element costs an allocation per read (ResNet-18's forward took 0.239 s at ef73078
 * against 0.013 s at d442421 in the side-by-side bench, docs/results/side-by-side-ef73078-regressed.md and
 * side-by-side-d442421.md).
 */
public final class GraphArrays {

    private GraphArrays() {
    }

    /** An empty graph whose arrays, once set, are held as they are (views as copies). */
    public static SameDiff newGraph() {
        return holdOnce(SameDiff.create());
    }

    /** {@code graph} with its arrays moved to plain holders; the delayed copies are left to the garbage collector. */
    public static SameDiff holdOnce(SameDiff graph) {
        if (!(graph.getVariablesArrays() instanceof OwnArrays && graph.getConstantArrays() instanceof OwnArrays)) {
            graph.setArrayHolders(new OwnArrays(), new OwnArrays(), true);
        }
        return graph;
    }

    /** SameDiff's single-thread holder, storing a view as a copy of its own. */
    private static final class OwnArrays extends SingleThreadArrayHolder {

        @Override
        public void setArray(String name, INDArray array) {
            super.setArray(name, array.isView() ? array.dup() : array);
        }

        @Override
        public void initFrom(ArrayHolder other) {
            new ArrayList<>(arrayNames()).forEach(this::removeArray);
            for (String name : other.arrayNames()) {
                setArray(name, other.getArray(name));
            }
        }
    }
}
