package org.explain4j.datasets.saliency;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.core.saliency.metrics.Grid;
import org.explain4j.datasets.DatasetException;

/**
 * Where one sample's files are, before anything is read: the stimulus, and its fixations as a binary image,
 * a {@code .mat} matrix or a list of points (SALICON), and optionally a density image.
 */
public record FixationEntry(String name, Path stimulus, Fixations fixations, Path density) {

    /** Where the fixations come from. */
    public sealed interface Fixations {
        Grid read(int height, int width);
    }

    /** A binary fixation image (a pixel is fixated when at least half as bright as the brightest). */
    public record BinaryImage(Path file, PixelLimit limit) implements Fixations {
        @Override
        public Grid read(int height, int width) {
            return FixationImages.binary(file, height, width, limit);
        }

        /** The map at the image file's own size. */
        public Grid readAtOwnSize() {
            return FixationImages.binary(file, limit);
        }
    }

    /** A MATLAB matrix of the stimulus' size, non-zero where fixated (CAT2000's FIXATIONLOCS). */
    public record MatMatrix(Path file) implements Fixations {
        @Override
        public Grid read(int height, int width) {
            return FixationImages.mat(file, height, width);
        }
    }

    /** Fixation points (row, column), 0-based, as a SALICON-style list gives them. */
    public record Points(int[][] rowColumn) implements Fixations {
        @Override
        public Grid read(int height, int width) {
            double[] v = new double[height * width];
            for (int[] p : rowColumn) {
                if (p[0] >= 0 && p[0] < height && p[1] >= 0 && p[1] < width) {
                    v[p[0] * width + p[1]] = 1;
                }
            }
            return new Grid(height, width, v);
        }
    }

    /** Reads the files; a file that is missing, unreadable or of another size than the stimulus is a {@link DatasetException}. */
    public FixationSample load(PixelLimit limit) {
        BufferedImage image = FixationImages.stimulus(stimulus, limit);
        Grid fix = fixations.read(image.getHeight(), image.getWidth());
        if (!fix.any()) {
            throw new DatasetException(name + ": the fixation map has no fixations");
        }
        Grid dens = density == null ? null : FixationImages.density(density, image.getHeight(), image.getWidth(), limit);
        return new FixationSample(name, image, fix, dens);
    }
}
