package dev.scn.engine.tcp;

import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Segments at the edges of the state machine, as FreeBSD's test suite (state-event-engine/
 * rcv-fin-closed, rcv-syn-fin-closed, rcv-syn-ack-*, rcv-syn-syn-sent, rcv-syn-fin-syn-sent) and
 * the source show them, per release (docs/research/state-event-edges.md). The peer's ISS is
 * {@link SocketHost#PEER_ISS}; expected numbers are derived in each test's comment.
 */
class StateEventEdgesTest {
    private static final int WIN = 32767;

    /**
     * A FIN (3 bytes of data or none, no ACK) to a port nobody listens on: tcp_dropwithreset
     * answers RST|ACK, seq 0, ack = th_seq + tlen + 1 for the SYN + 1 for the FIN on 12.x and
     * later; 10.4 counts the SYN only. FIN with 3 bytes: 14.2 acks ISS+4, 10.4 ISS+3; SYN|FIN
     * alone: 14.2 ISS+2, 10.4 ISS+1.
     */
    @ParameterizedTest(name = "{0}: flags {1}, {2} bytes -> ack ISS+{3}")
    @CsvSource({"14.2, FIN, 3, 4", "14.2, FIN, 0, 1", "14.2, SYN|FIN, 3, 5", "14.2, SYN|FIN, 0, 2",
            "10.4, FIN, 3, 3", "10.4, SYN|FIN, 0, 1"})
    @DisplayName("the RST|ACK to a closed port counts the FIN from 12.x on")
    void resetToClosedPortAcknowledgesFin(String release, String flags, int len, int relAck) {
        SocketHost h = new SocketHost(release);
        int f = flags.equals("FIN") ? TcpFlags.FIN : TcpFlags.SYN | TcpFlags.FIN;
        h.inject(f, 0, 0, len, WIN);
        assertEquals(1, h.sent.size());
        Packet rst = h.last();
        assertEquals(TcpFlags.RST | TcpFlags.ACK, rst.flags());
        assertEquals(0, rst.seq());
        assertEquals(SocketHost.PEER_ISS + relAck, rst.ack());
    }

    /**
     * A SYN|ACK on a listen socket: "(SYN|ACK) is bogus on a listen socket", dropwithreset, and
     * with the ACK bit set the RST carries seq = th_ack and no ACK (here 5000). No SYN-ACK, no
     * syncache entry.
     */
    @Test
    @DisplayName("a SYN|ACK to a listen socket is answered with an RST, not a SYN-ACK")
    void synAckOnListenSocketGetsReset() {
        SocketHost h = new SocketHost("14.2");
        h.listenSocket(1);
        h.host.arriveFromWire(Packet.tcp(SocketHost.REMOTE, SocketHost.REMOTE_PORT, SocketHost.LOCAL,
                SocketHost.LOCAL_PORT).seq(SocketHost.PEER_ISS).ack(5000).flags(TcpFlags.SYN | TcpFlags.ACK)
                .window(WIN).build());
        assertEquals(1, h.sent.size());
        assertEquals(TcpFlags.RST, h.last().flags());
        assertEquals(5000, h.last().seq());
        assertEquals(0, h.tcp.syncacheSize());
    }

    /**
     * TIME_WAIT after a passive open: our FIN is ISS+1, the peer's FIN|ACK at ISS+1 acks ISS+2, so
     * rcv_nxt = PEER_ISS+2, snd_nxt = ISS+2. A SYN|ACK at PEER_ISS+65537 (above rcv_nxt), ack ISS:
     * 14.x tcp_twcheck recycles TIME_WAIT only for a pure SYN, so it falls to the ACK step and gets
     * ". ISS+2 ack PEER_ISS+2", TIME_WAIT stays. 10.4 recycles on any SYN: TIME_WAIT ends and the
     * listen socket rejects the SYN|ACK with an RST, seq = th_ack = ISS.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"14.2, true", "10.4, false"})
    @DisplayName("a SYN|ACK above rcv_nxt in TIME_WAIT: ACK on 14.x, recycle + RST before")
    void synAckInTimeWait(String release, boolean stays) {
        SocketHost h = new SocketHost(release);
        int lfd = h.listenSocket(2);
        h.injectSyn(SocketHost.REMOTE_PORT);
        h.injectHandshakeAck(SocketHost.REMOTE_PORT);
        int fd = (int) h.sockets.accept(lfd).value();
        h.sockets.shutdown(fd, SockOpt.SHUT_WR);
        h.inject(TcpFlags.FIN | TcpFlags.ACK, 1, 2, 0, WIN);
        assertEquals(1, h.tcp.count(TcpState.TIME_WAIT));
        int before = h.sent.size();
        h.inject(TcpFlags.SYN | TcpFlags.ACK, 65_537, 0, 0, WIN);
        assertEquals(before + 1, h.sent.size());
        Packet answer = h.last();
        if (stays) {
            assertEquals(TcpFlags.ACK, answer.flags());
            assertEquals(h.localIss() + 2, answer.seq());
            assertEquals(SocketHost.PEER_ISS + 2, answer.ack());
            assertEquals(1, h.tcp.count(TcpState.TIME_WAIT));
        } else {
            assertEquals(TcpFlags.RST, answer.flags());
            assertEquals(h.localIss(), answer.seq());
            assertEquals(0, h.tcp.count(TcpState.TIME_WAIT));
        }
    }

    /**
     * A SYN-ACK carrying 3 bytes in SYN_SENT: ESTABLISHED, the bytes go to the socket and the ACK
     * leaves at once (the SYN_SENT code arms the delayed ACK, so the data step's DELAY_ACK is false)
     * acknowledging SYN + 3 bytes: PEER_ISS+4; read() returns 3.
     */
    @Test
    @DisplayName("data on a SYN-ACK is acknowledged at once and readable")
    void synAckWithData() {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        h.sockets.fcntlSetFl(fd, SockOpt.O_RDWR | SockOpt.O_NONBLOCK);
        h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT);
        h.useActivePort();
        h.advanceMs(100);
        h.inject(TcpFlags.SYN | TcpFlags.ACK, 0, 1, 3, WIN);
        assertEquals(2, h.sent.size());
        assertEquals(TcpFlags.ACK, h.last().flags());
        assertEquals(SocketHost.PEER_ISS + 4, h.last().ack());
        assertEquals(3, h.sockets.read(fd, 100).value());
    }

    /**
     * Simultaneous open with a SYN carrying 3 bytes (or SYN|FIN with 3 bytes, drop_synfin off):
     * SYN_RECEIVED, the SYN-ACK acknowledges the SYN only (PEER_ISS+1), the bytes wait in the
     * reassembly queue (read: EAGAIN); the handshake's ACK (seq PEER_ISS+4, no data) makes the
     * connection ESTABLISHED, the queue is presented and read() returns 3; nothing is sent for
     * that ACK. The FIN on the SYN is not counted: closing sends FIN ack PEER_ISS+4.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"SYN", "SYN|FIN"})
    @DisplayName("data on a simultaneous-open SYN is delivered once the handshake completes")
    void synWithDataInSynSent(String flags) {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        h.sockets.fcntlSetFl(fd, SockOpt.O_RDWR | SockOpt.O_NONBLOCK);
        h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT);
        h.useActivePort();
        h.advanceMs(100);
        int f = flags.equals("SYN") ? TcpFlags.SYN : TcpFlags.SYN | TcpFlags.FIN;
        h.inject(f, 0, 0, 3, WIN);
        assertEquals(TcpFlags.SYN | TcpFlags.ACK, h.last().flags());
        assertEquals(SocketHost.PEER_ISS + 1, h.last().ack());
        assertEquals(Errno.EAGAIN, h.sockets.read(fd, 100).errno());
        int before = h.sent.size();
        h.inject(TcpFlags.ACK, 4, 1, 0, 65535);
        assertEquals(before, h.sent.size());
        assertEquals(TcpState.ESTABLISHED, h.sockets.connection(fd).state());
        assertEquals(3, h.sockets.read(fd, 100).value());
        h.sockets.close(fd);
        assertEquals(TcpFlags.FIN | TcpFlags.ACK, h.last().flags());
        assertEquals(SocketHost.PEER_ISS + 4, h.last().ack());
    }

    /**
     * net.inet.tcp.drop_synfin=1 and a SYN|FIN in SYN_SENT: 14.x tcp_do_segment drops it before
     * anything else (no SYN-ACK, still SYN_SENT); 11.4 has the sysctl for listen sockets only
     * and answers the simultaneous open with a SYN-ACK.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"14.2, true", "11.4, false"})
    @DisplayName("drop_synfin drops a SYN|FIN in SYN_SENT on 14.x")
    void dropSynFinInSynSent(String release, boolean dropped) {
        SocketHost h = new SocketHost(release);
        h.host.sysctls().setByAdministrator("net.inet.tcp.drop_synfin", 1);
        int fd = (int) h.sockets.socket().value();
        h.sockets.fcntlSetFl(fd, SockOpt.O_RDWR | SockOpt.O_NONBLOCK);
        h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT);
        h.useActivePort();
        h.advanceMs(100);
        h.inject(TcpFlags.SYN | TcpFlags.FIN, 0, 0, 0, WIN);
        if (dropped) {
            assertEquals(1, h.sent.size());
            assertEquals(TcpState.SYN_SENT, h.sockets.connection(fd).state());
        } else {
            assertTrue(h.sent.size() == 2 && h.last().flags() == (TcpFlags.SYN | TcpFlags.ACK));
        }
    }
}
