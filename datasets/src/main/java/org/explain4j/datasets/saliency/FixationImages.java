package org.explain4j.datasets.saliency;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Path;
import org.explain4j.core.io.ImageReading;
import org.explain4j.core.io.InputException;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.core.saliency.metrics.Grid;
import org.explain4j.datasets.DatasetException;
import org.explain4j.datasets.landmass.MatFile;

/** Reading the images of an eye-tracking set: stimuli, binary fixation maps, density maps, fixation matrices. */
public final class FixationImages {

    private FixationImages() {
    }

    public static BufferedImage stimulus(Path file, PixelLimit limit) {
        try {
            return ImageReading.read(file, limit);
        } catch (InputException e) {
            throw new DatasetException(e.getMessage(), e);
        }
    }

    /** The grey level of each pixel (the mean of its bands), as doubles. */
    public static Grid grey(Path file, PixelLimit limit) {
        BufferedImage img = stimulus(file, limit);
        Raster r = img.getRaster();
        int bands = Math.min(3, r.getNumBands());
        double[] v = new double[img.getWidth() * img.getHeight()];
        double[] px = new double[r.getNumBands()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                r.getPixel(x, y, px);
                double s = 0;
                for (int b = 0; b < bands; b++) {
                    s += px[b];
                }
                v[y * img.getWidth() + x] = s / bands;
            }
        }
        return new Grid(img.getHeight(), img.getWidth(), v);
    }

    /**
     * A binary fixation image: fixated where at least half as bright as its brightest pixel, so that both 0/1 and
     * 0/255 maps read right and JPEG's ringing around the points (MIT1003's _fixPts.jpg) does not count.
     */
    static Grid binary(Path file, int height, int width, PixelLimit limit) {
        Grid g = sized(grey(file, limit), file, height, width);
        double half = g.max() / 2;
        double[] v = new double[g.values().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = g.max() > 0 && g.values()[i] >= half ? 1 : 0;
        }
        return new Grid(height, width, v);
    }

    /** A binary fixation image at its own size. */
    public static Grid binary(Path file, PixelLimit limit) {
        Grid g = grey(file, limit);
        return binary(file, g.height(), g.width(), limit);
    }

    static Grid density(Path file, int height, int width, PixelLimit limit) {
        return sized(grey(file, limit), file, height, width);
    }

    static Grid mat(Path file, int height, int width) {
        float[][] m;
        try {
            m = MatFile.readMatrix(file);
        } catch (InputException e) {
            throw new DatasetException(e.getMessage(), e);
        }
        if (m.length != height || m[0].length != width) {
            throw new DatasetException(file + ": a " + m.length + "x" + m[0].length + " fixation matrix for a " + height + "x" + width + " stimulus");
        }
        double[] v = new double[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                v[y * width + x] = m[y][x] != 0 ? 1 : 0;
            }
        }
        return new Grid(height, width, v);
    }

    private static Grid sized(Grid g, Path file, int height, int width) {
        if (g.height() != height || g.width() != width) {
            throw new DatasetException(file + " is " + g.width() + "x" + g.height() + " but its stimulus " + width + "x" + height);
        }
        return g;
    }
}
