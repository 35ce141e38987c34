package dev.scn.observe;

import dev.scn.engine.kernel.SimTime;
import dev.scn.fact.Origin;
import dev.scn.engine.net.Packet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.scn.observe.SeedScenario.CLIENT;
import static dev.scn.observe.SeedScenario.SERVER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which packets each capture point records, on the seed incident up to 600 s: the handshake,
 * request, 15 data segments and ACKs, then the keepalive cycles at 281 s and 566 s (a probe to
 * the server over lo0, a probe to the client over em0, the server's answer over em0).
 */
class CaptureTest {
    static final long END = SimTime.seconds(600);

    static List<Packet> probesToServer(List<CapturedPacket> packets) {
        return packets.stream().map(CapturedPacket::packet)
                .filter(p -> p.origin() == Origin.IPFW_KEEPALIVE && p.destination() == SERVER).toList();
    }

    @Test
    void defaultCaptureHasEveryPacketOnceIncludingTheKeepaliveOverLo0() {
        SeedScenario run = new SeedScenario();
        Capture every = run.capture(Capture.everySender());
        run.runUntil(END);
        List<CapturedPacket> packets = every.packets();
        assertEquals(2, probesToServer(packets).size(), "one lo0 probe per cycle");
        assertEquals(4, packets.stream().filter(c -> c.packet().origin() == Origin.IPFW_KEEPALIVE).count());
        assertEquals(packets.size(), packets.stream().map(c -> c.packet().id()).distinct().count(), "no duplicates");
        List<Long> probeTimes = packets.stream()
                .filter(c -> c.packet().origin() == Origin.IPFW_KEEPALIVE && c.packet().destination() == SERVER)
                .map(CapturedPacket::time).toList();
        assertEquals(List.of(SimTime.seconds(281), SimTime.seconds(566)), probeTimes);
    }

    @Test
    void tcpdumpOnEm0SeesBothDirectionsButNotTheLoopback() {
        SeedScenario run = new SeedScenario();
        Capture every = run.capture(Capture.everySender());
        Capture em0 = run.capture(Capture.onInterface(run.sim.network(), "server"));
        run.runUntil(END);
        List<CapturedPacket> seen = em0.packets();
        assertTrue(probesToServer(seen).isEmpty(), "the probe to the server itself never crosses em0");
        // Everything but the two lo0 probes crossed the server's em0 one way or the other.
        assertEquals(every.packets().size() - 2, seen.size());
        long inbound = seen.stream().filter(c -> c.packet().source() == CLIENT
                && c.packet().origin() != Origin.IPFW_KEEPALIVE).count();
        assertTrue(inbound > 0, "packets from the client are seen coming in");
        // An inbound packet is seen 40 ms after it left, with the identification its sender gave it.
        CapturedPacket firstSent = every.packets().get(0);
        CapturedPacket firstSeen = seen.get(0);
        assertEquals(firstSent.packet(), firstSeen.packet());
        assertEquals(firstSent.time() + SimTime.millis(40), firstSeen.time());
        assertEquals(firstSent.ipId(), firstSeen.ipId());
    }

    @Test
    void tcpdumpOnLo0SeesOnlyThePacketsTheServerSentItself() {
        SeedScenario run = new SeedScenario();
        Capture lo0 = run.capture(Capture.onInterface(run.sim.network(), "server:lo0"));
        run.runUntil(END);
        List<CapturedPacket> seen = lo0.packets();
        assertEquals(2, seen.size());
        assertEquals(probesToServer(seen), seen.stream().map(CapturedPacket::packet).toList());
        assertEquals(SimTime.seconds(281), seen.get(0).time());
        assertEquals(SimTime.seconds(566), seen.get(1).time());
    }

    @Test
    void ipIdCountsEachHostsOutgoingPacketsFromZero() {
        SeedScenario run = new SeedScenario();
        Capture every = run.capture(Capture.everySender());
        run.runUntil(END);
        // The server sends the probe on the client's behalf: it takes the server's next number.
        int nextServer = 0;
        int nextClient = 0;
        for (CapturedPacket c : every.packets()) {
            boolean sentByServer = c.packet().source() == SERVER || c.packet().origin() == Origin.IPFW_KEEPALIVE;
            assertEquals(sentByServer ? nextServer++ : nextClient++, c.ipId(), c.packet().toString());
        }
    }

    @Test
    void twoRunsOfTheSameScenarioGiveByteIdenticalFiles() {
        byte[][] files = new byte[2][];
        for (int i = 0; i < 2; i++) {
            SeedScenario run = new SeedScenario();
            Capture every = run.capture(Capture.everySender());
            run.runUntil(END);
            files[i] = PcapWriter.toBytes(every.packets());
        }
        assertArrayEquals(files[0], files[1]);
    }

    @Test
    void unknownHostOrInterfaceIsNamedInTheError() {
        SeedScenario run = new SeedScenario();
        IllegalArgumentException host = assertThrows(IllegalArgumentException.class,
                () -> Capture.onInterface(run.sim.network(), "sever"));
        assertEquals("capture on sever: no host named sever", host.getMessage());
        IllegalArgumentException ifp = assertThrows(IllegalArgumentException.class,
                () -> Capture.onInterface(run.sim.network(), "server:em1"));
        assertEquals("capture on server:em1: server has no interface em1 (it has em0 and lo0)", ifp.getMessage());
    }
}
