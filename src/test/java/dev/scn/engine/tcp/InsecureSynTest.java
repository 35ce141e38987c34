package dev.scn.engine.tcp;

import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * net.inet.tcp.insecure_syn=1 on 14.2 (docs/research/noopt-tos-insecure-syn.md): 14.x tcp_input.c
 * tcp_do_segment drops the connection (tcp_drop, ECONNRESET) for a SYN with
 * last_ack_sent <= seq < last_ack_sent + rcv_wnd, else sends a challenge ACK.
 */
class InsecureSynTest {
    private static final int RST_ACK = TcpFlags.RST | TcpFlags.ACK;

    /*
     * After the SYN-ACK with mss 1460 the receive buffer is 45 x 1460 = 65700 (tcp_mss rounding)
     * and rcv_wnd = max(sbspace 65700, rcv_adv - rcv_nxt 65535) = 65700. rcv_nxt = last_ack_sent
     * = peer ISS + 1, so relative seq 65700 = last_ack_sent + 65699 is inside, 65701 outside
     * (scripts rcv-syn-*-right-edge-insecure-ipv4.pkt: "< S 65700:65700(0)", "> R. 1:1(0) ack 1
     * win 0"). tcp_drop's tcp_output from CLOSED sends RST|ACK at snd_nxt/rcv_nxt with the
     * window zeroed ("If a RST segment is sent, advertise a window of zero", 14.x tcp_output.c).
     */
    @Test
    @DisplayName("insecure_syn=1: a SYN at the right edge of the 65700-byte window resets with R. win 0")
    void rightEdgeResets() {
        SocketHost h = new SocketHost("14.2");
        h.host.sysctls().setByAdministrator("net.inet.tcp.insecure_syn", 1);
        int fd = h.establishedActive();
        h.inject(TcpFlags.SYN, 65700, 0, 0, 32767);
        Packet rst = h.last();
        assertEquals(RST_ACK, rst.flags());
        assertEquals(0, rst.window());
        assertEquals(h.localIss() + 1, rst.seq());
        assertEquals(SocketHost.PEER_ISS + 1, rst.ack());
        assertEquals(TcpState.CLOSED, h.sockets.connection(fd).state());
    }

    /* One byte past the window: the challenge ACK (tcp_respond TH_ACK), the connection stays. */
    @Test
    @DisplayName("insecure_syn=1: a SYN one byte past the window draws a challenge ACK")
    void pastTheWindowChallenged() {
        SocketHost h = new SocketHost("14.2");
        h.host.sysctls().setByAdministrator("net.inet.tcp.insecure_syn", 1);
        int fd = h.establishedActive();
        h.inject(TcpFlags.SYN, 65701, 0, 0, 32767);
        assertEquals(TcpFlags.ACK, h.last().flags());
        assertEquals(TcpState.ESTABLISHED, h.sockets.connection(fd).state());
    }
}
