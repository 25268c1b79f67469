package org.tripletrec.app.cli;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tripletrec.eval.Metrics;
import org.tripletrec.io.AtomicFiles;

/**
 * The {@code frontier --plot} PNG: dislike@10 against ndcg@10, one point per dislike weight (the mean over seeds,
 * joined in weight order, each labelled with its weight), and the popularity baseline as a single point. Up and
 * to the left is worse on both; the frontier runs from the accurate end (weight 0) to the cautious end.
 */
final class FrontierPlot {
    private static final Color MODEL = new Color(0x1f77b4);
    private static final Color POPULARITY = new Color(0xd62728);

    private FrontierPlot() {}

    static void write(Path file, List<FrontierCommand.Point> points, Metrics popularity, String title)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(600)
                .title("Top-10 accuracy against dislikes in the top 10: " + title)
                .xAxisTitle("ndcg@10 (higher is better)").yAxisTitle("dislike@10 (lower is better)").build();
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int k = 0; k < points.size(); k++) {
            x[k] = points.get(k).mean().get("ndcg@10");
            y[k] = points.get(k).mean().get("dislike@10");
        }
        XYSeries knob = chart.addSeries("--dislike-weight", x, y);
        knob.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(MODEL).setLineColor(MODEL);
        XYSeries pop = chart.addSeries("popularity", new double[] {popularity.get("ndcg@10")},
                new double[] {popularity.get("dislike@10")});
        pop.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(POPULARITY).setLineColor(POPULARITY);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisDecimalPattern("0.0000");
        chart.getStyler().setXAxisDecimalPattern("0.000");
        for (int k = 0; k < points.size(); k++) {
            chart.addAnnotation(new org.knowm.xchart.AnnotationText("W=" + FrontierCommand.number(
                    points.get(k).weight()), x[k], y[k], false));
        }
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
