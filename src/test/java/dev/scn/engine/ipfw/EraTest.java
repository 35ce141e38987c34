package dev.scn.engine.ipfw;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.net.Packet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.scn.engine.net.TcpFlags.ACK;
import static dev.scn.engine.net.TcpFlags.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EraTest {

    @Test
    @DisplayName("model §1 (2012+): the ack lifetime applies only after both sides acked, then ACK_FWD/ACK_REV clear")
    void refreshNeedsBothSides() {
        IpfwBed bed = IpfwBed.standard("9.3");
        bed.fromClient(2, SYN, 1000, 0);
        bed.fromServer(2.02, SYN | ACK, 5000, 1001);
        bed.runUntil(2.03);
        assertEquals(22, bed.onlyState().expire(), "SYN-ACK alone sets ACK_REV, no refresh");
        assertEquals(DynamicState.ACK_REV, bed.onlyState().stateBits() & 0x30000);
        bed.fromClient(2.04, ACK, 1001, 5001);
        bed.runUntil(2.1);
        assertEquals(302, bed.onlyState().expire());
        assertEquals(0, bed.onlyState().stateBits() & 0x30000);
        bed.fromClient(50, ACK, 1001, 5001);
        bed.fromClient(60, ACK, 1001, 5001);
        bed.runUntil(61);
        assertEquals(302, bed.onlyState().expire(), "a one-sided stream no longer extends the state");
        bed.fromServer(70, ACK, 5001, 1001);
        bed.runUntil(71);
        assertEquals(370, bed.onlyState().expire());
    }

    @Test
    @DisplayName("model §2 (2012+): ACK_REV suppresses the probe to the server side; the client's answer refreshes")
    void suppressionAndBothSidesRefresh() {
        IpfwBed bed = IpfwBed.standard("9.3");
        bed.handshake(2.0); // expire 302, bits clear
        bed.fromServer(3, ACK, 5001, 1001); // ACK_REV
        bed.runUntil(287);
        List<IpfwBed.Seen> ka = bed.keepalives();
        assertEquals(1, ka.size());
        assertEquals(IpfwBed.CLIENT, ka.get(0).packet().destination(), "only the probe to the client side");
        assertEquals(0x10, ka.get(0).packet().tos(), "[F] ipfw_send_pkt: IPTOS_LOWDELAY");
        bed.fromClient(288, ACK, 1001, 5001); // the client answers: ACK_FWD -> both -> refresh
        bed.runUntil(289);
        assertEquals(588, bed.onlyState().expire());
        assertEquals(0, bed.onlyState().stateBits() & 0x30000);
    }

    @Test
    @DisplayName("model §1: before 2013 a dead state stays counted in dyn_count until a lookup walks its bucket")
    void lazyReapingIn2002() {
        IpfwBed bed = new IpfwBed("5.4", "add 100 check-state", "add 200 allow tcp from any to me 80 keep-state");
        bed.fromClient(10, ACK, 1, 1); // non-SYN: 1 s
        bed.runUntil(100);
        assertEquals(1, bed.ipfw.dynCount());
        assertEquals(1, bed.sysctl("dyn_count"));
        assertEquals(0, bed.ipfw.liveCount());
        bed.fromClient(100, ACK, 1, 1);
        bed.runUntil(100.5);
        assertEquals(1, bed.ipfw.dynCount(), "the dead one was reaped during the lookup, a new one created");
        assertEquals(101, bed.onlyState().expire());
    }

    @Test
    @DisplayName("model §1: from 2013 the one-second tick sweeps dead states")
    void sweepEverySecondFrom2013() {
        IpfwBed bed = new IpfwBed("10.4", "add 100 check-state", "add 200 allow tcp from any to me 80 keep-state");
        bed.fromClient(10.5, ACK, 1, 1); // expire 11
        bed.runUntil(10.99);
        assertEquals(1, bed.ipfw.dynCount());
        bed.runUntil(11.0);
        assertEquals(0, bed.ipfw.dynCount());
        assertEquals(0, bed.sysctl("dyn_count"));
    }

    @Test
    @DisplayName("model §2: [G] sends keepalives when remaining <= 20 on passes every 5 s from boot")
    void sweepEraKeepaliveAtTwentySeconds() {
        IpfwBed bed = IpfwBed.standard("10.4");
        bed.handshake(5.0); // expire 305; passes at 5, 10, ..., 285 (remaining 20)
        bed.runUntil(289);
        List<IpfwBed.Seen> ka = bed.keepalives();
        assertEquals(2, ka.size());
        assertEquals(SimTime.seconds(285), ka.get(0).time());
        assertEquals(IpfwBed.SERVER, ka.get(0).packet().destination(), "[G] queues the server-side probe first");
        assertEquals(0x10, ka.get(0).packet().tos());
    }

    @Test
    @DisplayName("model §2: [H] sends keepalives only when remaining < 20; client side first; DF and TOS 0x10")
    void rewriteEraKeepalive() {
        IpfwBed bed = IpfwBed.standard("14.2");
        bed.handshake(5.0); // expire 305: pass at 285 has remaining 20 -> not yet
        bed.runUntil(300);
        List<IpfwBed.Seen> ka = bed.keepalives();
        assertEquals(SimTime.seconds(290), ka.get(0).time());
        Packet first = ka.get(0).packet();
        assertEquals(IpfwBed.CLIENT, first.destination());
        assertTrue(first.dontFragment());
        assertEquals(0x10, first.tos());
        assertEquals(5000, first.seq());
        assertEquals(1001, first.ack());
    }

    @Test
    @DisplayName("model §3: a full table (2002) sweeps expired states first, then denies and logs once a second")
    void dynMaxOverflow2002() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.server.sysctls().setByAdministrator("net.inet.ip.fw.dyn_max", 1);
        bed.fromClient(1, SYN, 1000, 0);
        bed.at(2, () -> bed.client.send(Packet.tcp(IpfwBed.CLIENT, 2000, IpfwBed.SERVER, 80).flags(SYN).build()));
        bed.at(2.5, () -> bed.client.send(Packet.tcp(IpfwBed.CLIENT, 2001, IpfwBed.SERVER, 80).flags(SYN).build()));
        bed.at(3, () -> bed.client.send(Packet.tcp(IpfwBed.CLIENT, 2002, IpfwBed.SERVER, 80).flags(SYN).build()));
        bed.runUntil(4);
        assertEquals(List.of("ipfw: install_state: Too many dynamic rules",
                "ipfw: install_state: Too many dynamic rules"),
                bed.ipfw.logLines().stream().map(Ipfw.LogLine::text).toList());
        assertEquals(SimTime.millis(2010), bed.ipfw.logLines().get(0).time());
        assertEquals(SimTime.millis(3010), bed.ipfw.logLines().get(1).time());
        assertEquals(4L, bed.ipfw.rules().get(1).packets(), "the first SYN plus three denied ones count on rule 200");
        // the SYN state dies at 21: at 30 the full table is swept first and the new SYN gets in
        bed.at(30, () -> bed.client.send(Packet.tcp(IpfwBed.CLIENT, 2003, IpfwBed.SERVER, 80).flags(SYN).build()));
        bed.runUntil(31);
        assertEquals(2003, bed.onlyState().sourcePort());
        assertEquals(2, bed.ipfw.logLines().size());
    }

    @Test
    @DisplayName("model §3: the overflow log text of the 2013 and 2018 code")
    void dynMaxOverflowTexts() {
        for (String[] c : new String[][] {{"10.4", "ipfw: add_dyn_rule: Cannot allocate rule"},
            {"14.2", "ipfw: Cannot allocate dynamic state, consider increasing net.inet.ip.fw.dyn_max"},
            {"9.3", "ipfw: ipfw_install_state: Too many dynamic rules"}}) {
            IpfwBed bed = IpfwBed.standard(c[0]);
            bed.server.sysctls().setByAdministrator("net.inet.ip.fw.dyn_max", 0);
            bed.fromClient(1, SYN, 1000, 0);
            bed.runUntil(2);
            assertEquals(List.of(c[1]), bed.ipfw.logLines().stream().map(Ipfw.LogLine::text).toList(), c[0]);
            assertEquals(0, bed.ipfw.dynCount());
        }
    }

    @Test
    @DisplayName("model §4: delete and flush remove the rule's states at once")
    void deleteAndFlushRemoveStates() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.handshake(2.0);
        bed.runUntil(3);
        bed.execute("delete 200");
        assertEquals(0, bed.ipfw.dynCount());
        assertEquals(2, bed.sysctl("static_count"));
        bed.execute("add 200 allow tcp from any to me 80 setup keep-state");
        bed.handshake(4.0);
        bed.runUntil(5);
        assertEquals(1, bed.ipfw.dynCount());
        bed.execute("-f flush");
        assertEquals(0, bed.ipfw.dynCount());
        assertEquals(1, bed.ipfw.rules().size());
        assertEquals(65535, bed.ipfw.rules().get(0).number());
    }

    @Test
    @DisplayName("model §4: 2018+ with dyn_keep_states=1 states outlive their rule until they expire")
    void keepStatesOutliveRuleIn2018() {
        IpfwBed bed = IpfwBed.standard("14.2");
        bed.server.sysctls().setByAdministrator("net.inet.ip.fw.dyn_keep_states", 1);
        bed.handshake(2.0);
        bed.runUntil(3);
        bed.execute("delete 200");
        assertEquals(1, bed.ipfw.dynCount());
        assertTrue(bed.onlyState().orphaned());
        bed.fromServer(10, ACK, 5001, 1001);
        bed.runUntil(11);
        assertTrue(bed.sent.stream().anyMatch(s -> s.time() == SimTime.seconds(10)), "still passes via the state");
        bed.runUntil(400);
        assertEquals(0, bed.ipfw.dynCount());
    }
}
