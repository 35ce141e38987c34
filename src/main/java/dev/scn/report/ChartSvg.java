package dev.scn.report;

import java.util.List;

/** Draws a {@link Chart} as inline SVG: axes with units, grid, step lines, legend below. */
final class ChartSvg {
    static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
            "#17becf", "#7f7f7f", "#bcbd22"};
    private static final String[] DASHES = {"", "6 4", "2 3", "10 3 2 3"};
    private static final int WIDTH = 760;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 16;
    private static final int PLOT_HEIGHT = 200;
    private static final int LEGEND_ROW = 18;

    private ChartSvg() {
    }

    static String render(Chart chart, Messages m) {
        List<Chart.Series> series = chart.series();
        List<String> labels = series.stream().map(x -> m.text(x.labelKey(), x.labelArgs())).toList();
        int columns = labels.stream().anyMatch(l -> l.length() > 44) ? 1 : 2;
        int legendRows = (series.size() + columns - 1) / columns;
        int height = TOP + PLOT_HEIGHT + 46 + Math.max(1, legendRows) * LEGEND_ROW;
        Svg svg = new Svg(WIDTH, height, "chart chart-" + chart.id(), m.text(chart.titleKey()));
        double plotW = WIDTH - LEFT - RIGHT;
        double bottom = TOP + PLOT_HEIGHT;
        TimeAxis axis = TimeAxis.forLength(Math.max(1, chart.endMicros()));
        double end = (double) chart.endMicros() / axis.unitMicros();
        double yMax = 1;
        for (Chart.Series s : series) {
            for (Chart.Point p : s.points()) {
                yMax = Math.max(yMax, p.value());
            }
        }
        double yStep = yMax <= 5 ? 1 : TimeAxis.niceStep(yMax / 5);
        double yTop = Math.ceil(yMax * 1.1 / yStep) * yStep;
        // grid and tick labels
        for (double v = 0; v <= yTop + 1e-9; v += yStep) {
            double y = bottom - v / yTop * PLOT_HEIGHT;
            svg.line(LEFT, y, LEFT + plotW, y, "grid");
            svg.text(LEFT - 6, y + 4, "end", "tick", Svg.n(v));
        }
        for (double t = 0; t <= end + 1e-9; t += axis.step()) {
            double x = LEFT + (end <= 0 ? 0 : t / end * plotW);
            svg.line(x, bottom, x, bottom + 4, "axis");
            svg.text(x, bottom + 16, "middle", "tick", Svg.n(t));
        }
        svg.line(LEFT, TOP, LEFT, bottom, "axis").line(LEFT, bottom, LEFT + plotW, bottom, "axis");
        svg.text(LEFT + plotW / 2, bottom + 34, "middle", "axis-label", m.text("chart.axis.time", m.text(axis.unitKey())));
        svg.rotatedText(16, TOP + PLOT_HEIGHT / 2.0, "axis-label", m.text(chart.yUnitKey()));
        if (!chart.hasData()) {
            svg.text(LEFT + plotW / 2, TOP + PLOT_HEIGHT / 2.0, "middle", "nodata", m.text("chart.noData"));
        }
        // lines
        for (Chart.Series s : series) {
            StringBuilder points = new StringBuilder();
            double lastY = Double.NaN;
            for (Chart.Point p : s.points()) {
                double x = LEFT + Math.min(1, (double) p.micros() / Math.max(1, chart.endMicros())) * plotW;
                double y = bottom - p.value() / yTop * PLOT_HEIGHT;
                if (!Double.isNaN(lastY)) {
                    points.append(Svg.n(x)).append(',').append(Svg.n(lastY)).append(' ');
                }
                points.append(Svg.n(x)).append(',').append(Svg.n(y)).append(' ');
                lastY = y;
            }
            if (!Double.isNaN(lastY)) {
                points.append(Svg.n(LEFT + plotW)).append(',').append(Svg.n(lastY));
                svg.polyline(points, color(s), DASHES[s.dashSlot() % DASHES.length], s.dashSlot() == 0 ? 2 : 1.6);
            }
        }
        // legend
        double legendTop = bottom + 48;
        for (int i = 0; i < series.size(); i++) {
            Chart.Series s = series.get(i);
            double x = LEFT + (i % columns) * (plotW / 2);
            double y = legendTop + (i / columns) * LEGEND_ROW;
            svg.polyline(Svg.n(x) + "," + Svg.n(y - 4) + " " + Svg.n(x + 26) + "," + Svg.n(y - 4), color(s),
                    DASHES[s.dashSlot() % DASHES.length], 2.5);
            svg.text(x + 32, y, "start", "legend", labels.get(i));
        }
        return svg.end();
    }

    private static String color(Chart.Series s) {
        return PALETTE[s.colorSlot() % PALETTE.length];
    }
}
