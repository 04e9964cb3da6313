package org.explain4j.datasets.iterators;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.explain4j.core.io.ImageReading;
import org.explain4j.core.io.InputException;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.core.render.Images;
import org.explain4j.datasets.iqa.QualitySample;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * TID2013 or KADID-10k samples ({@code Tid2013Reader.read}, {@code Kadid10kReader.read}) as an ND4J
 * {@link DataSetIterator} for a quality regressor: each distorted image read when its minibatch is asked for (the
 * sets are gigabytes), resized (bilinear) to {@code side} x {@code side} RGB in [0, 1], its label the mean opinion
 * score, [N, 1]. A file that cannot be decoded is skipped with its reason kept ({@link #skipped}).
 */
public final class QualityIterator implements DataSetIterator {

    private final List<QualitySample> samples;
    private final int side;
    private final int batch;
    private final EpochOrder epochs;
    private final List<String> skipped = new ArrayList<>();
    private int[] order;
    private int cursor;
    private int epoch;
    private DataSetPreProcessor preProcessor;

    /** Shuffled anew each epoch with {@code new Random(seed + epoch)}; a null seed keeps the readers' order. */
    public QualityIterator(List<QualitySample> samples, int side, int batch, Long seed) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no quality samples to iterate over");
        }
        if (side < 1 || batch < 1) {
            throw new IllegalArgumentException("image side and batch size must be at least 1");
        }
        this.samples = List.copyOf(samples);
        this.side = side;
        this.batch = batch;
        this.epochs = new EpochOrder(samples.size(), seed);
        this.order = epochs.of(0);
    }

    /** What could not be read so far, one line each. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("the epoch is over; call reset()");
        }
        int plane = side * side;
        List<float[]> images = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        while (images.size() < num && cursor < order.length) {
            QualitySample s = samples.get(order[cursor++]);
            BufferedImage img;
            try {
                img = ImageReading.read(s.distorted(), PixelLimit.DEFAULT);
            } catch (InputException e) {
                skipped.add(e.getMessage());
                continue;
            }
            Raster r = Images.resize(img, side, side).getRaster();
            float[] chw = new float[3 * plane];
            for (int b = 0; b < 3; b++) {
                System.arraycopy(r.getSamples(0, 0, side, side, b, (float[]) null), 0, chw, b * plane, plane);
            }
            images.add(chw);
            scores.add((float) s.mos());
        }
        if (images.isEmpty()) {
            throw new NoSuchElementException("none of the remaining images could be read: " + String.join("; ", skipped));
        }
        float[] all = new float[images.size() * 3 * plane];
        float[] y = new float[images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, all, i * 3 * plane, 3 * plane);
            y[i] = scores.get(i);
        }
        INDArray x = Nd4j.createFromArray(all).reshape(images.size(), 3, side, side).divi(255f);
        DataSet ds = new DataSet(x, Nd4j.createFromArray(y).reshape(images.size(), 1));
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
        return 3 * side * side;
    }

    @Override
    public int totalOutcomes() {
        return 1;
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
        return null;
    }
}
