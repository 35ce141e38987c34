package dev.scn.engine.tcp;

import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RFC 3168 ECN setup on 14.2 as 14.x sys/netinet/tcp_ecn.c does it (docs/research/ecn.md). The
 * expected flags are those of FreeBSD's own suite: snd-syn-with-ecn*.pkt and
 * syn-rcvd-via-syn-sent-ipv4-ecn{01,10,11}.pkt.
 */
class TcpEcnTest {
    private static final int ECN_SETUP = TcpFlags.ECE | TcpFlags.CWR;

    private static SocketHost host(int enable, int maxretries) {
        SocketHost h = new SocketHost("14.2");
        h.host.sysctls().setByAdministrator("net.inet.tcp.ecn.enable", enable);
        h.host.sysctls().setByAdministrator("net.inet.tcp.ecn.maxretries", maxretries);
        return h;
    }

    private static int connect(SocketHost h) {
        int fd = (int) h.sockets.socket().value();
        h.sockets.fcntlSetFl(fd, SockOpt.O_RDWR | SockOpt.O_NONBLOCK);
        h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT);
        h.useActivePort();
        return fd;
    }

    private static List<Integer> synFlags(SocketHost h) {
        return h.sent.stream().filter(p -> p.has(TcpFlags.SYN)).map(Packet::flags).toList();
    }

    /*
     * tcp_ecn_output_syn_sent with ecn.enable=1: the first SYN (t_rxtshift 0) has ECE|CWR; a
     * retransmission has them while t_rxtshift <= maxretries. 14.2 retransmits at 1.0 s (shift 1)
     * and 3.2 s (shift 2; SynScheduleTest). maxretries 1: shifts 0 and 1 ask, shift 2 does not.
     */
    @Test
    @DisplayName("ecn.enable=1, maxretries=1: SYN, first retransmission with ECE|CWR, the second without")
    void synAsksForEcnUntilMaxretries() {
        SocketHost h = host(1, 1);
        connect(h);
        h.advanceMs(3_300);
        int s = TcpFlags.SYN;
        assertEquals(List.of(s | ECN_SETUP, s | ECN_SETUP, s), synFlags(h));
        assertEquals("SEW", TcpFlags.tcpdump(h.sent.get(0).flags()));
    }

    /* maxretries 0: only shift 0 (the first SYN) asks. */
    @Test
    @DisplayName("ecn.enable=1, maxretries=0: only the first SYN asks for ECN")
    void maxretriesZero() {
        SocketHost h = host(1, 0);
        connect(h);
        h.advanceMs(3_300);
        int s = TcpFlags.SYN;
        assertEquals(List.of(s | ECN_SETUP, s, s), synFlags(h));
    }

    /* The default ecn.enable=2 only answers ECN: the SYN stays bare, as before ECN was modelled. */
    @Test
    @DisplayName("ecn.enable=2 (default): the SYN carries no ECN flags")
    void defaultDoesNotAsk() {
        SocketHost h = new SocketHost("14.2");
        connect(h);
        assertEquals(List.of(TcpFlags.SYN), synFlags(h));
    }

    /*
     * tcp_ecn_input_syn_sent: a SYN-ACK with ECE and no CWR turns ECN on; tcp_ecn_output_established
     * then marks new data ECT(0) and puts no ECE on it (nothing asked for an echo).
     */
    @Test
    @DisplayName("SYN-ACK with ECE: new data goes out ECT(0); without ECE it stays Not-ECT")
    void synAckWithEceMarksData() {
        SocketHost on = host(1, 1);
        int fd = connect(on);
        on.advanceMs(100);
        on.inject(TcpFlags.SYN | TcpFlags.ACK | TcpFlags.ECE, 0, 1, 0, 32767);
        on.sockets.write(fd, 10);
        assertEquals(10, on.last().payloadLength());
        assertEquals(Packet.ECN_ECT0, on.last().ecn());
        assertEquals(TcpFlags.PUSH | TcpFlags.ACK, on.last().flags());
        // The handshake's ACK carries no data: a pure control packet is never ECT.
        assertEquals(Packet.ECN_NOT_ECT, on.sent.get(1).ecn());

        SocketHost off = host(1, 1);
        int fd2 = connect(off);
        off.advanceMs(100);
        off.inject(TcpFlags.SYN | TcpFlags.ACK, 0, 1, 0, 32767);
        off.sockets.write(fd2, 10);
        assertEquals(Packet.ECN_NOT_ECT, off.last().ecn());
    }

    /*
     * tcp_ecn_input_parallel_syn: a bare SYN with ECE|CWR in SYN_SENT sets TF2_ECN_PERMIT and
     * TF2_ECN_SND_ECE even with ecn.enable=2; the SYN-ACK carries ECE (S.E, the suite's "SE."), which
     * tcp_output clears in SYN_RECEIVED, so the data after the handshake is ECT(0) without ECE.
     */
    @Test
    @DisplayName("simultaneous open, peer's SYN with ECE|CWR: SYN-ACK with ECE, then ECT(0) data")
    void parallelSynWithEcn() {
        SocketHost h = new SocketHost("14.2");
        int fd = connect(h);
        h.advanceMs(100);
        h.inject(TcpFlags.SYN | ECN_SETUP, 0, 0, 0, 32767);
        assertEquals(TcpFlags.SYN | TcpFlags.ACK | TcpFlags.ECE, h.last().flags());
        assertEquals("S.E", TcpFlags.tcpdump(h.last().flags()));
        h.advanceMs(10);
        h.inject(TcpFlags.ACK, 1, 1, 0, 65535);
        h.sockets.write(fd, 10);
        assertEquals(TcpFlags.PUSH | TcpFlags.ACK, h.last().flags());
        assertEquals(Packet.ECN_ECT0, h.last().ecn());
    }

    /* ecn.enable=0: tcp_ecn_input_parallel_syn returns at once; no ECE, no ECT. */
    @Test
    @DisplayName("ecn.enable=0: an ECN-setup SYN in a simultaneous open is answered without ECE")
    void parallelSynEcnOff() {
        SocketHost h = host(0, 1);
        int fd = connect(h);
        h.advanceMs(100);
        h.inject(TcpFlags.SYN | ECN_SETUP, 0, 0, 0, 32767);
        assertEquals(TcpFlags.SYN | TcpFlags.ACK, h.last().flags());
        h.inject(TcpFlags.ACK, 1, 1, 0, 65535);
        h.sockets.write(fd, 10);
        assertEquals(Packet.ECN_NOT_ECT, h.last().ecn());
    }

    /* tcpdump's print-tcp.c tcp_flag_values: E for TH_ECNECHO and W for TH_CWR, after U. */
    @Test
    @DisplayName("tcpdump letters E and W for ECE and CWR, parsed back")
    void tcpdumpLetters() {
        assertEquals("SEW", TcpFlags.tcpdump(TcpFlags.SYN | ECN_SETUP));
        assertEquals(TcpFlags.SYN | ECN_SETUP, TcpFlags.parseTcpdump("SEW"));
        assertEquals(0x40, TcpFlags.ECE);
        assertEquals(0x80, TcpFlags.CWR);
    }

    /*
     * The passive side (ecn.enable=2, the default): syncache_add records SCF_ECN for a SYN with
     * ECE|CWR (tcp_ecn_syncache_add), syncache_respond adds ECE to the SYN-ACK
     * (tcp_ecn_syncache_respond), syncache_socket sets TF2_ECN_PERMIT, so data is ECT(0).
     * A SYN without ECN flags gets the plain SYN-ACK and Not-ECT data, as before.
     */
    @Test
    @DisplayName("listen: a SYN with ECE|CWR gets a SYN-ACK with ECE and the accepted socket sends ECT(0)")
    void passiveEcn() {
        assertEquals(List.of(TcpFlags.SYN | TcpFlags.ACK | TcpFlags.ECE, Packet.ECN_ECT0), passive(ECN_SETUP));
        assertEquals(List.of(TcpFlags.SYN | TcpFlags.ACK, Packet.ECN_NOT_ECT), passive(0));
    }

    /** @return the SYN-ACK's flags and the IP ECN field of the first data segment */
    private static List<Integer> passive(int synEcnFlags) {
        SocketHost h = new SocketHost("14.2");
        int lfd = h.listenSocket(1);
        h.host.arriveFromWire(Packet.tcp(SocketHost.REMOTE, 5001, SocketHost.LOCAL, SocketHost.LOCAL_PORT)
                .seq(SocketHost.PEER_ISS).flags(TcpFlags.SYN | synEcnFlags).window(65535).mssOption(1460).build());
        Packet synAck = h.last();
        h.host.arriveFromWire(Packet.tcp(SocketHost.REMOTE, 5001, SocketHost.LOCAL, SocketHost.LOCAL_PORT)
                .seq(SocketHost.PEER_ISS + 1).ack(synAck.seq() + 1).flags(TcpFlags.ACK).window(65535).build());
        int fd = (int) h.sockets.accept(lfd).value();
        h.sockets.write(fd, 10);
        assertEquals(10, h.last().payloadLength());
        return List.of(synAck.flags(), h.last().ecn());
    }
}
