package org.explain4j.datasets.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.explain4j.core.render.Images;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Coloured shapes on cluttered backgrounds: the embedded default of the demo, which needs no data.
 * Classes differ by outline only (colour, size, position, rotation and background are random), so a
 * network must look at the shape, and contrasts between near shapes (square vs. diamond, circle vs.
 * octagon ...) have something to show. Deterministic for a seed.
 */
public final class Shapes {

    public static final List<String> LABELS = List.of("circle", "square", "triangle", "cross", "diamond", "ring");

    private final int size;

    public Shapes(int size) {
        if (size < 16) {
            throw new IllegalArgumentException("shapes need at least 16x16 pixels");
        }
        this.size = size;
    }

    /** One labelled sample set. {@code images} are [N,3,size,size] in [0,1]. */
    public record Batch(INDArray images, int[] labels) {
        public INDArray oneHot() {
            INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, LABELS.size());
            for (int i = 0; i < labels.length; i++) {
                y.putScalar(i, labels[i], 1f);
            }
            return y;
        }
    }

    /** {@code n} samples, classes in turn, everything else drawn from {@code seed}. */
    public Batch generate(int n, long seed) {
        Random rng = new Random(seed);
        INDArray images = Nd4j.create(DataType.FLOAT, n, 3, size, size);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % LABELS.size();
            images.putSlice(i, Images.toArray(draw(labels[i], rng)));
        }
        return new Batch(images, labels);
    }

    /** One picture of class {@code label}. */
    public BufferedImage draw(int label, Random rng) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Color bg = new Color(rng.nextInt(90), rng.nextInt(90), rng.nextInt(90));
        g.setColor(bg);
        g.fillRect(0, 0, size, size);
        for (int i = 0; i < 6; i++) {
            g.setColor(new Color(rng.nextInt(110), rng.nextInt(110), rng.nextInt(110)));
            g.setStroke(new BasicStroke(1 + rng.nextInt(2)));
            g.drawLine(rng.nextInt(size), rng.nextInt(size), rng.nextInt(size), rng.nextInt(size));
        }
        double r = size * (0.18 + 0.14 * rng.nextDouble());
        double cx = r + 2 + rng.nextDouble() * (size - 2 * r - 4);
        double cy = r + 2 + rng.nextDouble() * (size - 2 * r - 4);
        g.setColor(Color.getHSBColor(rng.nextFloat(), 0.6f + 0.4f * rng.nextFloat(), 0.75f + 0.25f * rng.nextFloat()));
        AffineTransform saved = g.getTransform();
        g.translate(cx, cy);
        g.rotate(label == 0 || label == 5 ? 0 : (rng.nextDouble() - 0.5) * 0.6);
        int ri = (int) Math.round(r);
        switch (LABELS.get(label)) {
            case "circle" -> g.fillOval(-ri, -ri, 2 * ri, 2 * ri);
            case "square" -> g.fillRect(-ri * 8 / 10, -ri * 8 / 10, ri * 16 / 10, ri * 16 / 10);
            case "triangle" -> g.fillPolygon(new Polygon(new int[] {0, -ri, ri}, new int[] {-ri, ri * 8 / 10, ri * 8 / 10}, 3));
            case "cross" -> {
                int t = Math.max(2, ri / 3);
                g.fillRect(-ri, -t, 2 * ri, 2 * t);
                g.fillRect(-t, -ri, 2 * t, 2 * ri);
            }
            case "diamond" -> g.fillPolygon(new Polygon(new int[] {0, ri, 0, -ri}, new int[] {-ri, 0, ri, 0}, 4));
            case "ring" -> {
                g.setStroke(new BasicStroke(Math.max(2f, ri / 3f)));
                g.drawOval(-ri * 8 / 10, -ri * 8 / 10, ri * 16 / 10, ri * 16 / 10);
            }
            default -> throw new IllegalStateException();
        }
        g.setTransform(saved);
        g.dispose();
        return img;
    }
}
