package org.explain4j.seismic.section;

import org.explain4j.core.io.ModelInput;
import org.explain4j.core.run.Source;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Window {@code index} of a section, loaded by the runner as [1, 1, patch, patch] from its batch's array. */
record WindowSource(WindowCutter cutter, int index) implements Source {

    @Override
    public String name() {
        SectionWindows w = cutter.windows();
        return "window at trace " + w.columnStart(index % w.columns()) + ", sample " + w.rowStart(index / w.columns());
    }

    @Override
    public ModelInput load() {
        int j = index % cutter.batchSize();
        return new ModelInput(cutter.batchOf(index).get(NDArrayIndex.interval(j, j + 1)), null);
    }
}
