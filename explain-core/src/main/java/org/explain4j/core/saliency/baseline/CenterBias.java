package org.explain4j.core.saliency.baseline;

import org.explain4j.core.saliency.metrics.Grid;

/**
 * The centre-bias baseline every eye-tracking benchmark reports: an anisotropic Gaussian at the image centre
 * whose standard deviation along each axis is {@code spread} times that side (default a quarter). It knows
 * nothing of the image; a saliency model that cannot beat it has learnt only where photographers put things.
 */
public record CenterBias(double spread) {

    public static final double DEFAULT_SPREAD = 0.25;

    public CenterBias {
        if (!(spread > 0)) {
            throw new IllegalArgumentException("the centre bias' spread must be positive, got " + spread);
        }
    }

    public static CenterBias standard() {
        return new CenterBias(DEFAULT_SPREAD);
    }

    /** The map for an image of this size, peak 1. */
    public Grid map(int height, int width) {
        double sy = spread * height;
        double sx = spread * width;
        double cy = (height - 1) / 2.0;
        double cx = (width - 1) / 2.0;
        double[] v = new double[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dy = (y - cy) / sy;
                double dx = (x - cx) / sx;
                v[y * width + x] = Math.exp(-0.5 * (dy * dy + dx * dx));
            }
        }
        return new Grid(height, width, v);
    }
}
