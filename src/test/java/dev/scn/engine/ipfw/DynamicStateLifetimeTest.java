package dev.scn.engine.ipfw;

import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.trace.TraceKind;
import dev.scn.engine.trace.TraceRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.scn.engine.net.TcpFlags.ACK;
import static dev.scn.engine.net.TcpFlags.FIN;
import static dev.scn.engine.net.TcpFlags.RST;
import static dev.scn.engine.net.TcpFlags.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamicStateLifetimeTest {

    @Test
    @DisplayName("model §1: a client SYN matching keep-state creates a state for 20 s (dyn_syn_lifetime)")
    void synCreatesStateForSynLifetime() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.fromClient(10.5, SYN, 1000, 0);
        bed.runUntil(10.6);
        DynamicState s = bed.onlyState();
        assertEquals(30, s.expire());
        assertEquals(20, bed.remaining());
        assertEquals(IpfwBed.CLIENT, s.source());
        assertEquals(IpfwBed.SERVER, s.destination());
        assertEquals(200, s.ruleNumber());
        assertEquals(SYN, s.stateBits());
        assertEquals(1, bed.sysctl("dyn_count"));
        List<TraceRecord> created = bed.sim.trace().about(s.flow()).stream()
                .filter(r -> r.kind() == TraceKind.DYN_CREATED).toList();
        assertEquals(1, created.size());
    }

    @Test
    @DisplayName("model §1: SYN both ways moves the state to ack tracking with 300 s (dyn_ack_lifetime)")
    void bothSynMovesToAckLifetime() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.handshake(2.0);
        bed.runUntil(2.5);
        DynamicState s = bed.onlyState();
        assertEquals(DynamicState.BOTH_SYN, s.stateBits());
        assertEquals(302, s.expire());
        assertEquals(5001, s.ackFwd());
        assertEquals(1001, s.ackRev());
        TraceRecord last = bed.sim.trace().last(s.flow(), "server", java.util.Set.of(TraceKind.DYN_REFRESHED),
                bed.sim.now());
        assertTrue(last.detail().contains("expire now+300 s (net.inet.ip.fw.dyn_ack_lifetime)"), last.detail());
    }

    @Test
    @DisplayName("model §1: an older ack does not refresh the state")
    void olderAckDoesNotRefresh() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.handshake(2.0);
        bed.fromClient(50, ACK, 1001, 5000);
        bed.runUntil(51);
        assertEquals(302, bed.onlyState().expire());
        assertEquals(5001, bed.onlyState().ackFwd());
    }

    @Test
    @DisplayName("model §1: an equal ack counts as in sequence and refreshes to now + 300")
    void equalAckRefreshes() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.handshake(2.0);
        bed.fromClient(60, ACK, 1001, 5001);
        bed.runUntil(61);
        assertEquals(360, bed.onlyState().expire());
    }

    @Test
    @DisplayName("model §1: ack comparison is signed 32-bit: an ack past the wrap is newer")
    void ackComparisonWraps() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.fromClient(1, SYN, -10, 0);
        bed.fromServer(1.02, SYN | ACK, -20, -9);
        bed.fromClient(1.04, ACK, -9, -19);
        bed.fromClient(40, ACK, -9, 5);
        bed.runUntil(41);
        assertEquals(5, bed.onlyState().ackFwd());
        assertEquals(340, bed.onlyState().expire());
    }

    @Test
    @DisplayName("model §1: FIN both ways gives dyn_fin_lifetime (1 s)")
    void finBothWaysGivesFinLifetime() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.handshake(2.0);
        bed.fromServer(30, FIN | ACK, 5001, 1001);
        bed.runUntil(30.5);
        assertEquals(330, bed.onlyState().expire(), "one FIN keeps ack tracking");
        bed.fromClient(40, FIN | ACK, 1001, 5002);
        bed.runUntil(40.5);
        assertEquals(41, bed.onlyState().expire());
        assertEquals(DynamicState.BOTH_SYN | DynamicState.BOTH_FIN, bed.onlyState().stateBits());
    }

    @Test
    @DisplayName("model §1: an RST gives dyn_rst_lifetime (1 s)")
    void rstGivesRstLifetime() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.handshake(2.0);
        bed.fromClient(40, RST, 1001, 0);
        bed.runUntil(40.5);
        assertEquals(41, bed.onlyState().expire());
    }

    @Test
    @DisplayName("model §1: a state created by a non-SYN packet ends in the default case: 1 s")
    void nonSynCreationGetsOneSecond() {
        IpfwBed bed = new IpfwBed("5.4", "add 100 check-state", "add 200 allow tcp from any to me 80 keep-state");
        bed.fromClient(7, ACK, 1001, 5001);
        bed.runUntil(7.5);
        assertEquals(8, bed.onlyState().expire());
    }

    @Test
    @DisplayName("model §1: dyn_fin_lifetime >= 5 is clamped to 4 and the sysctl keeps the clamped value")
    void finLifetimeClampedToFour() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.server.sysctls().setByAdministrator("net.inet.ip.fw.dyn_fin_lifetime", 10);
        bed.handshake(2.0);
        bed.fromServer(30, FIN | ACK, 5001, 1001);
        bed.fromClient(31, FIN | ACK, 1001, 5002);
        bed.runUntil(31.5);
        assertEquals(35, bed.onlyState().expire());
        assertEquals(4, bed.sysctl("dyn_fin_lifetime"));
    }

    @Test
    @DisplayName("model §1: dyn_rst_lifetime >= 5 is clamped to 4, even with keepalives off, before 2018")
    void rstLifetimeClampedBefore2018() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.server.sysctls().setByAdministrator("net.inet.ip.fw.dyn_rst_lifetime", 9);
        bed.server.sysctls().setByAdministrator("net.inet.ip.fw.dyn_keepalive", 0);
        bed.handshake(2.0);
        bed.fromClient(40, RST, 1001, 0);
        bed.runUntil(40.5);
        assertEquals(44, bed.onlyState().expire());
        assertEquals(4, bed.sysctl("dyn_rst_lifetime"));
    }

    @Test
    @DisplayName("model §1: the 2018 code clamps dyn_rst_lifetime only while dyn_keepalive is on")
    void rstClampOnlyWithKeepaliveIn2018() {
        IpfwBed bed = IpfwBed.standard("14.2");
        bed.server.sysctls().setByAdministrator("net.inet.ip.fw.dyn_rst_lifetime", 9);
        bed.server.sysctls().setByAdministrator("net.inet.ip.fw.dyn_keepalive", 0);
        bed.handshake(2.0);
        bed.fromClient(40, RST, 1001, 0);
        bed.runUntil(40.5);
        assertEquals(49, bed.onlyState().expire());
        assertEquals(9, bed.sysctl("dyn_rst_lifetime"));
    }

    @Test
    @DisplayName("model §1: UDP states live dyn_udp_lifetime (10 s), refreshed by each packet")
    void udpLifetime() {
        IpfwBed bed = new IpfwBed("5.4", "add 100 allow udp from any to me 53 keep-state");
        bed.at(3, () -> bed.client.send(dev.scn.engine.net.Packet.udp(IpfwBed.CLIENT, 5353, IpfwBed.SERVER, 53)
                .payloadLength(30).build()));
        bed.at(5, () -> bed.server.send(dev.scn.engine.net.Packet.udp(IpfwBed.SERVER, 53, IpfwBed.CLIENT, 5353)
                .payloadLength(60).build()));
        bed.runUntil(5.5);
        assertEquals(15, bed.onlyState().expire());
    }

    @Test
    @DisplayName("model §1: the state's bits are a sticky OR: a later ACK does not clear SYN or FIN")
    void stateBitsAreSticky() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.handshake(2.0);
        bed.fromClient(20, FIN | ACK, 1001, 5001);
        bed.fromClient(21, ACK, 1002, 5001);
        bed.runUntil(21.5);
        assertEquals(DynamicState.BOTH_SYN | TcpFlags.FIN, bed.onlyState().stateBits());
    }
}
