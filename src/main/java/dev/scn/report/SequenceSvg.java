package dev.scn.report;

import dev.scn.fact.Times;

import java.util.List;

/** Draws a {@link SequenceDiagram}: lane headers, one row per event, a frame around a folded cycle. */
final class SequenceSvg {
    private static final int WIDTH = 800;
    private static final double[] LANE_X = {150, 320, 480, 650};
    private static final int HEADER = 50;
    private static final int ROW = 22;

    private SequenceSvg() {
    }

    static String render(SequenceDiagram d, Messages m) {
        List<SequenceDiagram.Row> rows = d.rows();
        int height = HEADER + rows.size() * ROW + 16;
        Svg svg = new Svg(WIDTH, height, "sequence", m.text("seq.title", d.connection()));
        // labels sit on a white halo so that no lifeline or arrow crosses the text; marks are
        // coloured by what they tell (red: a segment lost or refused, orange: ipfw keeps it alive)
        svg.raw("<style>svg.sequence .msg-label,svg.sequence .mark-label,svg.sequence .end-label"
                + "{paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}"
                + "svg.sequence .mark[class*='seq-dropped'],svg.sequence .mark[class*='seq-rst']{fill:#b42318}"
                + "svg.sequence .mark[class*='seq-dynRemoved']{fill:#6b7280}</style>");
        String[] lanes = {m.text("seq.lane.client", d.client()), m.text("seq.lane.path"),
                m.text("seq.lane.ipfw", d.server()), m.text("seq.lane.tcp", d.server())};
        for (int i = 0; i < lanes.length; i++) {
            svg.rect(LANE_X[i] - 72, 8, 144, 26, "lane-head");
            svg.text(LANE_X[i], 26, "middle", "lane-name", lanes[i]);
            svg.line(LANE_X[i], 34, LANE_X[i], height - 8, i == SequenceDiagram.PATH ? "lane path" : "lane");
        }
        svg.text(8, 26, "start", "lane-name", m.text("seq.lane.time"));
        int foldTop = -1;
        for (int r = 0; r < rows.size(); r++) {
            SequenceDiagram.Row row = rows.get(r);
            double y = HEADER + r * ROW + ROW / 2.0;
            String label = m.text(row.key(), row.args());
            switch (row.type()) {
                case ARROW -> {
                    svg.text(8, y + 4, "start", "time", Times.human(row.micros()));
                    double x1 = LANE_X[row.from()];
                    double x2 = LANE_X[row.to()];
                    double dir = Math.signum(x2 - x1);
                    svg.line(x1, y + 4, x2 - dir * 2, y + 4, "msg " + row.key().replace('.', '-'));
                    svg.path("M" + Svg.n(x2) + " " + Svg.n(y + 4) + " l" + Svg.n(-dir * 8) + " -4 l0 8 z", "head");
                    svg.text((x1 + x2) / 2, y, "middle", "msg-label", label);
                }
                case MARK -> {
                    svg.text(8, y + 4, "start", "time", Times.human(row.micros()));
                    double x = LANE_X[row.from()];
                    svg.rect(x - 4, y - 4, 8, 8, "mark " + row.key().replace('.', '-'));
                    if (row.from() == SequenceDiagram.TCP) {
                        svg.text(x - 10, y + 4, "end", "mark-label", label);
                    } else {
                        svg.text(x + 10, y + 4, "start", "mark-label", label);
                    }
                }
                case GAP -> {
                    svg.rect(96, y - 6, WIDTH - 104, 12, "gap");
                    svg.text(8, y + 4, "start", "gap-label", label);
                }
                case FOLD_START -> {
                    foldTop = r;
                    svg.text(8, y + 4, "start", "time", Times.human(row.micros()));
                    svg.text(LANE_X[SequenceDiagram.PATH] - 60, y + 4, "start", "fold-label", label);
                }
                case FOLD_END -> {
                    if (foldTop >= 0) {
                        double top = HEADER + foldTop * ROW + 2;
                        svg.rect(92, top, WIDTH - 98, (r - foldTop + 1) * ROW - 4, "fold");
                        foldTop = -1;
                    }
                    svg.text(100, y + 4, "start", "fold-note", label);
                }
                case END -> {
                    svg.text(8, y + 4, "start", "time", Times.human(row.micros()));
                    svg.text(LANE_X[SequenceDiagram.TCP] - 10, y + 4, "end", "end-label", label);
                }
            }
        }
        return svg.end();
    }
}
