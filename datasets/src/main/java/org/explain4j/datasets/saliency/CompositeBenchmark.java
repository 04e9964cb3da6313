package org.explain4j.datasets.saliency;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.explain4j.core.saliency.metrics.FixationDensity;
import org.explain4j.core.saliency.metrics.GroundTruth;
import org.explain4j.core.saliency.metrics.Grid;
import org.explain4j.datasets.LabelledImages;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An eye-tracking stand-in that anyone can regenerate: one object of a recognition set (a digit, a garment, a
 * traffic sign) pasted at a random place and scale onto clutter, at the recogniser's input size. The clutter is
 * a random mix of noise, a sinusoidal texture and fragments of other images of the set (so that object-like
 * strokes are everywhere, and only the whole object is evidence). The ground truth is where the object is: its
 * mask as the fixation map, and the mask blurred as the benchmark blurs fixations ({@link FixationDensity}, 8
 * cycles per image) as the density.
 *
 * <p>Objects on black (MNIST, Fashion-MNIST: {@link Cutout#INTENSITY}) are pasted with their intensity as alpha
 * and masked where it exceeds 0.3; objects with their own background (signs: {@link Cutout#DISK}) are cut out as
 * the disk inscribed in the image and masked there. Seeded: the same seed gives the same composites.
 */
public final class CompositeBenchmark {

    /** How an object is cut from its image. */
    public enum Cutout {
        /** The pixel intensity (mean over channels) is the alpha: white-on-black objects. */
        INTENSITY,
        /** The disk inscribed in the image, 0.45 of its side in radius: objects photographed with a background. */
        DISK
    }

    /** One composite: the image [C, H, W] in [0, 1], the object's class and index in the source, the ground truth. */
    public record Composite(INDArray image, int label, int source, Grid fixations, Grid density) {
    }

    public static final double MIN_SCALE = 0.4;
    public static final double MAX_SCALE = 0.65;
    private static final double MASK_THRESHOLD = 0.3;

    private final LabelledImages source;
    private final Cutout cutout;
    /** The source pixels once, in Java memory: a composite reads five images, and an ND4J slice per read costs more than the copy. */
    private final float[] pixels;
    private final int channels;
    private final int height;
    private final int width;

    public CompositeBenchmark(LabelledImages source, Cutout cutout) {
        if (source.size() < 2) {
            throw new IllegalArgumentException("composites need at least two source images (one object, one for fragments)");
        }
        this.source = source;
        this.cutout = cutout;
        INDArray x = source.images();
        this.channels = (int) x.size(1);
        this.height = (int) x.size(2);
        this.width = (int) x.size(3);
        this.pixels = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /**
     * The composites' images as one batch [N, C, H, W], filled from Java memory (stacking 60,000 small arrays costs
     * minutes in ND4J's shape bookkeeping).
     */
    public static INDArray images(List<Composite> composites) {
        long[] one = composites.get(0).image().shape();
        int per = (int) (one[0] * one[1] * one[2]);
        float[] flat = new float[composites.size() * per];
        for (int i = 0; i < composites.size(); i++) {
            System.arraycopy(composites.get(i).image().data().asFloat(), 0, flat, i * per, per);
        }
        return Nd4j.create(flat, new long[] {composites.size(), one[0], one[1], one[2]}, DataType.FLOAT);
    }

    public List<Composite> generate(int count, long seed) {
        List<Composite> out = new ArrayList<>(count);
        Random r = new Random(seed);
        for (int i = 0; i < count; i++) {
            out.add(one(new Random(r.nextLong())));
        }
        return out;
    }

    private Composite one(Random r) {
        for (int attempt = 0; attempt < 100; attempt++) {
            Composite made = attempt(r);
            if (made != null) {
                return made;
            }
        }
        throw new IllegalArgumentException("100 objects in a row left no pixel above " + MASK_THRESHOLD + ": is the source blank?");
    }

    /** One composite, or null when the object drawn leaves no mask (a nearly blank garment): the caller draws again. */
    private Composite attempt(Random r) {
        long c = channels;
        int h = height;
        int w = width;
        int object = r.nextInt(source.size());
        double[][][] canvas = clutter(r, (int) c, h, w, object);
        int side = (int) Math.round((MIN_SCALE + r.nextDouble() * (MAX_SCALE - MIN_SCALE)) * Math.min(h, w));
        int top = r.nextInt(h - side + 1);
        int left = r.nextInt(w - side + 1);
        double[][][] obj = resized(image(object), side, side);
        double[][] alpha = alpha(obj, side);
        double[] mask = new double[h * w];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double a = alpha[y][x];
                for (int ch = 0; ch < c; ch++) {
                    canvas[ch][top + y][left + x] = a * obj[ch][y][x] + (1 - a) * canvas[ch][top + y][left + x];
                }
                if (a > MASK_THRESHOLD) {
                    mask[(top + y) * w + left + x] = 1;
                }
            }
        }
        Grid fixations = new Grid(h, w, mask);
        if (!fixations.any()) {
            return null;
        }
        float[] flat = new float[(int) c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    flat[(ch * h + y) * w + x] = (float) Math.max(0, Math.min(1, canvas[ch][y][x]));
                }
            }
        }
        INDArray img = Nd4j.create(flat, new long[] {c, h, w}, DataType.FLOAT);
        return new Composite(img, source.labels()[object], object, fixations, GroundTruth.fromFixations(fixations).density());
    }

    /** Noise, a grating and 2-4 fragments of other images, each present or not at random, over a dark base. */
    private double[][][] clutter(Random r, int c, int h, int w, int object) {
        double[][][] canvas = new double[c][h][w];
        double base = cutout == Cutout.DISK ? 0.2 + 0.4 * r.nextDouble() : 0.05 * r.nextDouble();
        double noise = 0.03 + 0.12 * r.nextDouble();
        double grating = r.nextBoolean() ? 0.05 + 0.15 * r.nextDouble() : 0;
        double angle = r.nextDouble() * Math.PI;
        double period = 3 + 6 * r.nextDouble();
        double phase = r.nextDouble() * 2 * Math.PI;
        double[] tint = new double[c];
        for (int ch = 0; ch < c; ch++) {
            tint[ch] = c == 1 ? 1 : 0.6 + 0.4 * r.nextDouble();
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double g = grating * 0.5 * (1 + Math.sin(2 * Math.PI * (x * Math.cos(angle) + y * Math.sin(angle)) / period + phase));
                for (int ch = 0; ch < c; ch++) {
                    canvas[ch][y][x] = tint[ch] * (base + g) + noise * r.nextGaussian();
                }
            }
        }
        int fragments = 2 + r.nextInt(3);
        for (int f = 0; f < fragments; f++) {
            int other = r.nextInt(source.size());
            if (other == object) {
                continue;
            }
            double[][][] img = image(other);
            int size = Math.max(3, (int) Math.round(Math.min(h, w) * (0.18 + 0.14 * r.nextDouble())));
            int sy = r.nextInt(h - size + 1);
            int sx = r.nextInt(w - size + 1);
            int ty = r.nextInt(h - size + 1);
            int tx = r.nextInt(w - size + 1);
            double strength = 0.5 + 0.5 * r.nextDouble();
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        double v = img[ch][sy + y][sx + x];
                        double a = cutout == Cutout.INTENSITY ? strength * meanAt(img, sy + y, sx + x) : strength;
                        canvas[ch][ty + y][tx + x] = a * v + (1 - a) * canvas[ch][ty + y][tx + x];
                    }
                }
            }
        }
        return canvas;
    }

    private double[][] alpha(double[][][] obj, int side) {
        double[][] a = new double[side][side];
        double centre = (side - 1) / 2.0;
        double radius = 0.45 * side;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                a[y][x] = switch (cutout) {
                    case INTENSITY -> meanAt(obj, y, x);
                    // One pixel of feathering, so that the disk's rim is not a hard edge the recogniser could key on.
                    case DISK -> Math.max(0, Math.min(1, radius - Math.hypot(y - centre, x - centre) + 0.5));
                };
            }
        }
        return a;
    }

    private static double meanAt(double[][][] img, int y, int x) {
        double s = 0;
        for (double[][] plane : img) {
            s += plane[y][x];
        }
        return Math.max(0, Math.min(1, s / img.length));
    }

    private double[][][] image(int index) {
        double[][][] out = new double[channels][height][width];
        int base = index * channels * height * width;
        for (int ch = 0; ch < channels; ch++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    out[ch][y][x] = pixels[base + (ch * height + y) * width + x];
                }
            }
        }
        return out;
    }

    /** Area-weighted (box) resize: the object shrinks without aliasing its strokes away. */
    private static double[][][] resized(double[][][] img, int height, int width) {
        int c = img.length;
        int h = img[0].length;
        int w = img[0][0].length;
        double[][][] out = new double[c][height][width];
        double sy = (double) h / height;
        double sx = (double) w / width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double y0 = y * sy;
                double y1 = y0 + sy;
                double x0 = x * sx;
                double x1 = x0 + sx;
                for (int ch = 0; ch < c; ch++) {
                    double s = 0;
                    for (int yy = (int) y0; yy < Math.min(h, Math.ceil(y1)); yy++) {
                        double oy = Math.min(y1, yy + 1) - Math.max(y0, yy);
                        for (int xx = (int) x0; xx < Math.min(w, Math.ceil(x1)); xx++) {
                            double ox = Math.min(x1, xx + 1) - Math.max(x0, xx);
                            s += oy * ox * img[ch][yy][xx];
                        }
                    }
                    out[ch][y][x] = s / (sy * sx);
                }
            }
        }
        return out;
    }
}
