package dev.scn.engine.ipfw;

import dev.scn.fact.Fact.DropBy;
import dev.scn.fact.Origin;
import dev.scn.engine.net.Packet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.scn.engine.net.TcpFlags.ACK;
import static dev.scn.engine.net.TcpFlags.RST;
import static dev.scn.engine.net.TcpFlags.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RuleMatchingTest {

    @Test
    @DisplayName("ipfw_chk: a state hit counts on the state and on the parent rule, not on check-state")
    void countersOnStateHit() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.handshake(2.0);
        bed.runUntil(3);
        IpfwRule checkState = bed.ipfw.rules().get(0);
        IpfwRule keep = bed.ipfw.rules().get(1);
        assertEquals(0, checkState.packets());
        assertEquals(3, keep.packets(), "SYN by match, SYN-ACK and ACK through the state");
        assertEquals(3 * 40, keep.bytes(), "bytes are ip_len");
        assertEquals(2, bed.onlyState().packets());
        assertEquals(80, bed.onlyState().bytes());
    }

    @Test
    @DisplayName("ipfw_chk: setup matches only SYN without ACK; other segments fall to the default deny")
    void setupAndDefaultDeny() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.fromClient(1, ACK, 1, 1);
        bed.runUntil(2);
        assertEquals(1, bed.ipfw.rules().get(2).packets());
        assertEquals(1, bed.network.counters().dropped(DropBy.FIREWALL));
        assertEquals(0, bed.ipfw.dynCount());
    }

    @Test
    @DisplayName("send_pkt: reset answers a SYN with RST|ACK ack=seq+1 seq=0, an ACK with RST seq=th_ack")
    void resetAction() {
        IpfwBed bed = new IpfwBed("5.4", "add 100 reset tcp from any to me 23");
        bed.at(1, () -> bed.client.send(Packet.tcp(IpfwBed.CLIENT, 3000, IpfwBed.SERVER, 23).flags(SYN).seq(77).build()));
        bed.at(2, () -> bed.client.send(Packet.tcp(IpfwBed.CLIENT, 3000, IpfwBed.SERVER, 23).flags(ACK).seq(78)
                .ack(999).build()));
        bed.at(3, () -> bed.client.send(Packet.tcp(IpfwBed.CLIENT, 3000, IpfwBed.SERVER, 23).flags(RST).seq(78).build()));
        bed.runUntil(4);
        assertEquals(2, bed.sent.size(), "no RST for an RST");
        Packet first = bed.sent.get(0).packet();
        assertEquals(RST | ACK, first.flags());
        assertEquals(0, first.seq());
        assertEquals(78, first.ack());
        assertEquals(IpfwBed.CLIENT, first.destination());
        assertEquals(Origin.IPFW_RESET, first.origin());
        Packet second = bed.sent.get(1).packet();
        assertEquals(RST, second.flags());
        assertEquals(999, second.seq());
        assertEquals(0, second.ack());
    }

    @Test
    @DisplayName("ipfw_chk: count continues, skipto jumps to the first rule numbered at least its target")
    void countAndSkipto() {
        IpfwBed bed = new IpfwBed("5.4", "add 100 count ip from any to any", "add 200 skipto 400 tcp from any to any in",
                "add 300 deny ip from any to any", "add 400 allow tcp from any to any via em0");
        bed.fromClient(1, SYN, 1, 0);
        bed.runUntil(2);
        assertEquals(1, bed.ipfw.rules().get(0).packets());
        assertEquals(1, bed.ipfw.rules().get(1).packets());
        assertEquals(0, bed.ipfw.rules().get(2).packets());
        assertEquals(1, bed.ipfw.rules().get(3).packets());
        assertEquals(0, bed.network.counters().dropped(DropBy.FIREWALL));
    }

    @Test
    @DisplayName("zero clears rule counters and leaves dynamic states alone")
    void zeroCounters() {
        IpfwBed bed = IpfwBed.standard("5.4");
        bed.handshake(2.0);
        bed.runUntil(3);
        assertEquals(String.format("Accounting cleared.%n"), bed.execute("zero"));
        assertEquals(0, bed.ipfw.rules().get(1).packets());
        assertEquals(2, bed.onlyState().packets());
    }
}
