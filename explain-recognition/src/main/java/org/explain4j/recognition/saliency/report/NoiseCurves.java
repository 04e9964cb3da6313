package org.explain4j.recognition.saliency.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.explain4j.core.render.LineCharts;
import org.explain4j.core.saliency.metrics.SaliencyScores;
import org.explain4j.recognition.saliency.experiment.SaliencyExperiment;
import org.explain4j.recognition.saliency.experiment.ScoredMethod;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** One metric of every saliency model against the noise level, the clean score at sigma 0 (JFreeChart). */
public final class NoiseCurves {

    private static final Color[] COLOURS = {new Color(200, 30, 40), new Color(230, 120, 30), new Color(150, 60, 170),
            new Color(230, 90, 170), new Color(140, 90, 40), new Color(30, 90, 200), new Color(40, 150, 60),
            new Color(120, 120, 120), new Color(0, 0, 0)};

    private NoiseCurves() {
    }

    public static BufferedImage draw(SaliencyExperiment.Results r, String metric, String title, int width, int height) {
        if (!SaliencyScores.NAMES.contains(metric)) {
            throw new IllegalArgumentException("unknown metric " + metric);
        }
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (ScoredMethod m : r.clean()) {
            series.computeIfAbsent(m.method(), k -> new XYSeries(k, false, true)).add(0, m.mean(metric));
        }
        List<ScoredMethod> noise = r.noise();
        int perLevel = r.clean().size();
        for (int level = 0; level < r.noiseLevels().size(); level++) {
            for (int k = 0; k < perLevel; k++) {
                ScoredMethod m = noise.get(level * perLevel + k);
                series.get(m.method()).add((double) r.noiseLevels().get(level), m.mean(metric));
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        JFreeChart chart = LineCharts.of(title, "Gaussian noise sigma (pixel values in [0, 1])", metric + " (mean over composites)", data);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(i < 5 ? 2.5f : 1.5f));
        }
        chart.getXYPlot().setRenderer(renderer);
        return chart.createBufferedImage(width, height);
    }
}
