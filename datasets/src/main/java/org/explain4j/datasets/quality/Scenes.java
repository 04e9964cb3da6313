package org.explain4j.datasets.quality;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Procedural reference scenes for the synthetic quality set: a sky gradient over ground, buildings
 * with windows, trees, a sun, striped and checked surfaces and thin lines, so that every distortion
 * has smooth areas, edges and textures to act on. Deterministic for a {@link Random}.
 */
public final class Scenes {

    private Scenes() {
    }

    public static BufferedImage draw(int width, int height, Random rng) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int horizon = height / 2 + rng.nextInt(height / 4);
        g.setPaint(new GradientPaint(0, 0, hsb(rng, 0.55f, 0.65f), 0, horizon, hsb(rng, 0.5f, 0.2f)));
        g.fillRect(0, 0, width, horizon);
        g.setPaint(new GradientPaint(0, horizon, hsb(rng, 0.25f, 0.5f), 0, height, hsb(rng, 0.1f, 0.6f)));
        g.fillRect(0, horizon, width, height - horizon);
        g.setColor(new Color(250, 230, 150));
        int sun = width / 10 + rng.nextInt(width / 10);
        g.fillOval(rng.nextInt(width - sun), rng.nextInt(Math.max(1, horizon - sun)), sun, sun);
        for (int b = 0; b < 3 + rng.nextInt(4); b++) {
            int w = width / 10 + rng.nextInt(width / 6);
            int h = height / 6 + rng.nextInt(height / 3);
            int x = rng.nextInt(width - w);
            g.setColor(hsb(rng, rng.nextFloat(), 0.3f + 0.5f * rng.nextFloat()));
            g.fillRect(x, horizon - h, w, h);
            g.setColor(new Color(40, 40, 60));
            for (int wy = horizon - h + 4; wy < horizon - 6; wy += 8) {
                for (int wx = x + 3; wx < x + w - 5; wx += 7) {
                    g.fillRect(wx, wy, 3, 4);
                }
            }
        }
        for (int t = 0; t < 2 + rng.nextInt(4); t++) {
            int r = height / 14 + rng.nextInt(height / 10);
            int x = rng.nextInt(width);
            g.setColor(new Color(90, 60, 30));
            g.fillRect(x - r / 6, horizon - r / 2, Math.max(2, r / 3), r);
            g.setColor(hsb(rng, 0.28f + 0.1f * rng.nextFloat(), 0.45f));
            g.fillOval(x - r, horizon - 2 * r, 2 * r, 2 * r);
        }
        int stripes = 3 + rng.nextInt(4);
        int sx = rng.nextInt(width / 2);
        int sy = horizon + rng.nextInt(Math.max(1, (height - horizon) / 2));
        for (int i = 0; i < stripes * 2; i++) {
            g.setColor(i % 2 == 0 ? Color.WHITE : new Color(30, 30, 30));
            g.fillRect(sx + i * 5, sy, 5, height / 8);
        }
        int cell = 4 + rng.nextInt(5);
        int cx = width / 2 + rng.nextInt(width / 3);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                g.setColor((i + j) % 2 == 0 ? new Color(200, 40, 40) : new Color(240, 240, 240));
                g.fillRect(cx + i * cell, height - (j + 1) * cell - 2, cell, cell);
            }
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(20, 20, 20));
        for (int i = 0; i < 4; i++) {
            g.drawLine(rng.nextInt(width), rng.nextInt(horizon), rng.nextInt(width), rng.nextInt(horizon));
        }
        g.dispose();
        return img;
    }

    private static Color hsb(Random rng, float hue, float saturation) {
        return Color.getHSBColor((hue + 0.1f * rng.nextFloat()) % 1f, Math.min(1f, saturation + 0.2f * rng.nextFloat()),
                0.55f + 0.4f * rng.nextFloat());
    }
}
