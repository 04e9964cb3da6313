package org.explain4j.seismic.section;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.explain4j.core.attribution.Explanation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Input-space maps (the gradient family), already at the window's size: each window's K pictures (sum over channels
 * of |a|) and signed maps (sum over channels of a) are added where it lies, in one operation per window; a batch's
 * shared map array is reduced over channels once.
 */
final class PixelPaste implements MapPaste {

    private final SectionWindows windows;
    private final INDArray sums;
    private final Map<INDArray, INDArray> reduced = new IdentityHashMap<>();

    PixelPaste(SectionWindows windows, int questions) {
        this.windows = windows;
        this.sums = Nd4j.create(DataType.FLOAT, questions, 2, windows.samples(), windows.traces());
    }

    @Override
    public void add(int window, List<Explanation> answers) {
        int p = windows.patch();
        int z0 = windows.rowStart(window / windows.columns());
        int x0 = windows.columnStart(window % windows.columns());
        for (int k = 0; k < answers.size(); k++) {
            Explanation e = answers.get(k);
            INDArray both = reduced.computeIfAbsent(e.maps(), PixelPaste::reduce);
            if (reduced.size() > 2) {
                reduced.keySet().removeIf(m -> m != e.maps());
            }
            // Indexed from the sums each time: a point index on an indexed view comes back empty in ND4J M2.1.
            sums.get(NDArrayIndex.point(k), NDArrayIndex.all(), NDArrayIndex.interval(z0, z0 + p), NDArrayIndex.interval(x0, x0 + p))
                    .addi(both.get(NDArrayIndex.point(e.row())));
        }
    }

    @Override
    public INDArray sums() {
        return sums;
    }

    /** [R, C, H, W] -> [R, 2, H, W]: sum_c |a_c| and sum_c a_c. */
    private static INDArray reduce(INDArray maps) {
        INDArray m = maps.castTo(DataType.FLOAT);
        return Nd4j.stack(1, Transforms.abs(m, true).sum(1), m.sum(1));
    }
}
