package org.explain4j.core.novelty.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;
import org.explain4j.core.metrics.Detection;
import org.explain4j.core.render.LineCharts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** ROC curves of several scores on the same samples, one line each, AUROC in the legend (JFreeChart). */
public final class RocPlot {

    /** Ten distinguishable colours (the first grey: the activation baseline comes first); more scores repeat them. */
    private static final Color[] COLOURS = {new Color(120, 120, 120), new Color(200, 30, 40), new Color(30, 90, 200),
            new Color(40, 150, 60), new Color(150, 60, 170), new Color(230, 140, 20), new Color(0, 160, 170),
            new Color(0, 0, 0), new Color(140, 90, 40), new Color(230, 90, 170)};

    private RocPlot() {
    }

    public static BufferedImage draw(String title, Map<String, Detection> byScore, int width, int height) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, Detection> e : byScore.entrySet()) {
            XYSeries s = new XYSeries(String.format(Locale.ROOT, "%s (AUROC %.3f)", e.getKey(), e.getValue().auroc()), false, true);
            for (Detection.Point p : e.getValue().roc()) {
                s.add(p.fpr(), p.tpr());
            }
            data.addSeries(s);
        }
        XYSeries chance = new XYSeries("chance", false, true);
        chance.add(0, 0);
        chance.add(1, 1);
        data.addSeries(chance);
        JFreeChart chart = LineCharts.of(title, "false positive rate (inliers called novel)",
                "true positive rate (novel inputs found)", data);
        XYPlot plot = chart.getXYPlot();
        plot.getDomainAxis().setRange(0, 1);
        plot.getRangeAxis().setRange(0, 1.01);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < byScore.size(); i++) {
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        renderer.setSeriesPaint(byScore.size(), Color.LIGHT_GRAY);
        renderer.setSeriesStroke(byScore.size(), new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {4f, 4f}, 0f));
        plot.setRenderer(renderer);
        return chart.createBufferedImage(width, height);
    }
}
