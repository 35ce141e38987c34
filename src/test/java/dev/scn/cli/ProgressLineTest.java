package dev.scn.cli;

import dev.scn.engine.kernel.ProgressListener;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress line's text (a pure function), its throttling and wiping, and when it is on. */
class ProgressLineTest {
    private static final long S = 1_000_000L;
    private static final long MS_NANOS = 1_000_000L;

    /*
     * The issue's example. 1d02h = 93 600 s of a 5 d = 432 000 s run: 93 600 / 432 000 = 21.67 %,
     * shown truncated, 21. 13 800 000 events in 11.5 s of wall time = 1 200 000 events/s = 1.2 M.
     * ETA: 11.5 s for 93 600 simulated s, so the 338 400 s left take 11.5 * 338 400 / 93 600
     * = 41.58 s, shown truncated as 0:41.
     */
    @Test
    @DisplayName("the issue's example line: [2/3 fix] 1d02h / 5d  21 %  1.2 M events/s  ETA 0:41")
    void issueExample() {
        assertEquals("[2/3 fix] 1d02h / 5d  21 %  1.2 M events/s  ETA 0:41",
                ProgressLine.format("[2/3 fix]", 93_600 * S, 432_000 * S, 13_800_000, 11_500 * MS_NANOS));
    }

    /* Nothing simulated and no wall time yet: 0 %, no rate, no ETA; no label for a lone run. */
    @Test
    @DisplayName("at the start: 0s / 10s  0 %  -- events/s  ETA --")
    void atTheStart() {
        assertEquals("0s / 10s  0 %  -- events/s  ETA --", ProgressLine.format(null, 0, 10 * S, 0, 0));
    }

    /*
     * 1 s of a 3601 s run in 1 s of wall time: 3600 s left at that pace is 1:00:00.
     * 0.02 % -> 0. 512 events in 1 s.
     */
    @Test
    @DisplayName("an ETA of an hour or more is H:MM:SS")
    void etaInHours() {
        assertEquals("1s / 1h  0 %  512 events/s  ETA 1:00:00",
                ProgressLine.format(null, S, 3_601 * S, 512, 1_000 * MS_NANOS));
    }

    @Test
    @DisplayName("simulated time to its two largest units, truncated")
    void clock() {
        assertEquals("1d02h", ProgressLine.clock(93_600 * S));
        assertEquals("5d", ProgressLine.clock(432_000 * S));
        assertEquals("2h05m", ProgressLine.clock(7_500 * S));           // 2*3600 + 5*60
        assertEquals("1h", ProgressLine.clock(3_600 * S + 59 * S));    // 59 s below the minute: dropped
        assertEquals("3m07s", ProgressLine.clock(187 * S));            // 3*60 + 7
        assertEquals("12.3s", ProgressLine.clock(12_345_678));
        assertEquals("59.9s", ProgressLine.clock(59_999_999));
        assertEquals("0s", ProgressLine.clock(99_999));
    }

    @Test
    @DisplayName("events/s in M (one decimal), k or units; a figure that would round to 1000 takes the larger unit")
    void rate() {
        assertEquals("850 k events/s", ProgressLine.rate(850_000, 1_000 * MS_NANOS));
        assertEquals("1.0 M events/s", ProgressLine.rate(999_999, 1_000 * MS_NANOS));  // 999.999 k
        assertEquals("999 events/s", ProgressLine.rate(999, 1_000 * MS_NANOS));
        assertEquals("1 k events/s", ProgressLine.rate(1_999, 2_000 * MS_NANOS));      // 999.5
        assertEquals("2.5 M events/s", ProgressLine.rate(5_000_000, 2_000 * MS_NANOS));
    }

    @Test
    @DisplayName("past the end (a run that overshoots by no event) is 100 %, ETA 0:00")
    void capped() {
        assertEquals("10s / 10s  100 %  1 k events/s  ETA 0:00", ProgressLine.format(null, 10 * S, 10 * S, 1_000,
                1_000 * MS_NANOS));
    }

    @Test
    @DisplayName("a label that would make the line pass 79 columns is cut with …]")
    void longLabel() {
        String label = "[2/2 fix: sysctl net.inet.ip.fw.dyn_keepalive=0 and a very long explanation of it]";
        String line = ProgressLine.format(label, S, 10 * S, 1_000, 1_000 * MS_NANOS);
        assertEquals(ProgressLine.MAX_WIDTH, line.length(), line);
        assertTrue(line.startsWith("[2/2 fix: sysctl"), line);
        assertTrue(line.endsWith("…] 1s / 10s  10 %  1 k events/s  ETA 0:09"), line);
    }

