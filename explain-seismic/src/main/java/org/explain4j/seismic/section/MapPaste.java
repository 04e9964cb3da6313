package org.explain4j.seismic.section;

import java.util.List;
import org.explain4j.core.attribution.Explanation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a window's answers are added into section-sized sums, per question a picture (ReLU'd CAM map, or |a| per
 * pixel) and the signed map: {@link TilePaste} for maps on a layer's grid, {@link PixelPaste} for maps on the input.
 */
sealed interface MapPaste permits TilePaste, PixelPaste {

    /** Adds window {@code w}'s K answers. */
    void add(int w, List<Explanation> answers);

    /** [K, 2, samples, traces]: per question, the summed picture (index 0) and signed map (index 1). */
    INDArray sums();

    /** The paste for these answers' space. */
    static MapPaste of(SectionWindows windows, Explanation first, int questions) {
        INDArray raw = first.raw();
        return first.space() instanceof org.explain4j.core.attribution.Space.Layer
                ? new TilePaste(windows, questions, (int) raw.size(0), (int) raw.size(1))
                : new PixelPaste(windows, questions);
    }
}
