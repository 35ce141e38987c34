package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** scn bench's options and its machine-readable line, which bench/compare.sh parses. */
class BenchCommandTest {
    private static final Pattern RESULT = Pattern.compile(
            "bench-result tool=scn run=(\\w+) asked=\\d+ connections=(\\d+) events=(\\d+) loop_seconds=([0-9.]+)"
                    + " loop_cpu_seconds=[-0-9.]+ run_seconds=([0-9.]+) rate=(\\d+) delay=(\\w+)");

    @Test
    @DisplayName("--warmup: a cold then a warm run of the same workload, each with a parsable bench-result line")
    void warmupPrintsColdThenWarm() {
        CliTest.Outcome o = CliTest.scn("bench", "--connections", "20", "--rate", "10", "--delay", "40ms", "--warmup");
        assertEquals(0, o.code(), o.err());
        List<Matcher> lines = o.out().lines().map(RESULT::matcher).filter(Matcher::matches).toList();
        assertEquals(2, lines.size(), o.out());
        assertEquals("cold", lines.get(0).group(1));
        assertEquals("warm", lines.get(1).group(1));
        // Same scenario, same seed: the two runs are the same simulation.
        assertEquals(lines.get(0).group(2), lines.get(1).group(2));
        assertEquals(lines.get(0).group(3), lines.get(1).group(3));
        // Poisson arrivals at 10/s during 2 s: some connections, each at least SYN..FIN events.
        assertTrue(Long.parseLong(lines.get(0).group(2)) > 0, o.out());
        assertTrue(Long.parseLong(lines.get(0).group(3)) > Long.parseLong(lines.get(0).group(2)), o.out());
        // The loop is part of the run: its time cannot exceed the run's with setup.
        assertTrue(Double.parseDouble(lines.get(1).group(4)) <= Double.parseDouble(lines.get(1).group(5)), o.out());
        assertEquals("10", lines.get(0).group(6));
        assertEquals("40ms", lines.get(0).group(7));
    }

    @Test
    @DisplayName("--warmup-runs 3 --warm-runs 2: cold, two warming runs, then two timed warm ones, all the same simulation")
    void warmupRunsBeforeTheTimedOne() {
        List<Matcher> lines = resultLines(RESULT, "bench", "--connections", "20", "--rate", "10", "--warmup",
                "--warmup-runs", "3", "--warm-runs", "2");
        assertEquals(List.of("cold", "warming", "warming", "warm", "warm"), group(lines, 1));
        assertEquals(1, group(lines, 3).stream().distinct().count(), group(lines, 3).toString());
        CliTest.Outcome bad = CliTest.scn("bench", "--connections", "20", "--warmup", "--warmup-runs", "0");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--warmup-runs and --warm-runs must be at least 1"), bad.err());
    }

    @Test
    @DisplayName("--connections 10,20 --warmup: each round runs both sizes in turn; only the very first run is cold")
    void severalSizesRunInTurn() {
        Pattern asked = Pattern.compile("bench-result tool=scn run=(\\w+) asked=(\\d+) connections=\\d+ events=(\\d+) .*");
        List<Matcher> lines = resultLines(asked, "bench", "--connections", "10,20", "--rate", "10", "--warmup",
                "--warmup-runs", "2", "--warm-runs", "2");
        // 2 warm-up rounds and 2 timed rounds of 2 sizes: 8 runs, sizes alternating.
        assertEquals(List.of("cold", "warming", "warming", "warming", "warm", "warm", "warm", "warm"), group(lines, 1));
        assertEquals(List.of("10", "20", "10", "20", "10", "20", "10", "20"), group(lines, 2));
        // Each size is one simulation however often it runs; the two sizes are two simulations
        // (1 s and 2 s of arrivals at 10/s, seed 1: the second has more events).
        List<String> sizeAndEvents = lines.stream().map(m -> m.group(2) + "/" + m.group(3)).distinct().toList();
        assertEquals(2, sizeAndEvents.size(), sizeAndEvents.toString());
        assertTrue(Long.parseLong(lines.get(1).group(3)) > Long.parseLong(lines.get(0).group(3)), sizeAndEvents.toString());
        // Without --warmup each size runs once; only the first pays the JVM's warm-up.
        assertEquals(List.of("cold", "warming"),
                group(resultLines(asked, "bench", "--connections", "10,20", "--rate", "10"), 1));
        CliTest.Outcome bad = CliTest.scn("bench", "--connections", "10,0");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--connections and --rate must be positive"), bad.err());
    }

    /** Runs scn with these arguments, expects exit 0, and returns its output lines that match. */
    private static List<Matcher> resultLines(Pattern result, String... args) {
        CliTest.Outcome o = CliTest.scn(args);
        assertEquals(0, o.code(), o.err());
        List<Matcher> lines = o.out().lines().map(result::matcher).filter(Matcher::matches).toList();
        assertTrue(!lines.isEmpty(), o.out());
        return lines;
    }

    private static List<String> group(List<Matcher> lines, int group) {
        return lines.stream().map(m -> m.group(group)).toList();
    }

    @Test
    @DisplayName("without --warmup: one run, labelled cold")
    void singleRunIsCold() {
        CliTest.Outcome o = CliTest.scn("bench", "--connections", "10", "--rate", "10");
        assertEquals(0, o.code(), o.err());
        List<Matcher> lines = o.out().lines().map(RESULT::matcher).filter(Matcher::matches).toList();
        assertEquals(1, lines.size(), o.out());
        assertEquals("cold", lines.get(0).group(1));
        assertEquals("20ms", lines.get(0).group(7));
    }

    @Test
    @DisplayName("--delay sets the one-way delay of the pool's link; the default stays 20ms")
    void delayGoesIntoTheLink() {
        assertTrue(BenchCommand.scenarioText(4000, 50, "40ms", "5.4").contains("link web server delay 40ms\n"));
        assertTrue(BenchCommand.scenarioText(4000, 50, new BenchCommand().delay, "5.4")
                .contains("link web server delay 20ms\n"));
        // 4000 connections at 50/s: arrivals during 80 s, then 120 s to finish.
        assertTrue(BenchCommand.scenarioText(4000, 50, "40ms", "5.4").contains("during 0s..80s"));
    }

    @Test
    @DisplayName("--delay that is not a duration: exit 2 with a message")
    void badDelay() {
        CliTest.Outcome o = CliTest.scn("bench", "--connections", "10", "--delay", "40");
        assertEquals(2, o.code(), o.out());
        assertTrue(o.err().contains("--delay must be a duration"), o.err());
    }
}
