package org.explain4j.datasets.saliency;

import java.awt.image.BufferedImage;
import org.explain4j.core.saliency.metrics.Grid;

/**
 * One eye-tracking sample: the stimulus as read, its binary fixation map (1 where someone fixated) and, where
 * the data set has one, its continuous fixation density (null otherwise), both at the stimulus' size.
 */
public record FixationSample(String name, BufferedImage stimulus, Grid fixations, Grid density) {
}
