package dev.scn.run;

import dev.scn.lang.ParseResult;
import dev.scn.lang.ScenarioParser;
import dev.scn.model.Scenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's expectation subjects and injections, on the seed incident's two hosts (5.4, ipfw
 * keep-state, Apache-like server, a client that ignores strays). Each of these lines was a syntax
 * error before: the counts and instants could only be read off a trace or a pcap.
 */
class ExpectationKindsTest {
    private static final String HOSTS = RunnerTest.HOSTS;

    private static RunResult run(long seed, String body) {
        ParseResult parsed = ScenarioParser.parse("scenario t {\n seed " + seed + "\n run 1h\n" + HOSTS + body
                + "\n}\n", "t.scn");
        assertTrue(parsed.ok(), parsed.diagnostics().sorted().toString());
        Scenario scenario = parsed.scenarios().get(0);
        dev.scn.lang.Diagnostics checked = new dev.scn.lang.Diagnostics();
        ScenarioValidator.validate(scenario, checked);
        assertTrue(checked.sorted().stream().noneMatch(d -> d.severity() == dev.scn.lang.Diagnostic.Severity.ERROR),
                checked.sorted().toString());
        return new ScenarioRunner(scenario, ScenarioRunner.RunOptions.defaults()).run(ScenarioRunner.BASE);
    }

    private static void assertAllHeld(RunResult r) {
        for (ExpectationResult e : r.expectations()) {
            assertTrue(e.held(), "line " + e.span().line() + ": " + e.subject() + " " + e.op() + " " + e.expected()
                    + ", actual " + e.actual());
        }
    }

    /*
     * Without ipfw keepalives the server's FIN_WAIT_2 ends at 675.36 s (SeedIncidentTest: the
     * FIN_WAIT_2 timer armed at A = 0.36 s + 600 s finds the connection idle 600 s... then the
     * 75 s re-check; RunnerTest.within uses the same instant). "leaves FIN_WAIT_2" is that instant
     * exactly, "enters CLOSED" too; "FIN_WAIT_2 == 0 first", watched from 10 s (when it is 1),
     * too. 600 s ± 1 s is off by 75.36 s and fails, with the instant it did happen as actual.
     */
    @Test
    @DisplayName("when: the instant a connection leaves a state, enters one, or a count first holds")
    void instants() {
        RunResult r = run(1, """
                at 0s on server sysctl net.inet.ip.fw.dyn_keepalive=0
                at 0s client connect server:80 as c1
                at +2s client forget c1
                expect c1 on server leaves FIN_WAIT_2 at 675.36s
                expect c1 on server enters CLOSED at 675.36s ± 1ms
                at 10s expect server netstat FIN_WAIT_2 == 0 first at 11m15.36s +- 0s
                expect c1 on server leaves FIN_WAIT_2 at 600s ± 1s
                expect c1 on server leaves SYN_SENT at 1s
                """);
        List<ExpectationResult> e = r.expectations();
        assertEquals(5, e.size());
        for (int i = 0; i < 3; i++) {
            assertTrue(e.get(i).held(), e.get(i).toString());
            assertEquals(675_360_000L, e.get(i).timeMicros());
            assertEquals("when", e.get(i).mode());
        }
        assertEquals("c1 on server leaves FIN_WAIT_2", e.get(0).subject());
        assertEquals("11m15.36s", e.get(0).expected());
        assertEquals("c1 on server enters CLOSED", e.get(1).subject());
        assertEquals("11m15.36s ± 0.001s", e.get(1).expected());
        assertEquals("server netstat FIN_WAIT_2 == 0 first", e.get(2).subject());
        assertFalse(e.get(3).held());
        assertEquals("11m15.36s", e.get(3).actual());
        // The server's end is never SYN_SENT (it is the passive opener), so it never leaves it.
        assertFalse(e.get(4).held());
        assertTrue(e.get(4).actual().startsWith("never SYN_SENT"), e.get(4).actual());
    }

