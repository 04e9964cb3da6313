package org.explain4j.core.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A table of pictures in the papers' layout: a caption over each column ("Why P, rather than Q?"),
 * a label before each row, every cell scaled to one size. Captions wrap to the cell width.
 */
public final class FigureGrid {

    private final List<String> columns;
    private final List<String> rowLabels = new ArrayList<>();
    private final List<List<BufferedImage>> rows = new ArrayList<>();
    private final int cell;

    /** {@code cellSize}: the width and height of each picture, in pixels. */
    public FigureGrid(List<String> columnCaptions, int cellSize) {
        if (columnCaptions.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one column");
        }
        this.columns = List.copyOf(columnCaptions);
        this.cell = cellSize;
    }

    public FigureGrid addRow(String label, List<BufferedImage> images) {
        if (images.size() != columns.size()) {
            throw new IllegalArgumentException("row '" + label + "' has " + images.size() + " pictures for " + columns.size() + " columns");
        }
        rowLabels.add(label);
        rows.add(java.util.Collections.unmodifiableList(new ArrayList<>(images)));
        return this;
    }

    public BufferedImage render() {
        Font captionFont = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, cell / 14));
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(11, cell / 14));
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D m = scratch.createGraphics();
        FontMetrics capMetrics = m.getFontMetrics(captionFont);
        FontMetrics labelMetrics = m.getFontMetrics(labelFont);
        int pad = 8;
        int maxCaptionLines = 1;
        for (String c : columns) {
            maxCaptionLines = Math.max(maxCaptionLines, wrap(c, capMetrics, cell).size());
        }
        int labelWidth = 0;
        for (String l : rowLabels) {
            for (String line : wrap(l, labelMetrics, cell)) {
                labelWidth = Math.max(labelWidth, labelMetrics.stringWidth(line));
            }
        }
        m.dispose();
        int header = maxCaptionLines * capMetrics.getHeight() + pad;
        int left = labelWidth == 0 ? pad : labelWidth + 2 * pad;
        int width = left + columns.size() * (cell + pad);
        int height = header + rows.size() * (cell + pad) + pad;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(captionFont);
        for (int c = 0; c < columns.size(); c++) {
            List<String> lines = wrap(columns.get(c), capMetrics, cell);
            int x0 = left + c * (cell + pad);
            int y = pad / 2 + capMetrics.getAscent() + (maxCaptionLines - lines.size()) * capMetrics.getHeight();
            for (String line : lines) {
                g.drawString(line, x0 + (cell - capMetrics.stringWidth(line)) / 2, y);
                y += capMetrics.getHeight();
            }
        }
        g.setFont(labelFont);
        for (int r = 0; r < rows.size(); r++) {
            int y0 = header + r * (cell + pad);
            List<String> lines = wrap(rowLabels.get(r), labelMetrics, cell);
            int y = y0 + (cell - lines.size() * labelMetrics.getHeight()) / 2 + labelMetrics.getAscent();
            for (String line : lines) {
                g.drawString(line, pad, y);
                y += labelMetrics.getHeight();
            }
            for (int c = 0; c < columns.size(); c++) {
                BufferedImage img = rows.get(r).get(c);
                if (img != null) {
                    g.drawImage(img, left + c * (cell + pad), y0, cell, cell, null);
                }
            }
        }
        g.dispose();
        return out;
    }

    private static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (fm.stringWidth(candidate) > width && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
