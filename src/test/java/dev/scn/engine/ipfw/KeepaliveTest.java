package dev.scn.engine.ipfw;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.net.Packet;
import dev.scn.engine.trace.TraceKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.scn.engine.net.TcpFlags.ACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeepaliveTest {

    private static List<Long> instants(List<IpfwBed.Seen> seen) {
        return seen.stream().map(s -> s.time()).toList();
    }

    @Test
    @DisplayName("model §2: 2002 tick runs 1 s after boot then every 5 s; probes while 0 < remaining < 20")
    void keepaliveInstantsFollowTheFreeRunningTick() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.handshake(2.0); // expire 302
        bed.runUntil(400);
        List<IpfwBed.Seen> ka = bed.keepalives();
        // ticks at 1, 6, ..., 281 (remaining 21: too early), 286, 291, 296, 301 (remaining 1), 306 dead
        assertEquals(List.of(286L, 286L, 291L, 291L, 296L, 296L, 301L, 301L),
                ka.stream().map(s -> s.time() / SimTime.MICROS_PER_SECOND).toList());
        assertEquals(SimTime.seconds(286), ka.get(0).time(), "exactly on the tick");
        assertEquals(8, bed.sim.trace().counter(TraceKind.IPFW_KEEPALIVE));
    }

    @Test
    @DisplayName("model §2: the two probes: to the server seq=ack_rev-1 ack=ack_fwd, to the client seq=ack_fwd-1 ack=ack_rev")
    void theTwoProbePackets() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.handshake(2.0);
        bed.runUntil(287);
        List<IpfwBed.Seen> ka = bed.keepalives();
        assertEquals(2, ka.size());
        Packet toServer = ka.get(0).packet();
        assertEquals("lo0", ka.get(0).via(), "a probe addressed to the host itself goes through lo0");
        assertEquals(IpfwBed.CLIENT, toServer.source());
        assertEquals(IpfwBed.CPORT, toServer.sourcePort());
        assertEquals(IpfwBed.SERVER, toServer.destination());
        assertEquals(IpfwBed.SPORT, toServer.destinationPort());
        assertEquals(1000, toServer.seq());
        assertEquals(5001, toServer.ack());
        Packet toClient = ka.get(1).packet();
        assertEquals("em0", ka.get(1).via());
        assertEquals(IpfwBed.SERVER, toClient.source());
        assertEquals(IpfwBed.CLIENT, toClient.destination());
        assertEquals(IpfwBed.CPORT, toClient.destinationPort());
        assertEquals(5000, toClient.seq());
        assertEquals(1001, toClient.ack());
        for (IpfwBed.Seen s : ka) {
            Packet p = s.packet();
            assertEquals(ACK, p.flags());
            assertEquals(0, p.window());
            assertEquals(64, p.ttl());
            assertEquals(0, p.tos());
            assertFalse(p.dontFragment());
            assertTrue(p.skipFirewall());
            assertEquals(40, p.ipLength());
        }
    }

    @Test
    @DisplayName("model §2: probes take TTL from net.inet.ip.ttl at send time")
    void probeTtlFromSysctl() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.server.sysctls().setByAdministrator("net.inet.ip.ttl", 30);
        bed.handshake(2.0);
        bed.runUntil(287);
        assertEquals(30, bed.keepalives().get(0).packet().ttl());
    }

    @Test
    @DisplayName("model §2: probes do not refresh the state on the sending host (M_SKIP_FIREWALL, also via lo0)")
    void probesDoNotRefreshTheirOwnState() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.handshake(2.0);
        bed.runUntil(290);
        assertEquals(302, bed.onlyState().expire());
        assertEquals(2, bed.onlyState().packets(), "SYN-ACK and ACK counted; not the creating SYN, not the probes");
    }

    @Test
    @DisplayName("model §2: 2002 code sends both probes every qualifying tick even when a side answered")
    void bothProbesEveryTickBefore2012() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.handshake(2.0);
        bed.fromServer(3, ACK, 5001, 1001);
        bed.runUntil(287);
        assertEquals(2, bed.keepalives().size());
    }

    @Test
    @DisplayName("model §2: dyn_keepalive=0 sends nothing")
    void keepaliveOffSendsNothing() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.execute("disable dyn_keepalive");
        bed.handshake(2.0);
        bed.runUntil(400);
        assertTrue(bed.keepalives().isEmpty());
        assertEquals(0, bed.sysctl("dyn_keepalive"));
    }

    @Test
    @DisplayName("model §2: a state without BOTH_SYN gets no probes")
    void noProbesWithoutBothSyn() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.fromClient(2, dev.scn.engine.net.TcpFlags.SYN, 1000, 0);
        bed.runUntil(30);
        assertTrue(bed.keepalives().isEmpty());
    }

    @Test
    @DisplayName("model §2: after a reboot the tick restarts 1 s after the new boot; states and counters are gone")
    void rebootRestartsTickAndDropsStates() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.handshake(2.0);
        bed.at(100.5, bed.server::reboot);
        bed.runUntil(100.6);
        assertEquals(0, bed.ipfw.dynCount());
        assertEquals(0, bed.sysctl("dyn_count"));
        assertEquals(0, bed.ipfw.rules().get(1).packets());
        assertEquals(3, bed.ipfw.rules().size(), "static rules stay, as reloaded from rc.conf");
        // new boot at 100.5: ticks at 101.5, 106.5, ...; handshake at uptime 2 -> expire 302 -> probes at 286.
        bed.handshake(102.5);
        bed.runUntil(388);
        assertEquals(SimTime.millis(386_500), bed.keepalives().get(0).time());
    }
}