    /*
     * Keepalives on: probe cycles at 281 + 285k s (SeedIncidentTest.finWait2KeptAliveForever),
     * k = 0..11 before 3600 s, so 12 cycles; each sends one probe to the client and one to the
     * server itself (over lo0). The client receives the 12 aimed at it. The one state is alive and
     * linked: dyn_count 1. No log line: the table (dyn_max 4096 on 5.4) is far from full.
     */
    @Test
    @DisplayName("packets to and from a peer, a sysctl's value, kernel log lines")
    void countsByPeerSysctlAndLog() {
        RunResult r = run(1, """
                at 0s client connect server:80 as c1
                at +2s client forget c1
                at 1h expect server packets keepalive to client == 12
                at 1h expect server packets keepalive to server == 12
                at 1h expect server packets keepalive == 24
                at 1h expect client packets keepalive from server == 12
                at 1h expect client packets keepalive to server == 0
                at 1h expect server sysctl net.inet.ip.fw.dyn_count == 1
                at 1h expect server sysctl net.inet.ip.fw.dyn_max == 4096
                at 1h expect server log == 0
                """);
        assertEquals(8, r.expectations().size());
        assertAllHeld(r);
    }

    /*
     * dyn_max 1: c1's SYN at 0 s takes the only slot. c2's SYN reaches the server at 10.04 s;
     * install_state finds dyn_count >= dyn_max, logs "ipfw: install_state: Too many dynamic rules"
     * (5.4 ip_fw2.c, at most once a second) and the packet is denied. By 11 s: one line.
     */
    @Test
    @DisplayName("log: ipfw's table-full line is counted, with or without a text to match")
    void logLines() {
        RunResult r = run(1, """
                at 0s on server sysctl net.inet.ip.fw.dyn_max=1
                at 0s client connect server:80 as c1
                at 10s client connect server:80 as c2
                at 11s expect server log "Too many dynamic rules" == 1
                at 11s expect server log == 1
                at 11s expect server log "no such text" == 0
                at 11s expect server sysctl net.inet.ip.fw.dyn_count == 1
                """);
        assertAllHeld(r);
    }

    /*
     * An RST bound to c1 with seq = the server's rcv_nxt is exact, whatever the ISNs: 5.4 accepts it
     * in FIN_WAIT_2 (in window; tcp_input.c, the RST case drops the connection) at the line's
     * instant, 100 s. One far outside the window (rcv_nxt + 100000 > rcv_wnd 65535) is ignored.
     * Two seeds give two sets of ISNs; the same lines hit both (issue 10: absolute numbers copied
     * from a trace missed after a seed change).
     */
    @Test
    @DisplayName("inject bound to a connection: relative numbers hit whatever the seed")
    void boundInjection() {
        for (long seed : new long[]{1, 2026}) {
            RunResult r = run(seed, """
                    at 0s client connect server:80 as c1
                    at 0s client connect server:80 as c2
                    at +2s client forget c1
                    at +0s client forget c2
                    at 90s inject c2 to server tcp R seq rcv_nxt+100000 ack 0
                    at 100s inject c1 to server tcp R seq rcv_nxt ack 0 win 0
                    expect c1 on server leaves FIN_WAIT_2 at 100s
                    at 200s expect c2 on server is FIN_WAIT_2
                    """);
            assertAllHeld(r);
        }
    }

    /*
     * A SYN from 203.0.113.9, an address no host has: it arrives on the server's em0 at 5 s,
     * passes "setup keep-state" (one dynamic rule) and gets a SYN-ACK, which goes nowhere. The
     * syncache retransmits the SYN-ACK 3 s later (5.4 tcp_syncache.c, TCPTV_RTOBASE), so at 6 s
     * the server has sent exactly one SYN to that address and received one from it.
     */
    @Test
    @DisplayName("inject from a spoofed address without declaring a host")
    void spoofedSource() {
        RunResult r = run(1, """
                at 5s inject 203.0.113.9:4444->server:80 tcp S seq 1000 ack 0
                at 6s expect server packets syn to 203.0.113.9 == 1
                at 6s expect server packets syn from 203.0.113.9 == 1
                at 6s expect server ipfw dynamic == 1
                """);
        assertAllHeld(r);
    }

    /*
     * "server forget c1" on the end that did not open c1: the server's own connection vanishes
     * (it used to look for the client's socket on the server and do nothing). c1 is opened at 0 s;
     * the client's ACK (with the request) reaches the server at 0.12 s, which leaves the syncache
     * and starts the 20 KiB response; at 0.2 s the server's end exists, after the forget it reads
     * CLOSED at that instant, and the client's end is untouched then.
     */
    @Test
    @DisplayName("forget on the end that did not open the connection forgets that end")
    void forgetOnTheServerSide() {
        RunResult r = run(1, """
                at 0s client connect server:80 as c1
                at 0.2s server forget c1
                expect c1 on server enters CLOSED at 0.2s
                at 0.2s expect c1 on client exists == 1
                """);
        assertAllHeld(r);
    }
}
