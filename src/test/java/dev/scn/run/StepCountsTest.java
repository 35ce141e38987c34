package dev.scn.run;

import dev.scn.engine.kernel.SimTime;
import dev.scn.lang.ParseResult;
import dev.scn.lang.ScenarioParser;
import dev.scn.model.Scenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exact step series a run records (RunResult.steps), checked against hand-derived instants
 * and against what the tools showed at sample times.
 *
 * <p>Seed scenario (scenarios/finwait2-ipfw-keepalive.scn; the derivation of SeedIncidentTest):
 * link 40 ms each way. The client's SYN leaves at 0 and reaches the server at 0.04 s, where ipfw's
 * rule 200 (keep-state) installs the dynamic rule: one live rule, dyn_count 1, from 0.04 s. The
 * SYN-ACK is back at the client at 0.08 s; its ACK and the 300-byte request reach the server at
 * 0.12 s. The 20480-byte answer goes out 4 segments at 0.12 s (cwnd 4380 + one MSS), 6 at 0.20 s,
 * the last 5 with FIN at 0.28 s; the client's ACK of the FIN leaves it at 0.32 s and reaches the
 * server at A = 0.36 s: the server is in FIN_WAIT_2 from 0.36 s. Every refresh of the rule
 * happens in second 0 (time_uptime 0), the last one with dyn_ack_lifetime: expire = 0 + 300.
 * <ul>
 * <li>base (dyn_keepalive=1): the keepalive at 281 s (first tick 1 + 5k with 300 - t &lt; 20) is
 *     answered and sets expire to 281 + 300 = 581, and so on every 285 s: the rule never dies and
 *     the idle timer never fires, so both series stay at 1 to the end (2 d).</li>
 * <li>fix (dyn_keepalive=0): nothing refreshes the rule; it is dead once time_uptime reaches 300,
 *     at exactly 300 s. FIN_WAIT_2's timer (maxidle = keepcnt 8 x keepintvl 75 s = 600 s) fires
 *     at A + 600 with the last segment exactly 600 s old (600 &lt;= maxidle: re-armed 75 s), then
 *     at A + 675 with 675 s &gt; 600: closed at 675.36 s. 5.4 unlinks dead rules lazily and no
 *     packet walks the bucket again, so dyn_count stays 1.</li>
 * </ul>
 */
class StepCountsTest {
    private static final long A = SimTime.millis(360);
    private static final long SYN_AT_SERVER = SimTime.millis(40);

    private static Scenario seed() {
        try {
            Path file = Path.of("scenarios/finwait2-ipfw-keepalive.scn");
            ParseResult parsed = ScenarioParser.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            assertTrue(parsed.ok(), parsed.diagnostics().sorted().toString());
            return parsed.scenarios().get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static RunResult run(Scenario scenario, String variant) {
        return new ScenarioRunner(scenario, ScenarioRunner.RunOptions.defaults()).run(variant);
    }

    /** "t:v t:v …" of a series, to compare with a hand-written one. */
    private static String steps(long... timeValue) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < timeValue.length; i += 2) {
            b.append(i == 0 ? "" : " ").append(timeValue[i]).append(':').append(timeValue[i + 1]);
        }
        return b.toString();
    }

    @Test
    @DisplayName("seed, base run: server FIN_WAIT_2 0 -> 1 at 0.36 s and never back; one live rule from the SYN at 0.04 s")
    void seedBaseSteps() {
        RunResult r = run(seed(), ScenarioRunner.BASE);
        StepCounts steps = r.steps();
        assertEquals(steps(0, 0, A, 1), steps.tcpState("server", "FIN_WAIT_2").toString());
        assertEquals(steps(0, 0, SYN_AT_SERVER, 1), steps.dynamicRules().get("server").toString());
        assertEquals(steps(0, 0, SYN_AT_SERVER, 1), steps.dynCount().get("server").toString());
        // SYN_RCVD lasts no time (the syncache expands straight into ESTABLISHED within one event)
        assertTrue(steps.tcpState("server", "SYN_RCVD").allZero(), steps.tcpState("server", "SYN_RCVD").toString());
        // the first keepalive round: two probes at 281 s (both sides)
        StepSeries keepalives = steps.packetsByKind().get("keepalive");
        assertEquals(0, keepalives.valueAt(SimTime.seconds(281) - 1));
        assertEquals(2, keepalives.valueAt(SimTime.seconds(281)));
        assertEquals(2, steps.packetsByKind().get("syn").valueAt(SYN_AT_SERVER), "SYN at 0, SYN-ACK at 0.04 s");
    }

