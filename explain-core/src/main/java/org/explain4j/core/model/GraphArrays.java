package org.explain4j.core.model;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;

/**
 * Every weight of a graph held once. SameDiff's default array holders run in "delayed mode": each variable and
 * constant array is duplicated when it is set, so that it can later be replicated to other devices. A graph loaded to
 * be explained never moves, and the copy costs a second resident copy of the weights (a VGG16's 0.5 GB) and, in a
 * cold JVM, a quarter of a second per ResNet-18 built (docs/BENCHMARKS.md, time to the first explanation). Graphs are
 * only ever read concurrently (forward passes are serialised on the graph), which the plain holder allows.
 */
public final class GraphArrays {

    private GraphArrays() {
    }

    /** An empty graph whose arrays, once set, are held as they are. */
    public static SameDiff newGraph() {
        return holdOnce(SameDiff.create());
    }

    /** {@code graph} with its arrays moved to plain holders; the delayed copies are left to the garbage collector. */
    public static SameDiff holdOnce(SameDiff graph) {
        if (!(graph.getVariablesArrays() instanceof SingleThreadArrayHolder && graph.getConstantArrays() instanceof SingleThreadArrayHolder)) {
            graph.setArrayHolders(new SingleThreadArrayHolder(), new SingleThreadArrayHolder(), true);
        }
        return graph;
    }
}
