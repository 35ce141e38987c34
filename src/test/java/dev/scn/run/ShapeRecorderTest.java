package dev.scn.run;

import dev.scn.engine.net.Direction;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.tcp.TcpState;
import dev.scn.load.ScenarioLoad;
import dev.scn.model.Scenario;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapeRecorderTest {
    /** The five-day scenario's server (FreeBSD 5.4, ipfw keep-state, Apache closing first). */
    static final String SERVER_HOST = """
                host server {
                    os freebsd 5.4
                    ip 192.0.2.10
                    sysctl net.inet.ip.fw.dyn_keepalive=1
                    ipfw add 100 check-state
                    ipfw add 200 allow tcp from any to me 80 setup keep-state
                    ipfw add 65000 deny ip from any to any
                    listen 80 http { request 300 response 20k then close }
                }
            """;

    /** That server and the five-day scenario's clients, 40 ms each way. */
    static final String BUSY_SERVER = "scenario busy {\n    run 10m\n" + SERVER_HOST + """
                traffic web from 198.18.0.0/16 to server:80 rate 50/s during 0s..9m {
                    request 300 response 20k
                    100% normal
                }
                link web server delay 40ms
            }
            """;

    static Scenario busy() {
        return ScenarioLoad.text(BUSY_SERVER, "busy.scn").scenario();
    }

    private static final long MS = 1_000;

    @Test
    void aNormalConnectionOfTheBusyServerHasTheHandDerivedShape() {
        Scenario scenario = busy();
        ConnectionShape shape = new ShapeRecorder(scenario, scenario.traffic().get(0)).record(0);
        assertNotNull(shape);
        // One-way 40 ms: SYN at 0 reaches the server at 40; the SYN-ACK the client at 80, whose ACK
        // (and the 300-byte request) makes the server's pcb at 120. The server's FIN rides the last
        // data (sent at 280, in at 320), the client's FIN leaves at 320 and puts the server in
        // TIME_WAIT at 360; its ACK frees the client's pcb at 400, the last effect.
        assertEquals(40 * MS, shape.synArrival);
        assertEquals(80 * MS, shape.synAckArrival);
        assertEquals(120 * MS, shape.pcbMade);
        assertEquals(360 * MS, shape.timeWait);
        assertEquals(400 * MS, shape.clientGone);
        assertEquals(400 * MS, shape.spanEnd);
        // Bytes each way: 300 from the client, 20 KiB = 14 x 1448 + 208 from the server (MSS 1460
        // less 12 for the timestamp option), every packet seen once leaving and once arriving.
        long clientBytes = 0;
        long serverBytes = 0;
        int out = 0;
        int in = 0;
        for (ConnectionShape.Effect e : shape.effects) {
            if (e instanceof ConnectionShape.Tapped t) {
                if (t.direction() == Direction.OUT) {
                    out++;
                    if (t.end() == ConnectionShape.End.CLIENT) {
                        clientBytes += t.packet().payloadLength();
                    } else {
                        serverBytes += t.packet().payloadLength();
                    }
                } else {
                    in++;
                }
            }
        }
        assertEquals(300, clientBytes);
        assertEquals(20 * 1024, serverBytes);
        // Client: SYN, ACK + request, 2 + 3 + 3 ACKs (one per two full segments, the FIN's at
        // once) and its FIN = 12; server: SYN-ACK, 4 + 6 + 5 data segments, the last ACK = 17.
        assertEquals(29, out);
        assertEquals(29, in);
        assertEquals(29, shape.packetsSent);
        // Every count the client moved is back where it was; the server keeps one TIME_WAIT.
        int[] client = new int[TcpState.values().length];
        int[] server = new int[TcpState.values().length];
        for (ConnectionShape.Effect e : shape.effects) {
            if (e instanceof ConnectionShape.CountChanged c) {
                (c.end() == ConnectionShape.End.CLIENT ? client : server)[c.state().ordinal()] += c.delta();
            }
        }
        for (TcpState s : TcpState.values()) {
            assertEquals(0, client[s.ordinal()], "client " + s);
            assertEquals(s == TcpState.TIME_WAIT ? 1 : 0, server[s.ordinal()], "server " + s);
        }
        // TIME_WAIT: snd_nxt = iss + SYN + 20480 + FIN, rcv_nxt = irs + SYN + 300 + FIN.
        assertEquals(TcpState.TIME_WAIT, shape.timeWaitPrototype.state());
        assertEquals(1 + 20480 + 1, shape.timeWaitPrototype.sndNxt() - shape.serverIss);
        assertEquals(1 + 300 + 1, shape.timeWaitPrototype.rcvNxt() - shape.clientIss);
        // ipfw (5.4, the 2002 code): the SYN makes the state (dyn_syn_lifetime, not counting it); the
        // SYN-ACK leaves in the same instant, adds the reverse SYN and, its ack being the first seen
        // that way, sets dyn_ack_lifetime 300 s. The last packet (the server's ACK at 360) leaves it
        // with both SYNs and both FINs, dyn_fin_lifetime 1 s, and the other 28 packets counted.
        assertEquals(40 * MS, shape.dynLinked.offset());
        assertEquals(TcpFlags.SYN | TcpFlags.SYN << 8, shape.dynLinked.stateBits());
        assertEquals(300, shape.dynLinked.lifetime());
        assertEquals(1, shape.dynLinked.packets());
        ConnectionShape.DynRefreshed last = null;
        for (ConnectionShape.Effect e : shape.effects) {
            if (e instanceof ConnectionShape.DynRefreshed d) {
                last = d;
            }
        }
        assertNotNull(last);
        assertEquals(360 * MS, last.offset());
        assertEquals(0x0303, last.stateBits());
        assertEquals(1, last.lifetime());
        assertEquals(28, last.packets());
        // Rule 200 (keep-state) matched the SYN; every later packet matched its state at rule 100
        // (check-state), and ipfw_chk charges such a match to the rule that made the state: all
        // 29 packets count on rule 200, none on 100.
        assertEquals(29, shape.ruleCounters.get(200)[0]);
        assertEquals(null, shape.ruleCounters.get(100));
        assertTrue(shape.events >= 29, "at least one event per packet delivered: " + shape.events);
    }

    @Test
    void theShapeIsTheSameInEveryPhaseOfTheTickWhenDelaysAreWholeMilliseconds() {
        Scenario scenario = busy();
        ShapeRecorder recorder = new ShapeRecorder(scenario, scenario.traffic().get(0));
        List<String> first = signature(recorder.record(0));
        // 40 ms one way is 40 ticks whatever the phase, so every RTT sample and timestamp gap is too.
        assertEquals(first, signature(recorder.record(537)));
        assertEquals(first, signature(recorder.record(999)));
    }

    @Test
    void aConnectionThatNeverEndsGivesNoShapeAndTheNextRecordingStillRuns() {
        // 100 % loss: the SYN never arrives; the recorder waits its horizon (300 s of the
        // sandbox's clock) and gives up, and the next recording starts after that.
        Scenario scenario = ScenarioLoad.text(BUSY_SERVER.replace("delay 40ms", "loss 100%"), "lossy.scn").scenario();
        ShapeRecorder recorder = new ShapeRecorder(scenario, scenario.traffic().get(0));
        assertEquals(null, recorder.record(0));
        assertEquals(null, recorder.record(1));
    }

    private static List<String> signature(ConnectionShape shape) {
        List<String> out = new ArrayList<>();
        for (ConnectionShape.Effect e : shape.effects) {
            if (e instanceof ConnectionShape.Tapped t) {
                out.add(t.offset() + " " + t.end() + " " + t.direction() + " " + t.packet().flags() + " "
                        + t.packet().payloadLength());
            } else if (e instanceof ConnectionShape.CountChanged c) {
                out.add(c.offset() + " " + c.end() + " " + c.state() + " " + c.delta());
            } else if (e instanceof ConnectionShape.DynRefreshed d) {
                out.add(d.offset() + " dyn " + d.stateBits() + " " + d.lifetime() + " " + d.packets());
            }
        }
        out.add("events " + shape.events);
        return out;
    }
}
