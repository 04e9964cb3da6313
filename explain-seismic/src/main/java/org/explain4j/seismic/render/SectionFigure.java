package org.explain4j.seismic.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.explain4j.core.cam.MapOps;
import org.explain4j.core.render.Colormap;
import org.explain4j.core.render.Images;
import org.explain4j.seismic.section.SectionExplanation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The section view: panels stacked top to bottom, traces across and depth down, each titled: the section in grey
 * with the class boundaries, the class map (each pixel takes the class of the nearest window centre) tinted over
 * it with a legend, then each question's map (min-max scaled over the whole section, so windows compare) over the
 * section, with the class boundaries drawn in white.
 */
public final class SectionFigure {

    /** Class colours in class order: horizon, chaotic, fault, salt dome, then more for larger models. */
    private static final Color[] CLASS_COLOURS = {new Color(0x4daf4a), new Color(0xff7f00), new Color(0xe41a1c), new Color(0x377eb8),
        new Color(0x984ea3), new Color(0xffff33), new Color(0xa65628), new Color(0xf781bf)};
    private static final int TITLE = 24;
    private static final double ALPHA = 0.5;

    private SectionFigure() {
    }

    /**
     * {@code image} [samples, traces] is the section as explained (amplitudes in [-1,1]); {@code title} names it
     * (e.g. "inline 105").
     */
    public static BufferedImage draw(INDArray image, SectionExplanation answer, String title, IntFunction<String> labels, Colormap colormap) {
        int samples = (int) image.size(0);
        int traces = (int) image.size(1);
        int scale = Math.max(1, (int) Math.ceil(600.0 / traces));
        INDArray grey = image.castTo(DataType.FLOAT).add(1f).divi(2f);
        INDArray greyRgb = Nd4j.concat(0, grey.reshape(1, samples, traces), grey.reshape(1, samples, traces), grey.reshape(1, samples, traces));
        INDArray classes = answer.classMap();
        INDArray edges = boundaries(classes);
        List<BufferedImage> panels = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        panels.add(Images.fromArray(withEdges(greyRgb.dup(), edges, 1f)));
        titles.add(title + String.format(java.util.Locale.ROOT, ": %d traces x %d samples, %d windows %dx%d every %d", traces, samples,
                answer.windows().count(), answer.windows().patch(), answer.windows().patch(), answer.windows().stride()));
        panels.add(Images.fromArray(withEdges(greyRgb.mul(1 - ALPHA).addi(classColours(classes).muli(ALPHA)), edges, 1f)));
        titles.add("classes (window argmax):");
        for (int k = 0; k < answer.captions().size(); k++) {
            INDArray map = MapOps.normalise(answer.pictures().get(k).reshape(1, samples, traces)).reshape(samples, traces);
            INDArray heat = colormap.apply(map);
            panels.add(Images.fromArray(withEdges(greyRgb.mul(1 - ALPHA).addi(heat.muli(ALPHA)), edges, 1f)));
            titles.add(answer.captions().get(k) + String.format(java.util.Locale.ROOT, "  (%d of %d windows answer)", answer.answering(),
                    answer.windows().count()));
        }
        return stack(panels, titles, scale, answer, labels);
    }

    /** 1 where a pixel's class differs from its right or lower neighbour's. */
    static INDArray boundaries(INDArray classes) {
        long h = classes.size(0);
        long w = classes.size(1);
        INDArray c = classes.castTo(DataType.FLOAT);
        INDArray edges = Nd4j.create(DataType.FLOAT, h, w);
        if (w > 1) {
            INDArray right = c.get(NDArrayIndex.all(), NDArrayIndex.interval(0, w - 1)).neq(c.get(NDArrayIndex.all(), NDArrayIndex.interval(1, w)));
            edges.get(NDArrayIndex.all(), NDArrayIndex.interval(0, w - 1)).addi(right.castTo(DataType.FLOAT));
        }
        if (h > 1) {
            INDArray down = c.get(NDArrayIndex.interval(0, h - 1), NDArrayIndex.all()).neq(c.get(NDArrayIndex.interval(1, h), NDArrayIndex.all()));
            edges.get(NDArrayIndex.interval(0, h - 1), NDArrayIndex.all()).addi(down.castTo(DataType.FLOAT));
        }
        return Transforms.min(edges, 1.0, false);
    }

    private static INDArray withEdges(INDArray rgb, INDArray edges, float value) {
        INDArray keep = edges.rsub(1f);
        for (int ch = 0; ch < 3; ch++) {
            rgb.slice(ch).muli(keep).addi(edges.mul(value));
        }
        return rgb;
    }

    private static INDArray classColours(INDArray classes) {
        INDArray rgb = Nd4j.create(DataType.FLOAT, 3, classes.size(0), classes.size(1));
        INDArray c = classes.castTo(DataType.FLOAT);
        for (int k = 0; k < CLASS_COLOURS.length; k++) {
            INDArray is = c.eq((double) k).castTo(DataType.FLOAT);
            float[] v = CLASS_COLOURS[k].getRGBColorComponents(null);
            for (int ch = 0; ch < 3; ch++) {
                rgb.slice(ch).addi(is.mul(v[ch]));
            }
        }
        return rgb;
    }

    private static BufferedImage stack(List<BufferedImage> panels, List<String> titles, int scale, SectionExplanation answer,
                                       IntFunction<String> labels) {
        int w = panels.get(0).getWidth() * scale;
        int h = panels.get(0).getHeight() * scale;
        BufferedImage out = new BufferedImage(Math.max(w, 480), panels.size() * (h + TITLE), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i < panels.size(); i++) {
            int top = i * (h + TITLE);
            g.setColor(Color.BLACK);
            g.drawString(titles.get(i), 4, top + 16);
            if (i == 1) {
                legend(g, g.getFontMetrics().stringWidth(titles.get(i)) + 12, top, answer, labels);
            }
            g.drawImage(panels.get(i), 0, top + TITLE, w, h, null);
        }
        g.dispose();
        return out;
    }

    private static void legend(Graphics2D g, int x, int top, SectionExplanation answer, IntFunction<String> labels) {
        int classes = (int) answer.probabilities().size(1);
        g.setStroke(new BasicStroke(1));
        for (int c = 0; c < classes && c < CLASS_COLOURS.length; c++) {
            g.setColor(CLASS_COLOURS[c]);
            g.fillRect(x, top + 6, 12, 12);
            g.setColor(Color.BLACK);
            String s = labels.apply(c) + " (" + answer.windowsOf(c) + ")";
            g.drawString(s, x + 16, top + 16);
            x += 16 + g.getFontMetrics().stringWidth(s) + 12;
        }
    }
}
