package org.explain4j.seismic.section;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<INDArray, float[]> onHeap = new IdentityHashMap<>();

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
            float[] batch = onHeap.computeIfAbsent(e.maps(), m -> m.castTo(DataType.FLOAT).dup('c').data().asFloat());
            if (onHeap.size() > 2) {
                onHeap.keySet().removeIf(m -> m != e.maps()); // batches come one after another
            }
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
        INDArray out = Nd4j.create(DataType.FLOAT, tiles.length, 2, windows.samples(), windows.traces());
        // BLAS's GEMM directly: INDArray.mmul (libnd4j's matmul op) is several times slower on these shapes
        // (docs/BENCHMARKS.md, "Every method").
        for (int k = 0; k < tiles.length; k++) {
            INDArray t = HeapCopies.floats(tiles[k], (long) windows.rows() * h, width);
            out.get(NDArrayIndex.point(k), NDArrayIndex.point(0))
                    .assign(Nd4j.gemm(Nd4j.gemm(rz, Transforms.relu(t, true), false, false), rx, false, true));
            out.get(NDArrayIndex.point(k), NDArrayIndex.point(1)).assign(Nd4j.gemm(Nd4j.gemm(rz, t, false, false), rx, false, true));
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
