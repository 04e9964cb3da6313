package org.explain4j.recognition.evidence;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.explain4j.core.render.LineCharts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Mean deletion or insertion curves of every method, one line each (JFreeChart). */
public final class EvaluationPlot {

    private EvaluationPlot() {
    }

    public static BufferedImage draw(List<MapEvaluation.MethodScores> scores, boolean deletion, String title, int width, int height) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (MapEvaluation.MethodScores m : scores) {
            double[] curve = deletion ? m.meanDeletionCurve() : m.meanInsertionCurve();
            XYSeries s = new XYSeries(String.format(Locale.ROOT, "%s (%.3f)", m.method(), deletion ? m.deletion() : m.insertion()));
            for (int i = 0; i < curve.length; i++) {
                s.add(100.0 * i / (curve.length - 1), curve[i]);
            }
            data.addSeries(s);
        }
        JFreeChart chart = LineCharts.of(title, deletion ? "pixels removed (%)" : "pixels inserted (%)",
                "probability of P", data);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < scores.size(); i++) {
            renderer.setSeriesPaint(i, Color.getHSBColor(i / (float) Math.max(1, scores.size()), 0.8f, 0.75f));
            renderer.setSeriesStroke(i, new BasicStroke(scores.get(i).method().equals("random") ? 1.2f : 2.0f));
        }
        plot.setRenderer(renderer);
        return chart.createBufferedImage(width, height);
    }
}