    @Test
    @DisplayName("seed, fix variant: FIN_WAIT_2 1 -> 0 at 675.36 s; the live rule 1 -> 0 at 300 s; dyn_count stays 1")
    void seedFixSteps() {
        Scenario scenario = seed();
        RunResult r = run(scenario, scenario.variants().get(0).name());
        StepCounts steps = r.steps();
        assertEquals(steps(0, 0, A, 1, A + SimTime.seconds(675), 0), steps.tcpState("server", "FIN_WAIT_2").toString());
        assertEquals(steps(0, 0, SYN_AT_SERVER, 1, SimTime.seconds(300), 0), steps.dynamicRules().get("server").toString());
        assertEquals(steps(0, 0, SYN_AT_SERVER, 1), steps.dynCount().get("server").toString());
        assertTrue(steps.packetsByKind().get("keepalive").allZero());
    }

    @Test
    @DisplayName("the series end where the run's end-of-run counts are")
    void seriesEndAtTheEndCounts() {
        Scenario scenario = seed();
        for (String variant : new ScenarioRunner(scenario, ScenarioRunner.RunOptions.defaults()).variantNames()) {
            RunResult r = run(scenario, variant);
            long end = r.endMicros();
            r.tcpStates().forEach((host, states) -> states.forEach((state, n) -> {
                if (!state.equals("LISTEN")) {
                    assertEquals((long) n, r.steps().tcpState(host, state).valueAt(end), host + " " + state);
                }
            }));
            r.dynamicRules().forEach((host, n) -> assertEquals((long) n, r.steps().dynamicRules().get(host).valueAt(end)));
            r.dynCount().forEach((host, n) -> assertEquals((long) n, r.steps().dynCount().get(host).valueAt(end)));
            r.packetsByKind().forEach((kind, n) -> assertEquals((long) n,
                    r.steps().packetsByKind().get(kind).valueAt(end), kind));
        }
    }

    private static final String TRAFFIC = """
            scenario t {
                seed 11
                run 20m
                host server {
                    os freebsd RELEASE
                    ip 192.0.2.10
                    sysctl net.inet.ip.fw.dyn_keepalive=KEEPALIVE
                    ipfw add 100 check-state
                    ipfw add 200 allow tcp from any to me 80 setup keep-state
                    ipfw add 65000 deny ip from any to any
                    listen 80 http { request 300 response 20k then close }
                }
                traffic web from 203.0.113.0/24 to server:80 rate 3/s during 0s..2m {
                    request 300 response 20k
                    40% normal
                    30% vanish
                    20% reset
                    10% lose-fin
                }
                link web server delay 30ms
                every 7s from 500ms sample server
            }
            """;

