package dev.scn.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeAxisTest {
    private static final long S = TimeAxis.S;
    private static final long TWO_DAYS = 2 * TimeAxis.D;
    private final Messages en = Messages.load(Lang.EN);

    /*
     * The seed: first change at 0.04 s (the SYN reaches the server), run 2 d = 172800 s.
     * tau = 10 ms, the power of ten at or below 0.04 s. The knee K is the round instant whose log
     * share (tau + K) ln(1 + K/tau) / ((tau + K) ln(1 + K/tau) + end - K) is nearest 0.4:
     *   K = 1 h: 3600 x ln(360001) = 3600 x 12.794 = 46058;  46058 / (46058 + 169200) = 0.214
     *   K = 2 h: 7200 x ln(720001) = 7200 x 13.487 = 97107;  97107 / (97107 + 165600) = 0.370
     *   K = 3 h: 10800 x ln(1080001) = 10800 x 13.893 = 150039; 150039 / (150039 + 162000) = 0.481
     * so K = 2 h, with 37 % of the width for the first two hours.
     */
    @Test
    @DisplayName("the seed's axis: log after 10 ms up to a knee at 2 h, then linear, joined without a kink")
    void seedAxis() {
        TimeAxis axis = TimeAxis.of(TWO_DAYS, 40_000);
        assertEquals(10_000, axis.tauMicros());
        assertEquals(2 * TimeAxis.H, axis.kneeMicros());
        assertEquals(0.370, axis.logShare(), 0.001);
        assertEquals(0, axis.position(0));
        assertEquals(1, axis.position(TWO_DAYS), 1e-12);
        long[] instants = {0, 40_000, 360_000, 2 * S, 281 * S, 300 * S, 675_360_000, 2 * TimeAxis.H, TimeAxis.D, TWO_DAYS};
        for (int i = 1; i < instants.length; i++) {
            assertTrue(axis.position(instants[i]) > axis.position(instants[i - 1]), "increasing at " + instants[i]);
        }
        // 300 s and 675.36 s: 0.370 x (ln 67537 - ln 30001) / ln 720001 = 0.370 x 0.811 / 13.487 = 0.0223
        // of the width apart, 8 units of 360 (a linear axis: 375.36 / 172800 x 360 = 0.8)
        assertEquals(0.0223, axis.position(675_360_000) - axis.position(300 * S), 0.0005);
        // the slopes either side of the knee agree
        long k = axis.kneeMicros();
        double before = (axis.position(k) - axis.position(k - S)) / S;
        double after = (axis.position(k + S) - axis.position(k)) / S;
        assertEquals(1, before / after, 0.001);
    }

    @Test
    @DisplayName("ticks: 0 and the end always, labels that do not overlap")
    void ticksAtBothEnds() {
        for (TimeAxis axis : List.of(TimeAxis.of(TWO_DAYS, 40_000), TimeAxis.of(10 * 60 * S, 130_000),
                TimeAxis.of(S, 40_000), TimeAxis.of(90 * 60 * S, 0))) {
            List<TimeAxis.Tick> ticks = axis.ticks(360, 16, t -> ChartSvg.width(TimeAxis.duration(t, en), 11.5));
            assertEquals(0, ticks.get(0).micros(), axis.toString());
            assertEquals(axis.endMicros(), ticks.get(ticks.size() - 1).micros(), axis.toString());
            assertTrue(ticks.size() >= 3, axis + " " + ticks);
            for (int i = 1; i < ticks.size(); i++) {
                double gap = (ticks.get(i).position() - ticks.get(i - 1).position()) * 360;
                assertTrue(gap > 10, axis + ": ticks too close " + ticks);
            }
        }
    }

    /* 1 s with a first change at 40 ms: 1 s < 200 x 10 ms, so plain linear time. */
    @Test
    @DisplayName("a short run gets a linear axis")
    void shortRunIsLinear() {
        TimeAxis axis = TimeAxis.of(S, 40_000);
        assertFalse(axis.logarithmic());
        assertEquals(0.5, axis.position(S / 2), 1e-12);
        assertEquals("time since the start", axis.title(en));
    }

    @Test
    @DisplayName("durations in their largest unit, instants in seconds as the narrative gives them")
    void labels() {
        assertEquals("2 d", TimeAxis.duration(TWO_DAYS, en));
        assertEquals("1.5 h", TimeAxis.duration(90 * 60 * S, en));
        assertEquals("100 ms", TimeAxis.duration(100_000, en));
        assertEquals("0", TimeAxis.duration(0, en));
        assertEquals("675.36 s", TimeAxis.instant(675_360_000, en));
        assertEquals("675.36秒", TimeAxis.instant(675_360_000, Messages.load(Lang.ZH)));
    }
}
