package org.explain4j.iqa.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.render.Images;
import org.explain4j.datasets.quality.QualityDistortions;
import org.explain4j.datasets.quality.Scenes;
import org.explain4j.core.metrics.Ssim;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The embedded quality data set, written in the KADID-10k layout so that
 * {@link org.explain4j.datasets.iqa.Kadid10kReader} loads it as it loads the real one:
 * {@code images/Inn.png} references from {@link Scenes}, {@code images/Inn_dd_ll.png} with the eight
 * {@link QualityDistortions} at five levels, and {@code dmos.csv} whose score is 1 + 4 SSIM (KADID's
 * 1..5 scale; (dmos - 1) / 4 is the [0,1] target). SSIM is averaged over the R, G and B planes: on
 * luminance alone a saturation change, which keeps luminance, would score as perfect. {@code regions.csv} tells where each local-patch
 * distortion is, for the evidence test. Every image comes from its own seed.
 */
public final class SyntheticQualitySet {

    private SyntheticQualitySet() {
    }

    /** Called after each distorted image. */
    @FunctionalInterface
    public interface Progress {
        void step(int done, int total);
    }

    /** Writes {@code references} scenes of {@code width} x {@code height} and their 40 distorted versions each. */
    public static int write(Path root, int references, int width, int height, long seed, Progress progress) throws IOException {
        if (references < 1 || references > 99) {
            throw new IllegalArgumentException("references must be 1..99 (two-digit names), got " + references);
        }
        Path images = Files.createDirectories(root.resolve("images"));
        List<String> dmos = new ArrayList<>(List.of("dist_img,ref_img,dmos,var"));
        List<String> regions = new ArrayList<>(List.of("dist_img,x,y,side"));
        int types = QualityDistortions.NAMES.size();
        int total = references * types * 5;
        int done = 0;
        for (int r = 1; r <= references; r++) {
            BufferedImage ref = Scenes.draw(width, height, new Random(seed * 1_000_003L + r));
            String refName = String.format(Locale.ROOT, "I%02d.png", r);
            png(images.resolve(refName), ref);
            INDArray refRgb = Images.toArray(ref);
            for (int d = 1; d <= types; d++) {
                for (int level = 1; level <= 5; level++) {
                    Random rng = new Random(((seed * 131 + r) * 131 + d) * 131 + level);
                    String name = String.format(Locale.ROOT, "I%02d_%02d_%02d.png", r, d, level);
                    BufferedImage img;
                    if (d == types) {
                        QualityDistortions.Local local = QualityDistortions.localPatch(ref, level, rng);
                        img = local.image();
                        regions.add(String.format(Locale.ROOT, "%s,%d,%d,%d", name, local.x(), local.y(), local.side()));
                    } else {
                        img = QualityDistortions.apply(ref, d, level, rng);
                    }
                    png(images.resolve(name), img);
                    double ssim = Math.max(0, Math.min(1, colourSsim(refRgb, Images.toArray(img))));
                    dmos.add(String.format(Locale.ROOT, "%s,%s,%.6f,0", name, refName, 1 + 4 * ssim));
                    progress.step(++done, total);
                }
            }
        }
        AtomicFiles.write(root.resolve("dmos.csv"), tmp -> Files.write(tmp, dmos));
        AtomicFiles.write(root.resolve("regions.csv"), tmp -> Files.write(tmp, regions));
        return done;
    }

    /** The mean of SSIM over the three colour planes of [3,H,W] images. */
    static double colourSsim(INDArray reference, INDArray distorted) {
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            sum += Ssim.of(reference.slice(c), distorted.slice(c));
        }
        return sum / 3;
    }

    private static void png(Path file, BufferedImage img) throws IOException {
        AtomicFiles.write(file, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer");
            }
        });
    }
}
