package dev.scn.run;

import dev.scn.load.ScenarioLoad;
import dev.scn.model.Scenario;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuietTimesTest {
    private static final long S = 1_000_000;

    private static Scenario scenario(String timeline) {
        return ScenarioLoad.text("""
                scenario q {
                    run 10m
                    host server {
                        os freebsd 5.4
                        ip 192.0.2.10
                        listen 80 http { request 300 response 20k then close }
                    }
                    traffic web from 198.18.0.0/16 to server:80 rate 5/s during 0s..5m {
                        request 300 response 20k
                        100% normal
                    }
                    link web server delay 40ms
                """ + timeline + "\n}\n", "q.scn").scenario();
    }

    @Test
    void samplesExpectationsAndTheEndAreLooks() {
        QuietTimes quiet = QuietTimes.of(scenario("""
                every 1m sample server
                at 90s expect server netstat TIME_WAIT >= 0
                """), 600 * S, 0);
        // A sample at 0, 60, 120 ... 600 s; an expectation at 90 s; the end at 600 s.
        assertTrue(quiet.quiet(1, 59 * S));
        assertFalse(quiet.quiet(59 * S, 60 * S));
        assertFalse(quiet.quiet(60 * S, 61 * S));
        assertTrue(quiet.quiet(60 * S + 1, 90 * S - 1));
        assertFalse(quiet.quiet(89 * S, 90 * S));
        assertTrue(quiet.quiet(90 * S + 1, 120 * S - 1));
        assertFalse(quiet.quiet(599 * S + 1, 601 * S));
    }

    @Test
    void aReportsOwnSamplingCountsToo() {
        QuietTimes quiet = QuietTimes.of(scenario(""), 600 * S, 2_500_000);
        assertFalse(quiet.quiet(4 * S, 5 * S)); // 5 s = 2 x 2.5 s
        assertTrue(quiet.quiet(5 * S + 1, 7_499_999));
    }

    @Test
    void aTimelineThatChangesTheHostsOrWatchesAStretchTurnsTheFastWayOff() {
        assertNull(QuietTimes.of(scenario("at 2m on server sysctl net.inet.tcp.msl=10000"), 600 * S, 0));
        assertNull(QuietTimes.of(scenario("at 2m link web server down"), 600 * S, 0));
        assertNull(QuietTimes.of(scenario("always expect server netstat FIN_WAIT_2 <= 5"), 600 * S, 0));
    }
}
