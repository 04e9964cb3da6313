package org.explain4j.seismic.section;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cuts a section's windows, a batch at a time: the section is held on the heap ({@code pixels}, [samples x traces]
 * row-major) and batch b (windows b x batchSize ..) becomes one array [n, 1, patch, patch] of row copies. One array
 * per batch rather than one per window: at thousands of windows per section the per-array cost of native memory is
 * what the classification baseline does not pay.
 */
final class WindowCutter {

    private final float[] pixels;
    private final SectionWindows windows;
    private final int batchSize;
    private final DataType type;
    private int cachedBatch = -1;
    private INDArray cached;

    WindowCutter(INDArray image, SectionWindows windows, int batchSize, DataType type) {
        this.pixels = image.castTo(DataType.FLOAT).dup('c').data().asFloat();
        this.windows = windows;
        this.batchSize = batchSize;
        this.type = type;
    }

    SectionWindows windows() {
        return windows;
    }

    int batchSize() {
        return batchSize;
    }

    /** The batch holding window {@code index}, cut when first asked for. */
    INDArray batchOf(int index) {
        int b = index / batchSize;
        if (b != cachedBatch) {
            int from = b * batchSize;
            cached = cut(from, Math.min(windows.count(), from + batchSize));
            cachedBatch = b;
        }
        return cached;
    }

    /** Windows [from, to) as [to - from, 1, patch, patch]. */
    INDArray cut(int from, int to) {
        int p = windows.patch();
        int width = windows.traces();
        float[] out = new float[(to - from) * p * p];
        for (int i = from; i < to; i++) {
            int z0 = windows.rowStart(i / windows.columns());
            int x0 = windows.columnStart(i % windows.columns());
            for (int z = 0; z < p; z++) {
                System.arraycopy(pixels, (z0 + z) * width + x0, out, ((i - from) * p + z) * p, p);
            }
        }
        INDArray x = Nd4j.create(out, new long[] {to - from, 1, p, p}, DataType.FLOAT);
        return type == DataType.FLOAT ? x : x.castTo(type);
    }
}
