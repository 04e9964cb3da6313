package org.explain4j.datasets.signs;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.explain4j.core.io.AtomicFiles;
import org.explain4j.core.render.Images;
import org.explain4j.datasets.curetsr.CureTsrName;

/**
 * Synthetic CURE-TSR: the 14 sign types drawn with Java2D at a random size, position, rotation and
 * lighting over a cluttered background, plus the 12 challenge types at 5 levels, written as BMPs named
 * by the CURE-TSR convention (sequence type 02, "unreal") so that {@link org.explain4j.datasets.curetsr.CureTsrReader}
 * loads them as it loads the real set. Every image comes from its own seed (set seed, type, index,
 * challenge, level): the same call writes the same files in any order.
 */
public final class SignGenerator {

    /** How many images of each kind to write. */
    public record Plan(int trainPerClass, int testPerClass, int challengedPerClass, long seed) {
    }

    /** Called after each image written. */
    @FunctionalInterface
    public interface Progress {
        void step(int done, int total);
    }

    private final int renderSize;
    private final int fileSize;

    /** Draws at {@code renderSize} pixels and writes files of {@code fileSize} pixels square. */
    public SignGenerator(int renderSize, int fileSize) {
        this.renderSize = renderSize;
        this.fileSize = fileSize;
    }

    /**
     * Writes {@code root/train} (challenge-free), {@code root/test} (challenge-free) and
     * {@code root/test-challenges} (the first {@code challengedPerClass} test images of each class under
     * each challenge and level; no folder when that is 0). Returns the number of files written.
     */
    public int write(Path root, Plan plan, Progress progress) throws IOException {
        int types = CureTsrName.SIGNS.size();
        int challenges = CureTsrName.CHALLENGES.size();
        int total = types * (plan.trainPerClass() + plan.testPerClass() + plan.challengedPerClass() * challenges * 5);
        int done = 0;
        Files.createDirectories(root.resolve("train"));
        Files.createDirectories(root.resolve("test"));
        if (plan.challengedPerClass() > 0) {
            Files.createDirectories(root.resolve("test-challenges"));
        }
        for (int type = 1; type <= types; type++) {
            for (int i = 0; i < plan.trainPerClass(); i++) {
                save(root.resolve("train"), new CureTsrName(2, type, 0, 0, i + 1), clean(type, rng(plan.seed(), type, i + 1, 0, 0)));
                progress.step(++done, total);
            }
            for (int i = 0; i < plan.testPerClass(); i++) {
                int index = 100_000 + i + 1;
                BufferedImage img = clean(type, rng(plan.seed(), type, index, 0, 0));
                save(root.resolve("test"), new CureTsrName(2, type, 0, 0, index), img);
                progress.step(++done, total);
                if (i < plan.challengedPerClass()) {
                    for (int c = 1; c <= challenges; c++) {
                        for (int level = 1; level <= 5; level++) {
                            BufferedImage hard = Challenges.apply(img, c, level, rng(plan.seed(), type, index, c, level));
                            save(root.resolve("test-challenges"), new CureTsrName(2, type, c, level, index), hard);
                            progress.step(++done, total);
                        }
                    }
                }
            }
        }
        return done;
    }

    /**
     * The picture that {@link #write} stores for a clean test image ({@code index} from 1), at the file
     * size: what the CURE-TSR reader would load, before its own resize.
     */
    public BufferedImage testImage(int type, int index, long seed) {
        int i = 100_000 + index;
        return Images.resize(clean(type, rng(seed, type, i, 0, 0)), fileSize, fileSize);
    }

    /** One challenge-free picture of sign {@code type} (1..14), at the render size. */
    public BufferedImage clean(int type, Random rng) {
        int n = renderSize;
        BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        background(g, n, rng);
        double r = n * (0.28 + 0.14 * rng.nextDouble());
        double cx = n / 2.0 + (rng.nextDouble() - 0.5) * (n - 2 * r) * 0.8;
        double cy = n / 2.0 + (rng.nextDouble() - 0.5) * (n - 2 * r) * 0.8;
        g.translate(cx, cy);
        g.rotate((rng.nextDouble() - 0.5) * 0.35);
        g.scale(1 - 0.25 * rng.nextDouble(), 1);
        SignPainter.paint(g, type, (int) Math.round(r));
        g.dispose();
        double gain = 0.65 + 0.6 * rng.nextDouble();
        return gain == 1 ? img : Images.fromArray(Images.toArray(img).muli(gain));
    }

    private static void background(Graphics2D g, int n, Random rng) {
        Color top = new Color(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256));
        Color bottom = new Color(rng.nextInt(160), rng.nextInt(160), rng.nextInt(160));
        g.setPaint(new GradientPaint(0, 0, top, 0, n, bottom));
        g.fillRect(0, 0, n, n);
        for (int i = 0; i < 5 + rng.nextInt(6); i++) {
            g.setColor(new Color(rng.nextInt(200), rng.nextInt(200), rng.nextInt(200)));
            if (rng.nextBoolean()) {
                g.fillRect(rng.nextInt(n), rng.nextInt(n), 2 + rng.nextInt(n / 3), 2 + rng.nextInt(n / 3));
            } else {
                g.setStroke(new BasicStroke(1 + rng.nextInt(3)));
                g.drawLine(rng.nextInt(n), rng.nextInt(n), rng.nextInt(n), rng.nextInt(n));
            }
        }
        g.setColor(new Color(90, 90, 90));
        g.fillRect(n / 2 - n / 40, n * 3 / 4, Math.max(1, n / 20), n / 4);
    }

    private void save(Path dir, CureTsrName name, BufferedImage img) throws IOException {
        BufferedImage out = Images.resize(img, fileSize, fileSize);
        AtomicFiles.write(dir.resolve(name.fileName("bmp")), tmp -> {
            if (!ImageIO.write(out, "bmp", tmp.toFile())) {
                throw new IOException("no BMP writer");
            }
        });
    }

    private static Random rng(long seed, int type, int index, int challenge, int level) {
        long h = seed;
        for (long v : new long[] {type, index, challenge, level}) {
            h = h * 0x9E3779B97F4A7C15L + v;
            h ^= h >>> 29;
        }
        return new Random(h);
    }
}
