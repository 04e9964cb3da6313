package org.explain4j.seismic.section;

import org.explain4j.core.memory.HeapCopies;
import org.explain4j.core.run.Runner;
import org.explain4j.core.run.Source;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Cuts a section's windows, a batch at a time, for the runner ({@link Runner.Batches}): the section is held on the
 * heap ({@code pixels}, [samples x traces] row-major) and windows [from, to) become one array [n, 1, patch, patch]
 * of row copies. One array per batch rather than one per window: at thousands of windows per section, per-window
 * arrays, views and their concatenation cost as much as the explanation.
 */
final class WindowCutter implements Runner.Batches {

    private final float[] pixels;
    private final SectionWindows windows;
    private final DataType type;
    /** The rows of the last batch, reused: the native array copies them, and a section cuts hundreds of batches. */
    private float[] scratch = new float[0];

    WindowCutter(INDArray image, SectionWindows windows, DataType type) {
        this.pixels = image.castTo(DataType.FLOAT).dup('c').data().asFloat();
        this.windows = windows;
        this.type = type;
    }

    SectionWindows windows() {
        return windows;
    }

    @Override
    public int count() {
        return windows.count();
    }

    @Override
    public Source source(int i) {
        return new WindowSource(this, i);
    }

    @Override
    public INDArray batch(int from, int to) {
        return cut(from, to);
    }

    /** Windows [from, to) as [to - from, 1, patch, patch]. */
    INDArray cut(int from, int to) {
        int p = windows.patch();
        int width = windows.traces();
        int n = (to - from) * p * p;
        if (scratch.length != n) {
            scratch = new float[n];
        }
        float[] out = scratch;
        for (int i = from; i < to; i++) {
            int z0 = windows.rowStart(i / windows.columns());
            int x0 = windows.columnStart(i % windows.columns());
            for (int z = 0; z < p; z++) {
                System.arraycopy(pixels, (z0 + z) * width + x0, out, ((i - from) * p + z) * p, p);
            }
        }
        INDArray x = HeapCopies.floats(out, to - from, 1, p, p);
        return type == DataType.FLOAT ? x : x.castTo(type);
    }
}
