package org.explain4j.datasets.curetsr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.explain4j.core.io.ImageReading;
import org.explain4j.core.io.InputException;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.core.render.Images;
import org.explain4j.datasets.DatasetException;
import org.explain4j.datasets.LabelledImages;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CURE-TSR folders (and the synthetic signs written in the same convention): every image below a
 * folder whose name follows {@link CureTsrName}, optionally filtered, resized (bilinear) to
 * {@code size} x {@code size} RGB in [0,1]. Files that do not follow the convention are ignored;
 * files that follow it but cannot be decoded are reported in {@link Loaded#skipped}.
 */
public final class CureTsrReader {

    private final int size;

    public CureTsrReader(int size) {
        this.size = size;
    }

    /** The images, their parsed names (same order) and the files that could not be read. */
    public record Loaded(LabelledImages data, List<CureTsrName> names, List<Path> files, List<String> skipped) {
    }

    public Loaded read(Path root, Predicate<CureTsrName> filter) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException("CURE-TSR folder not found: " + root);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list " + root + ": " + e.getMessage(), e);
        }
        List<CureTsrName> names = new ArrayList<>();
        List<Path> used = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int plane = size * size;
        float[] pixels = new float[0];
        int count = 0;
        for (Path f : files) {
            CureTsrName name = CureTsrName.parse(f.getFileName().toString()).orElse(null);
            if (name == null || !filter.test(name)) {
                continue;
            }
            BufferedImage img;
            try {
                img = ImageReading.read(f, PixelLimit.DEFAULT);
            } catch (InputException e) {
                skipped.add(e.getMessage());
                continue;
            }
            if ((count + 1) * 3 * plane > pixels.length) {
                pixels = java.util.Arrays.copyOf(pixels, Math.max(3 * plane, 2 * pixels.length));
            }
            // Bands straight into one array: an ND4J array per image costs more than decoding it.
            java.awt.image.Raster raster = Images.resize(img, size, size).getRaster();
            for (int b = 0; b < 3; b++) {
                float[] band = raster.getSamples(0, 0, size, size, b, (float[]) null);
                System.arraycopy(band, 0, pixels, (count * 3 + b) * plane, plane);
            }
            names.add(name);
            used.add(f);
            count++;
        }
        if (count == 0) {
            throw new DatasetException("no CURE-TSR images (seqType_signType_challType_level_index.bmp) matched in " + root);
        }
        INDArray x = Nd4j.createFromArray(java.util.Arrays.copyOf(pixels, count * 3 * plane)).reshape(count, 3, size, size).divi(255f);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = names.get(i).classIndex();
        }
        return new Loaded(new LabelledImages(x, labels, CureTsrName.SIGNS), names, used, skipped);
    }
}
