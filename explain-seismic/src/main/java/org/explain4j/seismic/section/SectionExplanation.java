package org.explain4j.seismic.section;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A section's answers, as images of the section (rows are depth, columns are traces: [samples, traces]).
 *
 * @param windows       the windows it was explained in
 * @param captions      the questions, in order
 * @param pictures      per question, the windows' maps as a picture shows them (CAM maps ReLU'd and upsampled,
 *                      input maps as |a| per pixel), unnormalised, averaged over every window covering a pixel
 * @param signed        per question, the same average of the signed maps (before any ReLU)
 * @param probabilities [windows, classes]: each window's class probabilities, windows row-major
 * @param predicted     each window's class
 * @param answering     how many windows answered (classified as P when P is named; else all)
 * @param seconds       wall time of the run
 */
public record SectionExplanation(SectionWindows windows, List<String> captions, List<INDArray> pictures, List<INDArray> signed,
                                 INDArray probabilities, int[] predicted, int answering, double seconds) {

    /** [rows, columns]: each window's class. */
    public INDArray classGrid() {
        return org.nd4j.linalg.factory.Nd4j.createFromArray(predicted).reshape(windows.rows(), windows.columns());
    }

    /** [samples, traces]: each pixel takes the class of the window whose centre is nearest. */
    public INDArray classMap() {
        return classGrid().getRows(windows.nearestRow()).getColumns(windows.nearestColumn());
    }

    /** How many windows were classified as {@code c}. */
    public int windowsOf(int c) {
        int n = 0;
        for (int p : predicted) {
            n += p == c ? 1 : 0;
        }
        return n;
    }
}
