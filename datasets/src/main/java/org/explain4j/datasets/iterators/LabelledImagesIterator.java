package org.explain4j.datasets.iterators;

import java.util.List;
import org.explain4j.datasets.LabelledImages;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Any of the project's labelled image sets (IDX MNIST / Fashion-MNIST, CIFAR-10, CURE-TSR and the synthetic signs,
 * LANDMASS and the synthetic seismic patches: everything that reads into {@link LabelledImages}) as an ND4J
 * {@code DataSetIterator}, so that a DL4J network trains on it with its own {@code fit}: features [N, C, H, W] in
 * [0, 1], one-hot labels, in minibatches. Shuffled per epoch from a seed (the same seed, the same order), or in file
 * order. DL4J's normalisers attach as usual ({@link #setPreProcessor}, e.g. {@code NormalizerStandardize}).
 */
public final class LabelledImagesIterator extends EpochIterator {

    private final LabelledImages data;
    private final INDArray labels;

    /** In file order. */
    public LabelledImagesIterator(LabelledImages data, int batch) {
        this(data, batch, null);
    }

    /** Shuffled anew each epoch with {@code new Random(seed + epoch)}; a null seed keeps file order. */
    public LabelledImagesIterator(LabelledImages data, int batch, Long seed) {
        super(data.size(), batch, seed);
        this.data = data;
        this.labels = data.oneHot();
    }

    @Override
    DataSet load(int[] indices) {
        long[] rows = java.util.Arrays.stream(indices).asLongStream().toArray();
        return new DataSet(data.images().get(NDArrayIndex.indices(rows)).dup(), labels.get(NDArrayIndex.indices(rows)).dup());
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
    public List<String> getLabels() {
        return data.classNames();
    }
}
