package org.explain4j.recognition.evidence;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.explain4j.core.render.LineCharts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The deletion curves as a line chart (JFreeChart). */
public final class DeletionPlot {

    private static final Color[] COLOURS = {new Color(200, 30, 40), new Color(30, 90, 200), new Color(120, 120, 120)};

    private DeletionPlot() {
    }

    public static BufferedImage draw(DeletionTest.Result r, String title, int width, int height) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int o = 0; o < DeletionTest.ORDERS.size(); o++) {
            XYSeries s = new XYSeries(String.format(Locale.ROOT, "%s, area %.3f", DeletionTest.ORDERS.get(o), r.meanArea(o)));
            for (int i = 0; i <= r.steps(); i++) {
                s.add(100.0 * i / r.steps(), r.meanCurves()[o][i]);
            }
            data.addSeries(s);
        }
        JFreeChart chart = LineCharts.of(title, "pixels removed (%)",
                "(logit P - logit Q) / value on the intact image", data);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int o = 0; o < COLOURS.length; o++) {
            renderer.setSeriesPaint(o, COLOURS[o]);
            renderer.setSeriesStroke(o, new BasicStroke(2.2f));
        }
        plot.setRenderer(renderer);
        return chart.createBufferedImage(width, height);
    }
}
