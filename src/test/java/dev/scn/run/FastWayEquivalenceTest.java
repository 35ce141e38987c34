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

    static final String BUSY = """
            scenario busy {
                seed 7
                run 12m
                host server {
                    os freebsd 5.4
                    ip 192.0.2.10
                    sysctl net.inet.ip.fw.dyn_keepalive=1
                    ipfw add 100 check-state
                    ipfw add 200 allow tcp from any to me 80 setup keep-state
                    ipfw add 65000 deny ip from any to any
                    listen 80 http { request 300 response 20k then close }
                }
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
        dump("slow", slow);
        dump("fast", fast);
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

    private static void dump(String name, RunResult r) {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/" + name + ".json"),
                    ResultJson.write("busy.scn", List.of(r)) + "\n" + String.join("\n", listings(r)) + "\n"
                    + series(r).toString().replace(", ", "\n"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
