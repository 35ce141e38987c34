package dev.scn.run;

import dev.scn.engine.kernel.SimTime;
import dev.scn.fact.Segment;
import dev.scn.lang.ParseResult;
import dev.scn.lang.ScenarioParser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The passive close seen from a scenario (FreeBSD tcp_input.c: the FIN sets TF_ACKNOW and the ACK
 * leaves at the end of input processing; the woken server process then calls close()).
 */
class PassiveCloseRunTest {

    private static final String SCENARIO = """
            scenario passive {
                seed 7
                run 10s
                host server {
                    os freebsd RELEASE
                    ip 192.0.2.10
                    listen 80 http { request 300 response 1k then wait-for-client }
                }
                host client {
                    os freebsd RELEASE
                    ip 198.51.100.7
                }
                link client server delay 40ms
                at 0s  client connect server:80 as c1
                at 0s  c1 send 300
                at 2s  c1 close
            }
            """;

    /*
     * The client's close() at 2 s sends its FIN; it reaches the server at 2.040 s. The server
     * (wait-for-client) sends, at 2.040 s, first a bare ACK of that FIN, then its own FIN|ACK from
     * the application's close(): two segments where the engine used to send one. The client
     * ACKs the server's FIN at 2.080 s. So from 2 s on: client FIN, server ACK, server FIN,
     * client ACK — four segments.
     */
    @ParameterizedTest
    @ValueSource(strings = {"5.4", "14.2"})
    @DisplayName("wait-for-client: the server answers the client's FIN with an ACK, then its own FIN")
    void serverPassiveClose(String release) {
        ParseResult parsed = ScenarioParser.parse(SCENARIO.replace("RELEASE", release), "passive.scn");
        assertTrue(parsed.ok(), parsed.diagnostics().sorted().toString());
        RunResult r = new ScenarioRunner(parsed.scenarios().get(0),
                new ScenarioRunner.RunOptions(ScenarioRunner.DEFAULT_MAX_EVENTS, true, null)).run(ScenarioRunner.BASE);
        List<RunResult.TimedPacket> tail = r.packets().stream()
                .filter(p -> p.timeMicros() >= SimTime.seconds(2)).toList();
        assertEquals(4, tail.size(), tail.toString());
        assertPacket(tail.get(0), "client", SimTime.seconds(2), Segment.FIN | Segment.ACK);
        assertPacket(tail.get(1), "server", SimTime.millis(2_040), Segment.ACK);
        assertPacket(tail.get(2), "server", SimTime.millis(2_040), Segment.FIN | Segment.ACK);
        assertPacket(tail.get(3), "client", SimTime.millis(2_080), Segment.ACK);
        assertEquals(tail.get(0).segment().seq() + 1, tail.get(1).segment().ack());
        assertEquals(tail.get(1).segment().seq(), tail.get(2).segment().seq());
    }

    private static void assertPacket(RunResult.TimedPacket p, String host, long at, int flags) {
        assertEquals(host, p.host(), p.toString());
        assertEquals(at, p.timeMicros(), p.toString());
        assertEquals(flags, p.segment().flags() & (Segment.FIN | Segment.SYN | Segment.RST | Segment.ACK), p.toString());
    }
}