    @Test
    @DisplayName("labels: [i/n name] with variants, none for a lone run, [k/N file name] in a report batch")
    void labels() {
        assertEquals("[2/3 fix]", ProgressLine.label(null, List.of("base", "fix", "other"), "fix"));
        assertNull(ProgressLine.label(null, List.of("base"), "base"));
        assertEquals("[3/40 a.scn]", ProgressLine.label("3/40 a.scn", List.of("base"), "base"));
        assertEquals("[3/40 a.scn fix]", ProgressLine.label("3/40 a.scn", List.of("base", "fix"), "fix"));
    }

    /*
     * A fake clock: the run starts at wall 0; ticks at 100 ms (too soon: nothing), 250 ms (drawn),
     * 400 ms (150 ms after the last draw: nothing) and 500 ms (drawn); the end wipes the line.
     * Run 10 s. At 250 ms: 1 s simulated, 65 536 events: 262 144 events/s = "262 k"; 10 %; ETA
     * 0.25 * 9 / 1 = 2.25 s = 0:02. At 500 ms: 4 s, 131 072 events: 262 144/s again; 40 %; ETA
     * 0.5 * 6 / 4 = 0.75 s = 0:00.
     */
    @Test
    @DisplayName("redrawn in place at most every 250 ms of wall time, wiped at the end, stdout flushed first")
    void throttledAndWiped() {
        AtomicLong wall = new AtomicLong();
        StringWriter errText = new StringWriter();
        StringWriter outText = new StringWriter();
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(outText));
        ProgressLine line = new ProgressLine(new PrintWriter(errText), out, wall::get);
        line.runs(null, List.of("base"));
        ProgressListener listener = line.started("base", 10 * S);
        wall.set(100 * MS_NANOS);
        listener.progress(S / 2, 65_536);
        assertEquals("", errText.toString(), "100 ms: too soon");
        out.print("shown text");
        wall.set(250 * MS_NANOS);
        listener.progress(S, 65_536);
        String first = "1s / 10s  10 %  262 k events/s  ETA 0:02";
        assertEquals("\r" + first, errText.toString());
        assertEquals("shown text", outText.toString(), "stdout is flushed before the line is drawn");
        wall.set(400 * MS_NANOS);
        listener.progress(2 * S, 98_304);
        assertEquals("\r" + first, errText.toString(), "150 ms after the last draw: not redrawn");
        wall.set(500 * MS_NANOS);
        listener.progress(4 * S, 131_072);
        String second = "4s / 10s  40 %  262 k events/s  ETA 0:00";
        assertEquals("\r" + first + "\r" + second, errText.toString());
        line.ended();
        assertEquals("\r" + first + "\r" + second + "\r" + " ".repeat(second.length()) + "\r", errText.toString());
        line.ended();
        assertEquals("\r" + first + "\r" + second + "\r" + " ".repeat(second.length()) + "\r", errText.toString(),
                "wiped once");
    }

    /* A shorter line after a longer one covers the rest with spaces. */
    @Test
    @DisplayName("a shorter line covers what the longer one before it left")
    void shorterLinePadded() {
        AtomicLong wall = new AtomicLong();
        StringWriter errText = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(errText), new PrintWriter(new StringWriter()), wall::get);
        line.runs(null, List.of("base"));
        ProgressListener listener = line.started("base", 3_601 * S);
        wall.set(1_000 * MS_NANOS);
        listener.progress(S, 512);                   // "1s / 1h  0 %  512 events/s  ETA 1:00:00" (39)
        wall.set(2_000 * MS_NANOS);
        listener.progress(3_600 * S, 1_024);         // "1h / 1h  99 %  512 events/s  ETA 0:00" (37)
        assertEquals("\r1s / 1h  0 %  512 events/s  ETA 1:00:00\r1h / 1h  99 %  512 events/s  ETA 0:00  ",
                errText.toString());
    }

    @Test
    @DisplayName("on: the option if given, else SCN_PROGRESS=1|0, else whether there is a console")
    void enabled() {
        assertFalse(ProgressOption.enabled(null, null, false));
        assertTrue(ProgressOption.enabled(null, null, true));
        assertTrue(ProgressOption.enabled(null, "1", false));
        assertFalse(ProgressOption.enabled(null, "0", true));
        assertFalse(ProgressOption.enabled(null, "yes", false), "only 1 and 0 are read");
        assertFalse(ProgressOption.enabled(false, "1", true));
        assertTrue(ProgressOption.enabled(true, "0", false));
    }
}
