package dev.scn.run;

import dev.scn.load.ScenarioLoad;
import dev.scn.model.Scenario;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast way changes nothing a run shows: the same traffic, simulated packet by packet and
 * with normal connections replayed from their shape, gives the same JSON result (events, counts,
 * expectations, trace digest), the same netstat and ipfw listings at every sample, and the same
 * step series behind the report's charts.
 */
class FastWayEquivalenceTest {

    static final String BUSY = "scenario busy {\n    seed 7\n    run 12m\n" + ShapeRecorderTest.SERVER_HOST + """
                traffic web from 198.18.0.0/16 to server:80 rate 50/s during 0s..10m {
                    request 300 response 20k
                    99% normal
                    1% vanish
                }
                link web server delay 40ms
                every 1m sample server
                at 5m expect server netstat TIME_WAIT >= 1
                at 11m expect server ipfw dynamic >= 1
            }
            """;

    @Test
    void theBusyServerGivesTheSameObservationsBothWays() {
        Scenario scenario = ScenarioLoad.text(BUSY, "busy.scn").scenario();
        ScenarioRunner.RunOptions detailed = ScenarioRunner.RunOptions.forReport(scenario, 100_000_000L);
        RunResult slow = new ScenarioRunner(scenario, detailed).run(ScenarioRunner.BASE);
        RunResult fast = new ScenarioRunner(scenario, detailed.withFastWay(true)).run(ScenarioRunner.BASE);
        assertEquals(ResultJson.write("busy.scn", List.of(slow)), ResultJson.write("busy.scn", List.of(fast)));
        assertEquals(listings(slow), listings(fast));
        assertEquals(series(slow), series(fast));
        assertEquals(slow.packetsNotKept(), fast.packetsNotKept());
        assertTrue(slow.samples().size() >= 12, "a sample a minute");
        // The report keeps the first 250,000 packets (29 a connection: the first ~8,600
        // connections, about 172 s of 50/s), so the fast way starts after them: of the ~30,000
        // connections of 10 minutes (99 % normal), most of the other ~21,000 are replayed.
        assertEquals(0, slow.connectionsReplayed());
        assertTrue(fast.connectionsReplayed() > 15_000, "replayed " + fast.connectionsReplayed());
    }

    /**
     * Every release the model has (ipfw's four eras, the 100 Hz clock of 4.x, the per-connection
     * timestamp offsets of 12.x and later): a shorter busy run, samples each minute, no packets
     * kept, so the fast way starts at once.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"4.11", "5.4", "6.4", "7.4", "8.4", "9.3", "10.4", "11.4",
            "14.2"})
    void everyReleaseGivesTheSameObservationsBothWays(String release) {
        RunResult fast = sameBothWays(shortBusy(release), release);
        // ~9,000 connections, 99 % normal; those near a sample (each minute) or an ipfw tick that
        // would probe them, and the first 64 (traced in detail), are simulated.
        assertTrue(fast.connectionsReplayed() > 6_000, release + ": replayed " + fast.connectionsReplayed());
    }

    /**
     * A path slow enough that the server's SYN-ACK is retransmitted before the handshake ends:
     * 14.2's first SYN-ACK retransmission is due tcp_rexmit_initial = 1 s after the SYN, and with
     * 600 ms each way the handshake's ACK arrives 1.2 s after it; 4.11's after 3 s, and with
     * 1.6 s each way the ACK comes 3.2 s after the SYN. A replay would send that retransmission
     * twice (the recording's, and its entry's timer for real), so such connections are simulated
     * in detail: the same result, none replayed. At 40 ms each way (5.4) the ACK comes 80 ms after
     * the SYN, the replayed entry needs no timer, and hundreds of the ~900 are replayed.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"14.2, 600ms, false", "4.11, 1600ms, false", "5.4, 40ms, true"})
    void aSynAckRetransmittedBeforeTheHandshakeEndsIsTheSameBothWays(String release, String delay, boolean replays) {
        String text = shortBusy(release).replace("delay 40ms", "delay " + delay).replace("rate 50/s", "rate 5/s")
                .replace("at 5m expect server netstat TIME_WAIT >= 1", "");
        RunResult fast = sameBothWays(text, release);
        if (replays) {
            assertTrue(fast.connectionsReplayed() > 300, release + ": replayed " + fast.connectionsReplayed());
        } else {
            assertEquals(0, fast.connectionsReplayed(), release);
        }
    }

    /** The busy scenario on a release, 4 minutes with traffic for 3. */
    private static String shortBusy(String release) {
        return BUSY.replace("os freebsd 5.4", "os freebsd " + release).replace("run 12m", "run 4m")
                .replace("0s..10m", "0s..3m").replace("at 11m", "at 3m30s");
    }

    /** Runs the scenario both ways, asserts the same JSON, listings and series; returns the fast run. */
    private static RunResult sameBothWays(String text, String release) {
        Scenario scenario = ScenarioLoad.text(text, "busy.scn").scenario();
        ScenarioRunner.RunOptions options = ScenarioRunner.RunOptions.defaults();
        RunResult slow = new ScenarioRunner(scenario, options).run(ScenarioRunner.BASE);
        RunResult fast = new ScenarioRunner(scenario, options.withFastWay(true)).run(ScenarioRunner.BASE);
        assertEquals(ResultJson.write("busy.scn", List.of(slow)), ResultJson.write("busy.scn", List.of(fast)), release);
        assertEquals(listings(slow), listings(fast), release);
        assertEquals(series(slow), series(fast), release);
        return fast;
    }

