package dev.scn.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws a {@link Chart} as inline SVG: small multiples, one strip per line, stacked on one time
 * axis (labelled at 0, at the run's end and at nice instants between), each strip with its
 * heading and its y scale labelled at 0 and at its top. A line that changes at most
 * {@link #ANNOTATED_CHANGES} times has the instant of each change written beside it.
 *
 * <p>Sized for phones: drawn {@link #WIDTH} units wide, the SVG scales to the width of its
 * container (viewBox, width 100%) up to {@link #MAX_WIDTH_PX}; the smallest text is 11.5 units,
 * 9.4 CSS px on a 390 px phone (342 px of content), 15 px at most on a wide screen.
 */
final class ChartSvg {
    static final int WIDTH = 420;
    static final int MAX_WIDTH_PX = 560;
    static final int ANNOTATED_CHANGES = 3;
    private static final double TEXT = 11.5;
    private static final double HEAD = 12.5;
    private static final int LEFT = 46;
    private static final int RIGHT = 18;
    private static final int TOP = 4;
    private static final int UNIT_ROW = 18;
    private static final int HEAD_ROW = 18;
    private static final int RUN_ROW = 15;
    private static final int STRIP = 40;
    /** Value 0 is drawn this far above the strip's base line, so a line at 0 stays visible. */
    private static final int LIFT = 3;
    private static final int GAP = 9;
    private static final int AXIS_ROWS = 40;
    /** Class names of their own, so the page's rules for other SVGs do not apply; sizes above the page's. */
    private static final String STYLE = "<style>"
            + "svg.chart .c-t{font-size:11.5px;fill:#444}"
            + "svg.chart .c-h{font-size:12.5px;font-weight:bold;fill:#1b1b1b}"
            + "svg.chart .c-r{font-size:11.5px;font-weight:bold}"
            + "svg.chart .c-u{font-size:11.5px;fill:#444;font-style:italic}"
            + "svg.chart .c-n{font-size:11.5px;fill:#666;font-style:italic}"
            + "svg.chart .c-a{font-size:11.5px;fill:#1b1b1b;paint-order:stroke;stroke:#fff;stroke-width:3px}"
            + "svg.chart .c-g{stroke:#e5e7eb;stroke-width:1}"
            + "svg.chart .c-x{stroke:#555;stroke-width:1}"
            + "svg.chart .c-k{stroke:#9ca3af;stroke-width:1;stroke-dasharray:3 2}"
            + "</style>";

    private ChartSvg() {
    }

    static String render(Chart chart, Messages m) {
        boolean perRun = chart.groups().stream().anyMatch(g -> g.series().stream().anyMatch(s -> s.run() != null));
        int height = TOP + UNIT_ROW + AXIS_ROWS;
        for (Chart.Group g : chart.groups()) {
            height += HEAD_ROW + g.series().size() * (STRIP + GAP + (perRun ? RUN_ROW : 0)) + 4;
        }
        Svg svg = Svg.fluid(WIDTH, height, MAX_WIDTH_PX, "chart chart-" + chart.id(), m.text(chart.titleKey()));
        svg.raw(STYLE);
        double plotW = WIDTH - LEFT - RIGHT;
        TimeAxis axis = chart.axis();
        List<TimeAxis.Tick> ticks = axis.ticks(plotW, RIGHT - 2, t -> width(TimeAxis.duration(t, m), TEXT));
        double y = TOP;
        fitted(svg, 4, y + 13, "c-u", null, TEXT, m.text(chart.yUnitKey()));
        y += UNIT_ROW;
        for (Chart.Group g : chart.groups()) {
            fitted(svg, 4, y + 13, "c-h", null, HEAD, m.text(g.label().key(), g.label().args()));
            y += HEAD_ROW;
            long max = Math.max(1, g.max());
            for (Chart.Series s : g.series()) {
                if (s.run() != null) {
                    fitted(svg, LEFT, y + 12, "c-r", s.color(), TEXT, m.text(s.run().key(), s.run().args()));
                    y += RUN_ROW;
                }
                strip(svg, s, y, max, ticks, axis, plotW, m);
                y += STRIP + GAP;
            }
            y += 4;
        }
        double base = y - GAP - 4;
        for (TimeAxis.Tick t : ticks) {
            double x = LEFT + t.position() * plotW;
            svg.line(x, base, x, base + 4, "c-x");
            String label = TimeAxis.duration(t.micros(), m);
            double w = width(label, TEXT);
            svg.text(LEFT + TimeAxis.labelLeft(t.position() * plotW, w, plotW, RIGHT - 2) + w / 2, base + 17,
                    "middle", "c-t", label);
        }
        svg.text(LEFT + plotW / 2, base + 34, "middle", "c-u", axis.title(m));
        return svg.end();
    }

    /** One strip: grid, base line, y labels at 0 and the top, the step line, and its few changes' instants. */
    private static void strip(Svg svg, Chart.Series s, double top, long max, List<TimeAxis.Tick> ticks, TimeAxis axis,
                              double plotW, Messages m) {
        double bottom = top + STRIP;
        double zeroY = bottom - LIFT;
        double scale = (zeroY - top - 2) / max;
        for (TimeAxis.Tick t : ticks) {
            double x = LEFT + t.position() * plotW;
            svg.line(x, top, x, bottom, axis.hasKnee() && t.micros() == axis.kneeMicros() ? "c-k" : "c-g");
        }
        svg.line(LEFT, top + 2, LEFT + plotW, top + 2, "c-g");
        svg.line(LEFT, bottom, LEFT + plotW, bottom, "c-x");
        svg.text(LEFT - 5, zeroY + 4, "end", "c-t", "0");
        svg.text(LEFT - 5, top + 2 + 8, "end", "c-t", Long.toString(max));
        List<Chart.Point> points = s.points();
        if (s.allZero()) {
            svg.text(LEFT + 8, zeroY - 8, "start", "c-n", m.text("chart.staysZero"));
        }
        StringBuilder line = new StringBuilder();
        double lastY = Double.NaN;
        for (Chart.Point p : visible(points, axis, plotW)) {
            double x = LEFT + axis.position(p.micros()) * plotW;
            double py = zeroY - p.value() * scale;
            if (!Double.isNaN(lastY)) {
                line.append(Svg.n1(x)).append(',').append(Svg.n1(lastY)).append(' ');
            }
            line.append(Svg.n1(x)).append(',').append(Svg.n1(py)).append(' ');
            lastY = py;
        }
        line.append(Svg.n1(LEFT + plotW)).append(',').append(Svg.n1(lastY));
        svg.polyline(line, s.color(), "", 2);
        annotate(svg, s, top, max, plotW, zeroY, scale, axis, m);
    }

    /**
     * Writes the instant of each change beside its step, on the side of the step the line leaves
     * empty: under the higher level after a rise, over the lower level after a fall; right of
     * the step, or left of it near the right end; skipped where it would overlap another. A line
     * that changes more than {@link #ANNOTATED_CHANGES} times (a cumulative count, busy traffic)
     * gets only the instant it first left 0, with a dotted mark, and its value at the end when the
     * strip's top (shared with other runs) does not give it.
     */
    private static void annotate(Svg svg, Chart.Series s, double top, long max, double plotW, double zeroY,
                                 double scale, TimeAxis axis, Messages m) {
        List<Chart.Point> points = s.points();
        List<Chart.Point> changes = points.stream().filter(p -> p.micros() > 0).toList();
        if (changes.isEmpty()) {
            return;
        }
        List<double[]> boxes = new ArrayList<>();
        if (changes.size() > ANNOTATED_CHANGES) {
            if (points.get(0).value() == 0) {
                Chart.Point first = changes.get(0);
                double x = LEFT + axis.position(first.micros()) * plotW;
                svg.line(x, zeroY, x, top + 2, s.color(), "2 2");
                label(svg, boxes, x, top + 13, plotW, m.text("chart.from", TimeAxis.instant(first.micros(), m)));
            }
            long last = points.get(points.size() - 1).value();
            if (last != max) {
                // the value at the end, where the strip's scale (another run's top) does not say it
                double y = zeroY - last * scale;
                svg.text(LEFT + plotW - 2, y - 4 - TEXT > top ? y - 4 : y + 13, "end", "c-a", Long.toString(last));
            }
            return;
        }
        long before = points.get(0).micros() > 0 ? 0 : points.get(0).value();
        for (Chart.Point p : changes) {
            double x = LEFT + axis.position(p.micros()) * plotW;
            double y = p.value() > before ? zeroY - p.value() * scale + 12 : zeroY - p.value() * scale - 4;
            label(svg, boxes, x, y, plotW, TimeAxis.instant(p.micros(), m));
            before = p.value();
        }
    }

    /** A label right of {@code x} (left of it near the right end) at baseline {@code y}, unless it would overlap one in {@code boxes}. */
    private static void label(Svg svg, List<double[]> boxes, double x, double y, double plotW, String text) {
        double w = width(text, TEXT);
        boolean right = x + 4 + w <= LEFT + plotW + RIGHT - 2;
        double left = right ? x + 4 : x - 4 - w;
        double[] box = {left, y - TEXT + 2, left + w, y + 2};
        for (double[] b : boxes) {
            if (box[0] < b[2] + 4 && box[2] > b[0] - 4 && box[1] < b[3] && box[3] > b[1]) {
                return;
            }
        }
        svg.text(right ? x + 4 : x - 4, y, right ? "start" : "end", "c-a", text);
        boxes.add(box);
    }

    /**
     * The points to draw for a plot {@code plotW} units wide: within each one-unit column only the
     * lowest, highest and last point (in time order) matter to the eye, so thousands of steps
     * in a crowded stretch do not bloat the page.
     */
    static List<Chart.Point> visible(List<Chart.Point> points, TimeAxis axis, double plotW) {
        List<Chart.Point> out = new ArrayList<>();
        int i = 0;
        while (i < points.size()) {
            long column = (long) Math.floor(axis.position(points.get(i).micros()) * plotW);
            int j = i;
            int low = i;
            int high = i;
            while (j < points.size() && (long) Math.floor(axis.position(points.get(j).micros()) * plotW) == column) {
                if (points.get(j).value() < points.get(low).value()) {
                    low = j;
                }
                if (points.get(j).value() > points.get(high).value()) {
                    high = j;
                }
                j++;
            }
            int last = j - 1;
            int previous = -1;
            for (int k : new int[] {Math.min(low, high), Math.max(low, high), last}) {
                if (k != previous) {
                    out.add(points.get(k));
                    previous = k;
                }
            }
            i = j;
        }
        return out;
    }

    /** Text from {@code x} to at most the right edge: squeezed when it would not fit. */
    private static void fitted(Svg svg, double x, double y, String cssClass, String color, double fontSize, String text) {
        double room = WIDTH - 2 - x;
        double w = width(text, fontSize);
        svg.text(x, y, "start", cssClass, color, w > room ? room : 0, text);
    }

    /** Width of a text in units: 0.6 em for Latin letters and digits, 1 em for CJK characters. */
    static double width(String text, double fontSize) {
        double em = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            em += c >= 0x2E80 ? 1.0 : c == ' ' ? 0.32 : 0.64;
        }
        return em * fontSize;
    }
}
