package org.explain4j.datasets.signs;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;

/**
 * Draws the 14 CURE-TSR sign types (European pictograms, simplified) centred at the origin with
 * radius {@code r}. Shapes and colours follow the real signs closely enough that near pairs stay near:
 * no_left and no_right differ only by the arrow's direction, no_stopping and no_parking by one bar.
 */
final class SignPainter {

    private static final Color RED = new Color(200, 20, 30);
    private static final Color BLUE = new Color(20, 70, 170);
    private static final Color YELLOW = new Color(245, 200, 20);

    private SignPainter() {
    }

    /** {@code type} 1..14 as in {@link org.explain4j.datasets.curetsr.CureTsrName#SIGNS}. */
    static void paint(Graphics2D g, int type, int r) {
        switch (type) {
            case 1 -> prohibition(g, r, () -> text(g, "50", r, Color.BLACK));
            case 2 -> prohibition(g, r, () -> truck(g, r));
            case 3 -> prohibition(g, r, () -> {
                g.setColor(RED);
                g.fillRoundRect(-r / 2, -r / 4, r / 3, r / 2, 4, 4);
                g.setColor(Color.BLACK);
                g.fillRoundRect(r / 8, -r / 4, r / 3, r / 2, 4, 4);
            });
            case 4 -> blueProhibition(g, r, true);
            case 5 -> blueProhibition(g, r, false);
            case 6 -> stop(g, r);
            case 7 -> bicycle(g, r);
            case 8 -> warning(g, r, () -> hump(g, r));
            case 9 -> prohibition(g, r, () -> {
                arrow(g, r, 1);
                bar(g, r);
            });
            case 10 -> prohibition(g, r, () -> {
                arrow(g, r, -1);
                bar(g, r);
            });
            case 11 -> priority(g, r);
            case 12 -> noEntry(g, r);
            case 13 -> yieldSign(g, r);
            case 14 -> parking(g, r);
            default -> throw new IllegalArgumentException("sign type must be 1..14, got " + type);
        }
    }