    @Test
    void aReplayedTimeWaitPcbIsFieldForFieldTheOneTheDetailedWayMakes() throws Exception {
        Scenario scenario = ScenarioLoad.text(BUSY, "busy.scn").scenario();
        // At 5 minutes (no sample then) the server holds about 3,000 TIME_WAIT pcbs (50/s x 60 s).
        ScenarioRunner.RunOptions options = ScenarioRunner.RunOptions.defaults().withUntil(5 * 60_000_000L + 1);
        ScenarioRunner.Live slow = new ScenarioRunner(scenario, options).runLive(ScenarioRunner.BASE);
        ScenarioRunner.Live fast = new ScenarioRunner(scenario, options.withFastWay(true)).runLive(ScenarioRunner.BASE);
        assertTrue(fast.result().connectionsReplayed() > 10_000, "replayed " + fast.result().connectionsReplayed());
        var slowServer = slow.simulation().machine("server").tcp();
        var fastServer = fast.simulation().machine("server").tcp();
        // 5.x-13.x: the TIME_WAIT list in the same order, replayed pcbs built or not.
        assertEquals(slowServer.timeWaitListed(), fastServer.timeWaitListed());
        int compared = 0;
        for (var tp : slowServer.connections()) {
            if (tp.state() != dev.scn.engine.tcp.TcpState.TIME_WAIT) {
                continue;
            }
            var other = fastServer.connection(tp.flow());
            assertTrue(other != null, "no pcb for " + tp.flow());
            List<String> differences = new ArrayList<>();
            compare("tcpcb", tp, other, differences, 0);
            assertEquals(List.of(), differences, tp.flow().toString());
            compared++;
        }
        assertTrue(compared > 2_500, "TIME_WAIT pcbs compared: " + compared);
    }

    /** Every field, followed into the pcb's own parts; links to the host, stack and clock are not. */
    private static void compare(String path, Object a, Object b, List<String> out, int depth) throws Exception {
        if (unarmed(a) && unarmed(b)) {
            return; // a timer never made is one never armed (TcpConnection makes them when first asked for)
        }
        if (a == null || b == null) {
            if (a != b) {
                out.add(path + ": " + a + " vs " + b);
            }
            return;
        }
        Class<?> type = a.getClass();
        if (type.isPrimitive() || a instanceof Number || a instanceof Boolean || a instanceof String
                || a instanceof Enum<?> || a instanceof dev.scn.engine.flow.FlowKey) {
            if (!a.equals(b)) {
                out.add(path + ": " + a + " vs " + b);
            }
            return;
        }
        if (type.isArray()) {
            int n = java.lang.reflect.Array.getLength(a);
            for (int i = 0; i < n; i++) {
                compare(path + "[" + i + "]", java.lang.reflect.Array.get(a, i), java.lang.reflect.Array.get(b, i), out,
                        depth + 1);
            }
            return;
        }
        if (a instanceof dev.scn.engine.kernel.Event e) {
            dev.scn.engine.kernel.Event f = (dev.scn.engine.kernel.Event) b;
            if (e.isScheduled() != f.isScheduled() || (e.isScheduled() && e.time() != f.time())) {
                out.add(path + ": timer " + e.isScheduled() + "@" + e.time() + " vs " + f.isScheduled() + "@" + f.time());
            }
            return;
        }
        if (a instanceof java.util.List<?> l) {
            if (l.size() != ((java.util.List<?>) b).size()) {
                out.add(path + ": size " + l.size() + " vs " + ((java.util.List<?>) b).size());
            }
            return;
        }
        if (depth > 3 || !type.getName().startsWith("dev.scn.engine.tcp")) {
            return; // the stack, host, simulator, the application: shared or per-run objects
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                    continue;
                }
                field.setAccessible(true);
                String name = field.getName();
                if (name.equals("connection") || name.equals("lastWanted") || name.equals("lastOptions")
                        || name.equals("twPrev") || name.equals("twNext") || name.equals("unbuilt")) {
                    continue; // the socket's back link; the option writer's caches of what it last laid out;
                              // the TIME_WAIT list's links (its order is compared as a whole); the stack's
                              // table of replayed pcbs not built yet (the fast way's own bookkeeping)
                }
                compare(path + "." + name, field.get(a), field.get(b), out, depth + 1);
            }
        }
    }

    private static boolean unarmed(Object timer) {
        return timer == null || (timer instanceof dev.scn.engine.kernel.Event e && !e.isScheduled());
    }

    private static List<String> listings(RunResult r) {
        List<String> out = new ArrayList<>();
        for (Snapshot s : r.samples()) {
            out.add(s.timeMicros() + " " + s.host() + "\n" + s.netstat() + "\n" + s.ipfwShow());
        }
        return out;
    }

    private static Map<String, String> series(RunResult r) {
        Map<String, String> out = new TreeMap<>();
        r.steps().tcpStates().forEach((host, byState) -> byState.forEach((state, s) -> out.put(host + " " + state,
                s.toString())));
        r.steps().dynamicRules().forEach((host, s) -> out.put(host + " live", s.toString()));
        r.steps().dynCount().forEach((host, s) -> out.put(host + " dyn_count", s.toString()));
        r.steps().packetsByKind().forEach((kind, s) -> out.put("packets " + kind, s.toString()));
        return out;
    }
}
