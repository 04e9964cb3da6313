package org.explain4j.datasets.seismic;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.explain4j.datasets.LabelledImages;
import org.explain4j.datasets.landmass.MatWriter;
import org.nd4j.linalg.factory.Nd4j;
import org.explain4j.datasets.segy.SampleFormat;
import org.explain4j.datasets.segy.SegyWriter;

/**
 * Synthetic seismic data with known labels ({@link SeismicModel} draws the geology): 99x99 patches of the four
 * LANDMASS classes in the LANDMASS layout, sections with per-pixel fault and salt masks, and small SEG-Y surveys.
 * Every product is a function of its seed: the same seed gives the same bytes.
 */
public final class SyntheticSeismic {

    public static final int PATCH = 99;

    private SyntheticSeismic() {
    }

    /**
     * One patch [99][99] in [-1,1] as LANDMASS stores it: an image of the section, rows are depth (samples) and
     * columns are traces. Sections and SEG-Y slices are [traces][samples] instead, as segyio returns them.
     */
    public static float[][] patch(SeismicKind kind, long seed) {
        float[][] a = section(PATCH, PATCH, kind, seed).amplitude();
        float[][] image = new float[PATCH][PATCH];
        for (int x = 0; x < PATCH; x++) {
            for (int z = 0; z < PATCH; z++) {
                image[z][x] = a[x][z];
            }
        }
        return image;
    }

    /** A section [traces][samples] of the given kind with its masks. */
    public static Section section(int traces, int samples, SeismicKind kind, long seed) {
        return SeismicModel.render(traces, samples, kind, new Random(seed), new Random(seed * 31 + 17));
    }

    /** {@code perClass} patches per class as {@code ROOT/<class>/<class>_NNNNN.mat}; returns how many were written. */
    public static int writeLandmass(Path root, int perClass, long seed, Progress progress) throws IOException {
        int done = 0;
        int total = perClass * SeismicKind.values().length;
        for (SeismicKind kind : SeismicKind.values()) {
            Path folder = Files.createDirectories(root.resolve(kind.folder()));
            for (int i = 0; i < perClass; i++) {
                MatWriter.write(folder.resolve(String.format(Locale.ROOT, "%s_%05d.mat", kind.folder(), i)), "img", patch(kind, patchSeed(seed, kind, i)));
                progress.step(++done, total);
            }
        }
        return done;
    }

    /** The same patches {@link #writeLandmass} writes, in memory: [4 x perClass, 1, 99, 99] in class order. */
    public static LabelledImages patches(int perClass, long seed) {
        int n = perClass * SeismicKind.values().length;
        float[] flat = new float[n * PATCH * PATCH];
        int[] labels = new int[n];
        int i = 0;
        for (SeismicKind kind : SeismicKind.values()) {
            for (int k = 0; k < perClass; k++, i++) {
                float[][] p = patch(kind, patchSeed(seed, kind, k));
                for (int r = 0; r < PATCH; r++) {
                    System.arraycopy(p[r], 0, flat, (i * PATCH + r) * PATCH, PATCH);
                }
                labels[i] = kind.ordinal();
            }
        }
        return new LabelledImages(Nd4j.createFromArray(flat).reshape(n, 1, PATCH, PATCH), labels,
                Arrays.stream(SeismicKind.values()).map(SeismicKind::folder).toList());
    }

    private static long patchSeed(long seed, SeismicKind kind, int i) {
        return (seed * 1_000_003L + kind.ordinal()) * 1_000_003L + i;
    }

    /**
     * A survey of {@code inlines x crosslines} traces: every inline is the same geology (drawn from {@code seed},
     * kind {@code kind}) with its own noise, written as IEEE-float big-endian SEG-Y rev 1. Returns the geology's
     * section (its masks hold for every inline).
     */
    public static Section writeSurvey(Path file, int inlines, int crosslines, int samples, SeismicKind kind, long seed) throws IOException {
        Section geology = section(crosslines, samples, kind, seed);
        int[] il = new int[inlines];
        int[] xl = new int[crosslines];
        for (int i = 0; i < inlines; i++) {
            il[i] = 100 + i;
        }
        for (int x = 0; x < crosslines; x++) {
            xl[x] = 300 + x;
        }
        float[][][] cache = new float[1][][];
        int[] cached = {-1};
        SegyWriter.write(file, SegyWriter.Layout.standard(SampleFormat.IEEE_FLOAT, ByteOrder.BIG_ENDIAN), il, xl, samples, (i, x) -> {
            if (cached[0] != i) {
                cache[0] = SeismicModel.render(crosslines, samples, kind, new Random(seed), new Random(seed * 31 + 17 + i)).amplitude();
                cached[0] = i;
            }
            return cache[0][x];
        });
        return geology;
    }

    /** Told after each file. */
    @FunctionalInterface
    public interface Progress {
        void step(int done, int total);
    }
}
