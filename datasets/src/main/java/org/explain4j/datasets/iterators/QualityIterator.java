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
import org.nd4j.linalg.factory.Nd4j;

/**
 * TID2013 or KADID-10k samples ({@code Tid2013Reader.read}, {@code Kadid10kReader.read}) as an ND4J
 * {@code DataSetIterator} for a quality regressor: each distorted image read when its minibatch is asked for (the
 * sets are gigabytes), resized (bilinear) to {@code side} x {@code side} RGB in [0, 1], its label the mean opinion
 * score, [N, 1]. A file that cannot be decoded is skipped with its reason kept ({@link #skipped}).
 */
public final class QualityIterator extends EpochIterator {

    private final List<QualitySample> samples;
    private final int side;
    private final List<String> skipped = new ArrayList<>();

    /** Shuffled anew each epoch with {@code new Random(seed + epoch)}; a null seed keeps the readers' order. */
    public QualityIterator(List<QualitySample> samples, int side, int batch, Long seed) {
        super(samples.size(), batch, seed);
        if (side < 1) {
            throw new IllegalArgumentException("image side must be at least 1");
        }
        this.samples = List.copyOf(samples);
        this.side = side;
    }

    /** What could not be read so far, one line each. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    @Override
    DataSet load(int[] indices) {
        int plane = side * side;
        List<float[]> images = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        for (int index : indices) {
            QualitySample s = samples.get(index);
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
            throw new NoSuchElementException("none of this minibatch's images could be read: " + String.join("; ", skipped));
        }
        float[] all = new float[images.size() * 3 * plane];
        float[] y = new float[images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, all, i * 3 * plane, 3 * plane);
            y[i] = scores.get(i);
        }
        INDArray x = Nd4j.createFromArray(all).reshape(images.size(), 3, side, side).divi(255f);
        return new DataSet(x, Nd4j.createFromArray(y).reshape(images.size(), 1));
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
    public List<String> getLabels() {
        return null;
    }
}
