package org.explain4j.seismic.section;

import org.explain4j.core.io.ModelInput;
import org.explain4j.core.run.Source;

/** Window {@code index} of a section: its name in run summaries; the runner takes it in its batch ({@link WindowCutter}). */
record WindowSource(WindowCutter cutter, int index) implements Source {

    @Override
    public String name() {
        SectionWindows w = cutter.windows();
        return "window at trace " + w.columnStart(index % w.columns()) + ", sample " + w.rowStart(index / w.columns());
    }

    @Override
    public ModelInput load() {
        return new ModelInput(cutter.cut(index, index + 1), null);
    }
}
