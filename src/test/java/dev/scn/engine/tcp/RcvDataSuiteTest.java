package dev.scn.engine.tcp;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * FreeBSD's own facts about receiving data: the 145 scripts of the TCP test suite's
 * rcv-data-segments/ folder (../shared/tcp-testsuite, written for and run on main/14), played
 * against profile 14.2 by {@link RcvDataScript}. Every '>' line is what a real stack sent: when
 * (immediate ACK for an out-of-order segment and for the one filling a hole, 40 ms delayed for
 * an in-order one), the ack, the window (buffer minus unread data; queued out-of-order data does
 * not count) and the SACK blocks with D-SACK first. Skipped when the suite is absent.
 */
class RcvDataSuiteTest {
    private static final Path SUITE = Path.of("..", "shared", "tcp-testsuite", "rcv-data-segments");

    @Test
    @DisplayName("suite rcv-data-segments: all 145 overlapping/reordering scripts hold on 14.2")
    void everyScriptHolds() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SUITE), "FreeBSD TCP test suite not found at " + SUITE);
        List<Path> scripts;
        try (Stream<Path> files = Files.list(SUITE)) {
            scripts = files.filter(f -> f.toString().endsWith(".pkt")).sorted().toList();
        }
        List<String> failures = new ArrayList<>();
        for (Path script : scripts) {
            String error = new RcvDataScript().play(script);
            if (error != null) {
                failures.add(error);
            }
        }
        assertEquals(145, scripts.size());
        assertEquals(List.of(), failures);
    }
}
