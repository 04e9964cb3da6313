package org.explain4j.recognition.novelty.experiment;

/**
 * Progress of one novelty experiment: training steps, then images through the trained model (the training images once,
 * for the mean inlier gradient, then the images scored).
 */
public interface NoveltyProgress {

    void training(int epoch, int epochs, int batch, int batches, double loss);

    void scoring(int images, int total);
}
