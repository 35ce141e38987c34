package dev.scn.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The syn-only traffic behaviour end to end: src/test/resources/scenarios/syn-flood.scn derives
 * every expected number in its comments (dyn_max 100 admits 100 SYNs; syncache entries listed as
 * SYN_RCVD on 9.3 for 45 s, not listed on 5.4; states dying at dyn_syn_lifetime on 9.3 and at
 * SYN + 21 s + dyn_ack_lifetime on 5.4; 3 or 4 SYN-ACKs per entry).
 */
class SynFloodScenarioTest {
    private static final String FILE = "src/test/resources/scenarios/syn-flood.scn";

    @Test
    @DisplayName("a syn-only flood leaves the hand-derived half-open entries and ipfw states")
    void everyExpectationHolds() {
        CliTest.Outcome o = CliTest.scn("run", FILE);
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("base: 5/5 held"), o.out());
        assertTrue(o.out().contains("SYN-ACK: 5/5 held"), o.out());
    }

    /*
     * The run's end state carries the syncache counters: 100 entries added (the SYNs ipfw let
     * through), all 100 dropped unanswered (tcps_sc_stale) by the end (7 min > 45 s), none left,
     * and no overflow (100 entries fit in 512 buckets of 30 and a cache of 15360).
     */
    @Test
    @DisplayName("the run's end state reports the syncache counters")
    void endStateCounters() {
        dev.scn.lang.ParseResult parsed = dev.scn.lang.ScenarioParser.parse(java.nio.file.Path.of(FILE));
        dev.scn.run.RunResult r = new dev.scn.run.ScenarioRunner(parsed.scenarios().get(0),
                dev.scn.run.ScenarioRunner.RunOptions.defaults()).run(dev.scn.run.ScenarioRunner.BASE);
        dev.scn.run.HostEnd.SyncacheEnd sc = r.hosts().get("server").syncache();
        assertEquals(new dev.scn.run.HostEnd.SyncacheEnd(0, 100, 100, 0, 0, 0, 0), sc);
    }
}
