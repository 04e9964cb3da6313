package org.explain4j.seismic.section;

import java.nio.FloatBuffer;
import java.util.List;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.cam.MapOps;
import org.explain4j.core.memory.HeapCopies;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer-grid maps (CAM methods), pasted without one operation per window. A window's map M [h, w] upsampled to the
 * patch is Rz M Rx^T ({@link MapOps#interpolation}); placed at (z0, x0) in the section it is RZ M RX^T with Rz and
 * Rx shifted there. So the windows' maps are kept at the layer's size as tiles of one matrix T [rows h, columns w]
 * (tile (r, c) is window (r, c)'s map; a window that does not answer leaves zeros), and the whole paste is
 * {@code RZ T RX^T}, with RZ [samples, rows h] and RX [traces, columns w] holding each window row's and column's
 * interpolation block at its offset: two matrix products per map, no operation per window. The picture is the same product of ReLU(T), as Grad-CAM ReLUs
 * before upsampling.
 */
final class TilePaste implements MapPaste {

    private final SectionWindows windows;
    private final int h;
    private final int w;
    private final int width;
    private final float[][] tiles;
    /** The maps of the batch being pasted, on the heap: read once per batch, into the same array each time. */
    private INDArray onHeapOf;
    private float[] onHeap;

    TilePaste(SectionWindows windows, int questions, int h, int w) {
        this.windows = windows;
        this.h = h;
        this.w = w;
        this.width = windows.columns() * w;
        this.tiles = new float[questions][windows.rows() * h * width];
    }

    @Override
    public void add(int window, List<Explanation> answers) {
        int r = window / windows.columns();
        int c = window % windows.columns();
        for (int k = 0; k < answers.size(); k++) {
            Explanation e = answers.get(k);
            if (e.maps() != onHeapOf) { // the answers of a batch share one array of maps
                onHeap = HeapCopies.toHeap(e.maps(), onHeap);
                onHeapOf = e.maps();
            }
            float[] batch = onHeap;
            int from = e.row() * h * w;
            for (int i = 0; i < h; i++) {
                System.arraycopy(batch, from + i * w, tiles[k], (r * h + i) * width + c * w, w);
            }
        }
    }

    @Override
    public INDArray sums() {
        INDArray rz = placed(windows.samples(), windows.rows(), h, windows::rowStart);
        INDArray rx = placed(windows.traces(), windows.columns(), w, windows::columnStart);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, tiles.length, 2, windows.samples(), windows.traces());
        // One tile matrix and one intermediate, reused by every map, and the products written straight into the
        // result: this runs once per section, but fresh memory costs more here than the arithmetic (each new page is
        // faulted in; docs/BENCHMARKS.md, "Seismic sections"). BLAS's GEMM directly: INDArray.mmul (libnd4j's matmul
        // op) is several times slower on these shapes (docs/BENCHMARKS.md, "Every method").
        INDArray t = Nd4j.createUninitialized(DataType.FLOAT, (long) windows.rows() * h, width);
        INDArray zt = Nd4j.createUninitialized(DataType.FLOAT, windows.samples(), width);
        for (int k = 0; k < tiles.length; k++) {
            HeapCopies.fill(t, FloatBuffer.wrap(tiles[k]));
            Nd4j.gemm(rz, t, zt, false, false, 1, 0);
            Nd4j.gemm(zt, rx, out.get(NDArrayIndex.point(k), NDArrayIndex.point(1)), false, true, 1, 0);
            Transforms.relu(t, false);
            Nd4j.gemm(rz, t, zt, false, false, 1, 0);
            Nd4j.gemm(zt, rx, out.get(NDArrayIndex.point(k), NDArrayIndex.point(0)), false, true, 1, 0);
        }
        return out;
    }

    /**
     * [size, windows x cells]: window i's interpolation block at rows start(i) .. start(i) + patch, columns i cells.
     * Dense on purpose: products per window row and column (a few hundred small ones) or per band of 128 rows took
     * as long or longer in ND4J than these two dense products (1.1-2.0 s and 0.3-0.5 s against 0.25-0.35 s for a
     * 1000 x 500 section at stride 8).
     */
    private INDArray placed(int size, int count, int cells, java.util.function.IntUnaryOperator start) {
        int p = windows.patch();
        double[][] block = MapOps.interpolation(p, cells);
        float[] m = new float[size * count * cells];
        for (int i = 0; i < count; i++) {
            int s = start.applyAsInt(i);
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < cells; b++) {
                    m[(s + a) * count * cells + i * cells + b] = (float) block[a][b];
                }
            }
        }
        return HeapCopies.floats(m, size, (long) count * cells);
    }
}
