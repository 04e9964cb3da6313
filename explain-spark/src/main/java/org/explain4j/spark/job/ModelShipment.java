package org.explain4j.spark.job;

import java.io.Serializable;
import org.explain4j.core.attribution.MethodSpec;

/**
 * A model as the driver ships it: its file's name as {@code SparkContext.addFile} shipped it (its card beside it), the
 * labels' file name or null, the method to build on it, and the largest image decoded ({@code --max-pixels}).
 */
public record ModelShipment(String modelFile, String labelsFile, MethodSpec spec, long maxPixels) implements Serializable {
}
