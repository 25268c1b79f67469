package org.tripletrec.app.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tripletrec.cli.UserInputException;
import org.tripletrec.eval.Metrics;
import org.tripletrec.io.AtomicFiles;

/**
 * The {@code --plot} PNG: the training loss per epoch above the test metrics per epoch, with the popularity
 * baseline drawn as dashed lines in the colour of its metric, so one can see when (and whether) the model beats it.
 */
final class PlotWriter {
    private static final List<String> METRICS = List.of(Metrics.FULL_AUC, Metrics.POS_NEG_AUC, Metrics.ndcgAt(10));
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 450;

    private PlotWriter() {}

    static void write(Path file, List<EpochRecord> epochs, Metrics popularity) throws IOException {
        // Servers and CI have no display; XChart only needs an off-screen image.
        System.setProperty("java.awt.headless", "true");
        List<XYChart> charts = new ArrayList<>();
        for (XYChart chart : List.of(lossChart(epochs), metricsChart(epochs, popularity))) {
            if (!chart.getSeriesMap().isEmpty()) { // XChart refuses to draw a chart without series
                charts.add(chart);
            }
        }
        if (charts.isEmpty()) {
            throw new UserInputException("nothing to plot: no finished epoch");
        }
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(charts, charts.size(), 1, out,
                BitmapEncoder.BitmapFormat.PNG));
    }

    private static XYChart lossChart(List<EpochRecord> epochs) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Training loss").xAxisTitle("epoch").yAxisTitle("mean loss").build();
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (EpochRecord e : epochs) {
            if (Double.isFinite(e.stats().meanLoss())) {
                x.add((double) e.epoch());
                y.add(e.stats().meanLoss());
            }
        }
        if (!x.isEmpty()) {
            style(chart.addSeries("loss", x, y), COLORS[0]);
        }
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    private static void style(XYSeries series, Color color) {
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
        series.setLineColor(color);
    }

    private static XYChart metricsChart(List<EpochRecord> epochs, Metrics popularity) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Test metrics (dashed: popularity baseline)").xAxisTitle("epoch").yAxisTitle("").build();
        double firstEpoch = epochs.isEmpty() ? 1 : epochs.get(0).epoch();
        double lastEpoch = epochs.isEmpty() ? 1 : epochs.get(epochs.size() - 1).epoch();
        for (int k = 0; k < METRICS.size(); k++) {
            String name = METRICS.get(k);
            Color color = COLORS[k % COLORS.length];
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (EpochRecord e : epochs) {
                if (e.metrics() != null && e.metrics().has(name) && Double.isFinite(e.metrics().get(name))) {
                    x.add((double) e.epoch());
                    y.add(e.metrics().get(name));
                }
            }
            if (!x.isEmpty()) {
                style(chart.addSeries(name, x, y), color);
            }
            if (popularity != null && popularity.has(name) && Double.isFinite(popularity.get(name))) {
                double v = popularity.get(name);
                XYSeries base = chart.addSeries("popularity " + name, new double[] {firstEpoch, lastEpoch},
                        new double[] {v, v});
                base.setMarker(SeriesMarkers.NONE).setLineColor(color)
                        .setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                                new float[] {6f, 4f}, 0f));
            }
        }
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        return chart;
    }
}
