package org.explain4j.datasets.landmass;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.explain4j.core.io.ImageReading;
import org.explain4j.core.io.InputException;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.datasets.DatasetException;
import org.explain4j.datasets.LabelledImages;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LANDMASS (olivesgatech, from the F3 Netherlands block): one patch per file in per-class folders {@code horizon},
 * {@code chaotic}, {@code fault}, {@code salt_dome} (also "salt dome", any case), each a {@code .mat} (a single 2-D
 * matrix, {@link MatFile}) or an image (grey levels; colour images are averaged). LANDMASS-1 patches are 99x99,
 * LANDMASS-2 images 150x300; every patch of a set must share one size. Values in [-1,1] are kept; patches
 * stored as 0..255 (a third-party copy) are mapped to [-1,1]. Unreadable files are skipped with their reason.
 */
public final class LandmassReader {

    public static final List<String> CLASSES = List.of("horizon", "chaotic", "fault", "salt_dome");

    /** The patches [N,1,H,W] in [-1,1] with their classes, and the files skipped with why. */
    public record Loaded(LabelledImages data, List<Path> files, List<String> skipped) {
    }

    private LandmassReader() {
    }

    public static Loaded read(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException("LANDMASS folder not found: " + root);
        }
        List<float[][]> patches = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Path> used = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int c = 0; c < CLASSES.size(); c++) {
            Path folder = classFolder(root, CLASSES.get(c));
            if (folder == null) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(folder)) {
                files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
            } catch (IOException e) {
                throw new DatasetException("cannot list " + folder + ": " + e.getMessage(), e);
            }
            for (Path f : files) {
                try {
                    float[][] p = patch(f);
                    if (!patches.isEmpty() && (p.length != patches.get(0).length || p[0].length != patches.get(0)[0].length)) {
                        throw new DatasetException(f + " is " + p.length + "x" + p[0].length + "; the set's patches are "
                                + patches.get(0).length + "x" + patches.get(0)[0].length);
                    }
                    patches.add(p);
                    labels.add(c);
                    used.add(f);
                } catch (InputException e) {
                    skipped.add(e.getMessage());
                }
            }
        }
        if (patches.isEmpty()) {
            throw new DatasetException("no LANDMASS patches under " + root + " (expected folders " + String.join(", ", CLASSES)
                    + " holding .mat or image files)" + (skipped.isEmpty() ? "" : "; " + skipped.size() + " unreadable, first: " + skipped.get(0)));
        }
        int h = patches.get(0).length;
        int w = patches.get(0)[0].length;
        float[] flat = new float[patches.size() * h * w];
        for (int i = 0; i < patches.size(); i++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(patches.get(i)[r], 0, flat, (i * h + r) * w, w);
            }
        }
        LabelledImages data = new LabelledImages(Nd4j.createFromArray(flat).reshape(patches.size(), 1, h, w),
                labels.stream().mapToInt(Integer::intValue).toArray(), CLASSES);
        return new Loaded(data, List.copyOf(used), List.copyOf(skipped));
    }

    private static Path classFolder(Path root, String name) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).filter(d -> d.getFileName().toString().toLowerCase(Locale.ROOT).replace(' ', '_').equals(name))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            throw new DatasetException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** One patch file (.mat or image) in [-1,1], as the reader maps it. */
    public static float[][] patch(Path f) {
        boolean mat = f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mat");
        float[][] p = mat ? MatFile.readMatrix(f) : grey(ImageReading.read(f, PixelLimit.DEFAULT));
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float[] row : p) {
            for (float v : row) {
                if (!Float.isFinite(v)) {
                    throw new DatasetException(f + " holds NaN or infinite values");
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        boolean unit = min >= -1 && max <= 1;
        boolean bytes = min >= 0 && max <= 255;
        if (!unit && !bytes) {
            throw new DatasetException(f + " holds values from " + min + " to " + max + "; LANDMASS patches lie in [-1,1] or 0..255");
        }
        if (!unit || !mat) {
            // 0..255 (images always; matrices when they exceed [-1,1]) to [-1,1]
            for (float[] row : p) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = row[i] / 127.5f - 1;
                }
            }
        }
        return p;
    }

    private static float[][] grey(BufferedImage img) {
        Raster r = img.getRaster();
        int bands = Math.min(3, r.getNumBands());
        float[][] out = new float[img.getHeight()][img.getWidth()];
        for (int y = 0; y < out.length; y++) {
            for (int b = 0; b < bands; b++) {
                float[] row = r.getSamples(0, y, img.getWidth(), 1, b, (float[]) null);
                for (int x = 0; x < row.length; x++) {
                    out[y][x] += row[x] / bands;
                }
            }
        }
        return out;
    }
}
