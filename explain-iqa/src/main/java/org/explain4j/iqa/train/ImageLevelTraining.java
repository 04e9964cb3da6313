package org.explain4j.iqa.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.explain4j.core.gradient.QuietStdout;
import org.explain4j.core.train.ClassifierTraining;
import org.explain4j.core.train.Permutations;
import org.explain4j.iqa.nets.Diqam;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * Trains a DIQaM-family graph on image scores, as Bosse et al. train WaDIQaM: a batch holds a few
 * images with {@code patchesPerImage} 32x32 patches each, cropped at random positions drawn afresh every
 * epoch (the same positions in a full-reference model's reference), the network aggregates the patches'
 * scores into the image score (mean, or weighted by the weight branch) and the loss is the MAE between
 * image scores and targets. Adam's learning rate halves after each third of the epochs. Unlike patch-wise training
 * (every tile learns its image's score), a clean tile of a locally damaged image is not taught a low
 * score: only the aggregate must match, which is what lets a model rank local distortions.
 */
public final class ImageLevelTraining {

    public static final String TARGETS = "explain4j_image_targets";
    public static final String LOSS = "explain4j_image_loss";
    private static final int PATCH = 32;

    /** One training image [C,H,W], its reference (full-reference only, else null), its target. */
    public record Example(INDArray image, INDArray reference, double target) {
    }

    /** Hyper-parameters. */
    public record Settings(int epochs, int imagesPerBatch, double learningRate, long seed) {
        public Settings {
            if (epochs < 1 || imagesPerBatch < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("epochs and images per batch must be at least 1 and the learning rate positive");
            }
        }
    }

    private ImageLevelTraining() {
    }

    /** Trains {@code sd} (a {@link Diqam} graph) in place; returns the mean batch loss of each epoch. */
    public static List<Double> train(SameDiff sd, List<Example> data, int patchesPerImage, Settings s,
                                     ClassifierTraining.Progress progress) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no training images");
        }
        boolean fullReference = sd.hasVariable(Diqam.REFERENCE);
        DataType type = sd.getVariable(Diqam.INPUT).dataType();
        SDVariable target = sd.placeHolder(TARGETS, type, -1, 1);
        sd.loss().absoluteDifference(LOSS, target, Diqam.imageScore(sd, patchesPerImage), null);
        sd.setLossVariables(LOSS);
        int batches = (data.size() + s.imagesPerBatch() - 1) / s.imagesPerBatch();
        ISchedule rate = new StepSchedule(ScheduleType.ITERATION, s.learningRate(), 0.5, Math.max(1, s.epochs() / 3) * batches);
        TrainingConfig.Builder config = TrainingConfig.builder().updater(new Adam(rate)).dataSetLabelMapping(TARGETS);
        config = fullReference ? config.dataSetFeatureMapping(Diqam.INPUT, Diqam.REFERENCE) : config.dataSetFeatureMapping(Diqam.INPUT);
        sd.setTrainingConfig(config.build());

        Random rng = new Random(s.seed());
        int n = data.size();
        List<Double> losses = new ArrayList<>();
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            int[] order = Permutations.of(n, rng);
            double sum = 0;
            for (int b = 0; b < batches; b++) {
                int[] images = Arrays.copyOfRange(order, b * s.imagesPerBatch(), Math.min(n, (b + 1) * s.imagesPerBatch()));
                List<INDArray> x = new ArrayList<>();
                List<INDArray> ref = new ArrayList<>();
                double[] y = new double[images.length];
                for (int i = 0; i < images.length; i++) {
                    Example e = data.get(images[i]);
                    long[][] corners = corners(e.image(), patchesPerImage, rng);
                    x.add(crops(e.image(), corners));
                    if (fullReference) {
                        ref.add(crops(e.reference(), corners));
                    }
                    y[i] = e.target();
                }
                INDArray[] features = fullReference
                        ? new INDArray[] {concat(x, type), concat(ref, type)} : new INDArray[] {concat(x, type)};
                INDArray labels = Nd4j.createFromArray(y).reshape(y.length, 1).castTo(type);
                QuietStdout.run(() -> sd.fit(new MultiDataSet(features, new INDArray[] {labels})));
                // M2.1 reports no loss from fit(MultiDataSet), to listeners either: score the batch after the step.
                Map<String, INDArray> feeds = fullReference
                        ? Map.of(Diqam.INPUT, features[0], Diqam.REFERENCE, features[1], TARGETS, labels)
                        : Map.of(Diqam.INPUT, features[0], TARGETS, labels);
                double loss = sd.output(feeds, LOSS).get(LOSS).getDouble(0);
                sum += loss;
                progress.step(epoch, b + 1, batches, loss);
            }
            losses.add(sum / batches);
        }
        return losses;
    }

    /** {@code count} random top-left corners of 32x32 patches inside a [C,H,W] image. */
    private static long[][] corners(INDArray image, int count, Random rng) {
        long h = image.size(1);
        long w = image.size(2);
        if (h < PATCH || w < PATCH) {
            throw new IllegalArgumentException("a training image (" + w + "x" + h + ") is smaller than one 32x32 patch");
        }
        long[][] c = new long[count][];
        for (int i = 0; i < count; i++) {
            c[i] = new long[] {rng.nextInt((int) (h - PATCH + 1)), rng.nextInt((int) (w - PATCH + 1))};
        }
        return c;
    }

    private static INDArray crops(INDArray image, long[][] corners) {
        INDArray out = Nd4j.create(image.dataType(), corners.length, image.size(0), PATCH, PATCH);
        for (int i = 0; i < corners.length; i++) {
            out.putSlice(i, image.get(NDArrayIndex.all(), NDArrayIndex.interval(corners[i][0], corners[i][0] + PATCH),
                    NDArrayIndex.interval(corners[i][1], corners[i][1] + PATCH)));
        }
        return out;
    }

    private static INDArray concat(List<INDArray> parts, DataType type) {
        return Nd4j.concat(0, parts.toArray(INDArray[]::new)).castTo(type);
    }
}
