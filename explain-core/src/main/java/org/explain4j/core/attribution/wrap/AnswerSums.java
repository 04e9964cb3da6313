package org.explain4j.core.attribution.wrap;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A wrapper's per-answer sums over its repeated rows (row r belongs to answer r / n), added a chunk at a time, so the
 * K x n rows' maps never have to exist at once.
 */
final class AnswerSums {

    private final long perMap;
    private final INDArray sums;
    private final INDArray squares;

    /** Sums of {@code answers} maps of {@code perMap} values each, and of their squares when asked for. */
    AnswerSums(int answers, long perMap, DataType type, boolean withSquares) {
        this.perMap = perMap;
        this.sums = Nd4j.zeros(type, answers, perMap);
        this.squares = withSquares ? Nd4j.zeros(type, answers, perMap) : null;
    }

    /**
     * Adds the maps of rows [from, from + c), each times its weight when {@code weights} ([c, 1]) is given; runs of rows
     * of one answer are summed by one reduction each.
     */
    void add(INDArray maps, INDArray weights, int from, int n) {
        long c = maps.size(0);
        INDArray flat = maps.reshape('c', c, perMap);
        if (weights != null) {
            flat = flat.mulColumnVector(weights.castTo(flat.dataType()));
        }
        INDArray squared = squares == null ? null : flat.mul(flat);
        for (long s = 0; s < c; ) {
            long answer = (from + s) / n;
            long end = Math.min(c, (answer + 1) * n - from);
            sums.getRow(answer).addi(flat.get(NDArrayIndex.interval(s, end), NDArrayIndex.all()).sum(0));
            if (squared != null) {
                squares.getRow(answer).addi(squared.get(NDArrayIndex.interval(s, end), NDArrayIndex.all()).sum(0));
            }
            s = end;
        }
    }

    /** [answers, perMap], the running sums themselves. */
    INDArray sums() {
        return sums;
    }

    /** [answers, perMap]; only when asked for at construction. */
    INDArray squares() {
        return squares;
    }
}
