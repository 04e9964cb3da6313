package org.explain4j.datasets.iterators;

import java.util.List;
import java.util.NoSuchElementException;
import org.explain4j.datasets.LabelledImages;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Any of the project's labelled image sets (IDX MNIST / Fashion-MNIST, CIFAR-10, CURE-TSR and the synthetic signs,
 * LANDMASS and the synthetic seismic patches: everything that reads into {@link LabelledImages}) as an ND4J
 * {@link DataSetIterator}, so that a DL4J network trains on it with its own {@code fit}: features [N, C, H, W] in
 * [0, 1], one-hot labels, in minibatches. Shuffled per epoch from a seed (the same seed, the same order), or in file
 * order. DL4J's normalisers attach as usual ({@link #setPreProcessor}, e.g. {@code NormalizerStandardize}).
 */
public final class LabelledImagesIterator implements DataSetIterator {

    private final LabelledImages data;
    private final INDArray labels;
    private final int batch;
    private final EpochOrder epochs;
    private int[] order;
    private int cursor;
    private int epoch;
    private DataSetPreProcessor preProcessor;

    /** In file order. */
    public LabelledImagesIterator(LabelledImages data, int batch) {
        this(data, batch, null);
    }

    /** Shuffled anew each epoch with {@code new Random(seed + epoch)}; a null seed keeps file order. */
    public LabelledImagesIterator(LabelledImages data, int batch, Long seed) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("no images to iterate over");
        }
        this.data = data;
        this.labels = data.oneHot();
        this.batch = batch;
        this.epochs = new EpochOrder(data.size(), seed);
        this.order = epochs.of(0);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("the epoch is over; call reset()");
        }
        int end = Math.min(cursor + num, order.length);
        long[] rows = new long[end - cursor];
        for (int i = cursor; i < end; i++) {
            rows[i - cursor] = order[i];
        }
        cursor = end;
        INDArray x = data.images().get(NDArrayIndex.indices(rows)).dup();
        INDArray y = labels.get(NDArrayIndex.indices(rows)).dup();
        DataSet ds = new DataSet(x, y);
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
        order = epochs.of(epoch);
    }

    @Override
    public int inputColumns() {
        return (int) (data.images().length() / data.size());
    }

    @Override
    public int totalOutcomes() {
        return data.classNames().size();
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

    @Override
    public List<String> getLabels() {
        return data.classNames();
    }
}
