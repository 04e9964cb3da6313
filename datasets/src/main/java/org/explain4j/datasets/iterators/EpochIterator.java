package org.explain4j.datasets.iterators;

import java.util.NoSuchElementException;
import java.util.Random;
import org.explain4j.core.train.Permutations;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * What the project's DataSetIterators share: n samples visited once per epoch in minibatches, in file order or in a
 * seeded shuffle drawn anew each epoch ({@code new Random(seed + epoch)}), the preprocessor applied to each minibatch.
 * A subclass only loads the samples of a minibatch.
 */
abstract class EpochIterator implements DataSetIterator {

    private final int n;
    private final int batch;
    private final Long seed;
    private int[] order;
    private int cursor;
    private int epoch;
    private DataSetPreProcessor preProcessor;

    EpochIterator(int n, int batch, Long seed) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
        }
        if (n == 0) {
            throw new IllegalArgumentException("nothing to iterate over");
        }
        this.n = n;
        this.batch = batch;
        this.seed = seed;
        this.order = order(0);
    }

    private int[] order(int e) {
        if (seed == null) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        return Permutations.of(n, new Random(seed + e));
    }

    /** The minibatch of the samples at {@code indices}, in that order. */
    abstract DataSet load(int[] indices);

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("the epoch is over; call reset()");
        }
        int end = Math.min(cursor + num, order.length);
        int[] indices = java.util.Arrays.copyOfRange(order, cursor, end);
        cursor = end;
        DataSet ds = load(indices);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public DataSet next() {
        return next(batch);
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public void reset() {
        cursor = 0;
        epoch++;
        order = order(epoch);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }
}