    /** White disc, red ring, then the pictogram. */
    private static void prohibition(Graphics2D g, int r, Runnable inside) {
        g.setColor(RED);
        g.fill(new Ellipse2D.Double(-r, -r, 2 * r, 2 * r));
        int inner = r * 78 / 100;
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(-inner, -inner, 2 * inner, 2 * inner));
        inside.run();
    }

    private static void bar(Graphics2D g, int r) {
        g.setColor(RED);
        g.setStroke(new BasicStroke(Math.max(2f, r / 6f)));
        int d = r * 55 / 100;
        g.drawLine(-d, -d, d, d);
    }

    private static void blueProhibition(Graphics2D g, int r, boolean cross) {
        g.setColor(RED);
        g.fill(new Ellipse2D.Double(-r, -r, 2 * r, 2 * r));
        int inner = r * 78 / 100;
        g.setColor(BLUE);
        g.fill(new Ellipse2D.Double(-inner, -inner, 2 * inner, 2 * inner));
        g.setColor(RED);
        g.setStroke(new BasicStroke(Math.max(2f, r / 6f)));
        int d = r * 55 / 100;
        g.drawLine(-d, -d, d, d);
        if (cross) {
            g.drawLine(-d, d, d, -d);
        }
    }

    private static void stop(Graphics2D g, int r) {
        Polygon octagon = new Polygon();
        for (int i = 0; i < 8; i++) {
            double a = Math.PI / 8 + i * Math.PI / 4;
            octagon.addPoint((int) Math.round(r * Math.cos(a)), (int) Math.round(r * Math.sin(a)));
        }
        g.setColor(RED);
        g.fillPolygon(octagon);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(Math.max(1f, r / 14f)));
        g.drawPolygon(scaled(octagon, 0.88));
        text(g, "STOP", r, Color.WHITE);
    }

    private static void bicycle(Graphics2D g, int r) {
        g.setColor(BLUE);
        g.fill(new Ellipse2D.Double(-r, -r, 2 * r, 2 * r));
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(Math.max(1.5f, r / 10f)));
        int w = r * 28 / 100;
        g.drawOval(-r / 2 - w / 2, r / 8 - w / 2, w, w);
        g.drawOval(r / 2 - w / 2, r / 8 - w / 2, w, w);
        g.drawLine(-r / 2, r / 8, -r / 8, -r / 5);
        g.drawLine(-r / 8, -r / 5, r / 2, r / 8);
        g.drawLine(-r / 8, -r / 5, 0, r / 8);
        g.drawLine(-r / 2, r / 8, 0, r / 8);
    }

    private static void warning(Graphics2D g, int r, Runnable inside) {
        Polygon t = new Polygon(new int[] {0, -r, r}, new int[] {-r, r * 8 / 10, r * 8 / 10}, 3);
        g.setColor(RED);
        g.fillPolygon(t);
        g.setColor(Color.WHITE);
        g.fillPolygon(scaled(t, 0.7));
        inside.run();
    }

    private static void hump(Graphics2D g, int r) {
        g.setColor(Color.BLACK);
        Path2D p = new Path2D.Double();
        p.moveTo(-r * 0.45, r * 0.45);
        p.curveTo(-r * 0.2, r * 0.45, -r * 0.15, -r * 0.05, 0, -r * 0.05);
        p.curveTo(r * 0.15, -r * 0.05, r * 0.2, r * 0.45, r * 0.45, r * 0.45);
        p.closePath();
        g.fill(p);
    }

    /** A turn arrow: up, then towards -x for {@code direction} 1 (left turn), +x for -1 (right turn). */
    private static void arrow(Graphics2D g, int r, int direction) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(Math.max(2f, r / 7f)));
        int d = direction;
        g.drawLine(d * r / 6, r / 2, d * r / 6, -r / 8);
        g.drawLine(d * r / 6, -r / 8, -d * r / 4, -r / 8);
        g.fillPolygon(new Polygon(new int[] {-d * r / 2, -d * r / 4, -d * r / 4}, new int[] {-r / 8, -r / 3, r / 12}, 3));
    }

    private static void truck(Graphics2D g, int r) {
        g.setColor(Color.BLACK);
        g.fillRect(-r / 2, -r / 4, r * 6 / 10, r * 4 / 10);
        g.fillRect(r / 8, -r / 8, r * 3 / 10, r * 28 / 100);
        int w = Math.max(2, r / 6);
        g.fillOval(-r * 4 / 10, r / 6, w, w);
        g.fillOval(r / 4, r / 6, w, w);
    }

    private static void priority(Graphics2D g, int r) {
        Polygon d = new Polygon(new int[] {0, r, 0, -r}, new int[] {-r, 0, r, 0}, 4);
        g.setColor(Color.WHITE);
        g.fillPolygon(d);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawPolygon(d);
        g.setColor(YELLOW);
        g.fillPolygon(scaled(d, 0.72));
    }

    private static void noEntry(Graphics2D g, int r) {
        g.setColor(RED);
        g.fill(new Ellipse2D.Double(-r, -r, 2 * r, 2 * r));
        g.setColor(Color.WHITE);
        g.fillRect(-r * 65 / 100, -r / 7, r * 130 / 100, 2 * r / 7);
    }

    private static void yieldSign(Graphics2D g, int r) {
        Polygon t = new Polygon(new int[] {-r, r, 0}, new int[] {-r * 8 / 10, -r * 8 / 10, r}, 3);
        g.setColor(RED);
        g.fillPolygon(t);
        g.setColor(Color.WHITE);
        g.fillPolygon(scaled(t, 0.62));
    }

    private static void parking(Graphics2D g, int r) {
        g.setColor(BLUE);
        g.fillRoundRect(-r * 85 / 100, -r * 85 / 100, r * 170 / 100, r * 170 / 100, r / 4, r / 4);
        text(g, "P", (int) (r * 1.4), Color.WHITE);
    }

    private static void text(Graphics2D g, String s, int r, Color c) {
        Font f = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(6, (int) (r * (s.length() > 2 ? 0.55 : 0.8))));
        g.setFont(f);
        FontMetrics fm = g.getFontMetrics();
        g.setColor(c);
        g.drawString(s, -fm.stringWidth(s) / 2, fm.getAscent() / 2 - fm.getDescent() / 2);
    }

    private static Polygon scaled(Polygon p, double s) {
        Polygon out = new Polygon();
        for (int i = 0; i < p.npoints; i++) {
            out.addPoint((int) Math.round(p.xpoints[i] * s), (int) Math.round(p.ypoints[i] * s));
        }
        return out;
    }
}
