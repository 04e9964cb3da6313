package org.explain4j.spark.job;

import java.nio.file.Path;
import org.apache.spark.SparkFiles;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.recognition.novelty.detector.NoveltyDetector;
import org.explain4j.recognition.novelty.detector.NoveltyRun;

/** The executor's novelty detectors ({@link ExecutorPool}), loaded from the detector folder's files as the driver shipped them. */
public final class DetectorPool extends ExecutorPool<NoveltyRun> {

    private final int batch;
    private final long maxPixels;

    public DetectorPool(int batch, long maxPixels) {
        this.batch = batch;
        this.maxPixels = maxPixels;
    }

    @Override
    protected NoveltyRun load() {
        // addFile puts every shipped file in one folder, under its own name: the detector folder's files, as saved
        return new NoveltyRun(NoveltyDetector.load(Path.of(SparkFiles.getRootDirectory())), batch, new PixelLimit(maxPixels));
    }
}