    /*
     * Whatever the era (2002 lazy reaping, 2012 both-sides refresh, 2013 one-second sweep, 2018
     * rewrite), the step series must agree with what netstat and ipfw showed at each sample.
     * Samples are at 0.5 + 7k s: rules die at whole seconds of uptime (after the reboot at
     * 50.25 s, at 50.25 + k s) and packets arrive at link-delay offsets, so no change shares a
     * sample's instant.
     */
    @ParameterizedTest
    @ValueSource(strings = {"5.4:1", "5.4:0", "9.3:1", "10.4:1", "14.2:1", "14.2:0", "5.4:1:reboot", "14.2:1:reboot"})
    @DisplayName("traffic in every ipfw era (and across a reboot): the series agree with every sample's netstat and ipfw -d show")
    void seriesAgreeWithSamples(String releaseAndKeepalive) {
        String[] rk = releaseAndKeepalive.split(":");
        String text = TRAFFIC.replace("RELEASE", rk[0]).replace("KEEPALIVE", rk[1]);
        if (rk.length > 2) {
            // time_uptime restarts at 50.25 s: the rules made after it die at 50.25 + k s
            text = text.replace("every 7s from 500ms sample server", "every 7s from 500ms sample server\n at 50250ms server reboot");
        }
        ParseResult parsed = ScenarioParser.parse(text, "t.scn");
        assertTrue(parsed.ok(), parsed.diagnostics().sorted().toString());
        RunResult r = run(parsed.scenarios().get(0), ScenarioRunner.BASE);
        StepCounts steps = r.steps();
        int checked = 0;
        boolean sawLive = false;
        for (Snapshot s : r.samples()) {
            long t = s.timeMicros();
            assertEquals(s.dynamicRules(), steps.dynamicRules().get("server").valueAt(t), "live rules at " + t);
            assertEquals(s.dynCount(), steps.dynCount().get("server").valueAt(t), "dyn_count at " + t);
            for (Map.Entry<String, Integer> e : s.tcpStates().entrySet()) {
                if (!e.getKey().equals("LISTEN")) {
                    assertEquals((long) e.getValue(), steps.tcpState("server", e.getKey()).valueAt(t), e.getKey() + " at " + t);
                }
            }
            sawLive |= s.dynamicRules() > 0;
            checked++;
        }
        assertTrue(checked > 100 && sawLive, "samples: " + checked);
    }

    /*
     * 40 clients a second for 10 minutes: about 24,000 connections. Each client is ESTABLISHED
     * for a round trip or two; the server (which answers and closes within the event of the
     * request's arrival, so its ESTABLISHED never shows) holds each one in TIME_WAIT for 2MSL:
     * tens of thousands of changes per series.
     */
    @Test
    @DisplayName("a busy series is thinned to at most its capacity and still ends at the true count")
    void busySeriesStaysBounded() {
        ParseResult parsed = ScenarioParser.parse("""
                scenario busy {
                    seed 3
                    run 15m
                    host server {
                        os freebsd 10.4
                        ip 192.0.2.10
                        ipfw add 100 check-state
                        ipfw add 200 allow tcp from any to me 80 setup keep-state
                        ipfw add 65000 deny ip from any to any
                        listen 80 http { request 300 response 2k then close }
                    }
                    traffic web from 203.0.113.0/24 to server:80 rate 40/s during 0s..10m {
                        request 300 response 2k
                        100% normal
                    }
                    link web server delay 20ms
                }
                """, "busy.scn");
        assertTrue(parsed.ok(), parsed.diagnostics().sorted().toString());
        RunResult r = run(parsed.scenarios().get(0), ScenarioRunner.BASE);
        StepSeries established = r.steps().tcpState("web", "ESTABLISHED");
        StepSeries timeWait = r.steps().tcpState("server", "TIME_WAIT");
        StepSeries sent = r.steps().packetsByKind().get("sent");
        assertTrue(established.thinned() && timeWait.thinned() && sent.thinned(), "thinned");
        assertTrue(r.steps().tcpState("server", "ESTABLISHED").allZero(), "the server's ESTABLISHED lasts no time");
        for (StepSeries s : new StepSeries[] {established, timeWait, sent, r.steps().dynamicRules().get("server")}) {
            assertTrue(s.size() <= StepSeries.Builder.CAPACITY, "points: " + s.size());
        }
        assertEquals(r.packetsByKind().get("sent"), sent.valueAt(r.endMicros()));
        assertEquals((long) r.tcpStates().get("server").get("TIME_WAIT"),
                r.steps().tcpState("server", "TIME_WAIT").valueAt(r.endMicros()));
    }
}
