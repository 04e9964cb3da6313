package org.explain4j.datasets.signs;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.explain4j.core.render.Images;
import org.explain4j.datasets.synthetic.ImageOps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The 12 CURE-TSR challenge types at levels 1..5 (numbers as in
 * {@link org.explain4j.datasets.curetsr.CureTsrName#CHALLENGES}), each a monotone function of the
 * level: level 5 is the hardest. Colour arithmetic runs on [3,H,W] arrays; blurs are Java2D
 * convolutions; codec error is a real JPEG round trip at falling quality.
 */
public final class Challenges {

    private Challenges() {
    }

    public static BufferedImage apply(BufferedImage src, int challenge, int level, Random rng) {
        if (level < 1 || level > 5) {
            throw new IllegalArgumentException("level must be 1..5, got " + level);
        }
        double s = level / 5.0;
        return switch (challenge) {
            case 1 -> ImageOps.onPlanes(src, x -> ImageOps.desaturate(x, s));
            case 2 -> ImageOps.convolve(src, ImageOps.disk(level));
            case 3 -> ImageOps.jpeg(src, new float[] {0.35f, 0.2f, 0.1f, 0.05f, 0.01f}[level - 1]);
            case 4 -> ImageOps.onPlanes(src, x -> x.mul(1 - 0.16 * level));
            case 5 -> dirtyLens(src, level, rng);
            case 6 -> ImageOps.onPlanes(src, x -> x.mul(1 + 0.3 * level).addi(0.08 * level));
            case 7 -> ImageOps.convolve(src, ImageOps.gaussian(0.45 * level));
            case 8 -> ImageOps.onPlanes(src, x -> x.add(Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(rng.nextLong()), x.shape())
                    .castTo(x.dataType()).muli(0.045 * level)));
            case 9 -> rain(src, level, rng);
            case 10 -> shadow(src, level, rng);
            case 11 -> snow(src, level, rng);
            case 12 -> ImageOps.onPlanes(src, x -> x.mul(1 - 0.14 * level).addi(0.14 * level * 0.82));
            default -> throw new IllegalArgumentException("challenge type must be 1..12, got " + challenge);
        };
    }

    private static BufferedImage copy(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    private static BufferedImage dirtyLens(BufferedImage src, int level, Random rng) {
        BufferedImage out = copy(src);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int w = out.getWidth();
        for (int i = 0; i < 2 * level; i++) {
            int d = (int) (w * (0.12 + 0.18 * rng.nextDouble()));
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.35f + 0.08f * level));
            g.setColor(new Color(40 + rng.nextInt(30), 35 + rng.nextInt(20), 25));
            g.fillOval(rng.nextInt(w) - d / 2, rng.nextInt(out.getHeight()) - d / 2, d, d);
        }
        g.dispose();
        return ImageOps.convolve(out, ImageOps.gaussian(0.8));
    }

    private static BufferedImage rain(BufferedImage src, int level, Random rng) {
        BufferedImage out = copy(src);
        Graphics2D g = out.createGraphics();
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.6f));
        g.setColor(new Color(200, 200, 215));
        g.setStroke(new BasicStroke(1f));
        int w = out.getWidth();
        int h = out.getHeight();
        for (int i = 0; i < 10 * level; i++) {
            int x = rng.nextInt(w);
            int y = rng.nextInt(h);
            int len = h / 8 + rng.nextInt(h / 6 + 1);
            g.drawLine(x, y, x + len / 4, y + len);
        }
        g.dispose();
        return out;
    }

    private static BufferedImage shadow(BufferedImage src, int level, Random rng) {
        BufferedImage out = copy(src);
        Graphics2D g = out.createGraphics();
        int w = out.getWidth();
        int h = out.getHeight();
        int x0 = rng.nextInt(w);
        int x1 = rng.nextInt(w);
        Polygon p = rng.nextBoolean()
                ? new Polygon(new int[] {0, x0, x1, 0}, new int[] {0, 0, h, h}, 4)
                : new Polygon(new int[] {x0, w, w, x1}, new int[] {0, 0, h, h}, 4);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.14f * level));
        g.setColor(Color.BLACK);
        g.fillPolygon(p);
        g.dispose();
        return out;
    }

    private static BufferedImage snow(BufferedImage src, int level, Random rng) {
        BufferedImage out = copy(src);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(245, 245, 250));
        int w = out.getWidth();
        int h = out.getHeight();
        for (int i = 0; i < 18 * level; i++) {
            int d = 1 + rng.nextInt(Math.max(1, w / 20));
            g.fillOval(rng.nextInt(w), rng.nextInt(h), d, d);
        }
        g.dispose();
        return out;
    }
}
