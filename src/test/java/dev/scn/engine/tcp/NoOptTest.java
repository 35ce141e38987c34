package dev.scn.engine.tcp;

import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.net.TcpOption;
import dev.scn.engine.net.TcpOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TCP_NOOPT (TF_NOOPT), tcpi_options and the listener's IP_TOS on the SYN-ACK, on 14.2
 * (docs/research/noopt-tos-insecure-syn.md).
 */
class NoOptTest {
    private static final int SYN_ACK = TcpFlags.SYN | TcpFlags.ACK;

    /* tcp_output.c (14.x): "if ((tp->t_flags & TF_NOOPT) == 0)" guards every option, MSS included. */
    @Test
    @DisplayName("TCP_NOOPT before connect: the SYN carries no option at all")
    void activeSynWithoutOptions() {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        h.sockets.fcntlSetFl(fd, SockOpt.O_RDWR | SockOpt.O_NONBLOCK);
        assertEquals(0, h.sockets.setsockopt(fd, SockOpt.IPPROTO_TCP, SockOpt.TCP_NOOPT, 1).value());
        h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT);
        assertEquals(TcpFlags.SYN, h.last().flags());
        assertTrue(h.last().options().isEmpty(), () -> "options " + h.last().options());
    }

    /*
     * tcp_syncache.c (14.x) syncache_add: "if (ltflags & TF_NOOPT) sc->sc_flags |= SCF_NOOPT";
     * syncache_respond adds options only without SCF_NOOPT. sc_ip_tos = the listener's
     * inp_ip_tos: IP_TOS 0x20 (IPTOS_DSCP_CS1) on the listener is on the SYN-ACK
     * (socket-api-setsockopt-tos-passive-ipv4.pkt: "> (tos 0x20) S.").
     */
    @Test
    @DisplayName("listener with TCP_NOOPT and IP_TOS 0x20: SYN-ACK without options, tos 0x20")
    void passiveSynAckWithoutOptionsAndWithTos() {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        h.sockets.setsockopt(fd, SockOpt.IPPROTO_TCP, SockOpt.TCP_NOOPT, 1);
        h.sockets.setsockopt(fd, SockOpt.IPPROTO_IP, SockOpt.IP_TOS, 0x20);
        h.sockets.bind(fd, 0, SocketHost.LOCAL_PORT);
        h.sockets.listen(fd, 1);
        h.injectSyn(5001);
        Packet synAck = h.last();
        assertEquals(SYN_ACK, synAck.flags());
        assertTrue(synAck.options().isEmpty(), () -> "options " + synAck.options());
        assertEquals(0x20, synAck.tos());
    }

    /*
     * tcp_fill_info (tcp_usrreq.c, 14.x): TCPI_OPT_TIMESTAMPS (1) | TCPI_OPT_SACK (2) |
     * TCPI_OPT_WSCALE (4) = 7 when the SYN-ACK offered all three; snd_wscale is the peer's 7,
     * rcv_wscale the 6 requested (65535 << 6 >= maxsockbuf 2097152). With TCP_NOOPT: 0.
     */
    @Test
    @DisplayName("tcpi_options is 7 after a handshake negotiating TS, SACK and WS; 0 with TCP_NOOPT")
    void tcpiOptions() {
        assertEquals(7, handshake(false).options());
        TcpInfo info = handshake(false);
        assertEquals(7, info.sndWscale());
        assertEquals(6, info.rcvWscale());
        assertEquals(0, handshake(true).options());
    }

    /*
     * A socket bound to 8080 but not listening: tcp_input finds its CLOSED tcpcb and answers with
     * dropwithreset through tcp_respond for that inpcb: RST|ACK, win 0, with the socket's
     * IP_TOS 0x20 (socket-api-setsockopt-tos-passive-ipv4.pkt: "> (tos 0x20) R. 0:0(0)! ack 1
     * win 0"). With no socket at all the RST has tos 0.
     */
    @Test
    @DisplayName("SYN to a bound, not listening socket with IP_TOS 0x20: the RST carries tos 0x20")
    void resetFromBoundSocketCarriesItsTos() {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        h.sockets.setsockopt(fd, SockOpt.IPPROTO_IP, SockOpt.IP_TOS, 0x20);
        h.sockets.bind(fd, 0, SocketHost.LOCAL_PORT);
        h.injectSyn(5001);
        assertEquals(TcpFlags.RST | TcpFlags.ACK, h.last().flags());
        assertEquals(0x20, h.last().tos());
        h.sockets.close(fd);
        h.injectSyn(5002);
        assertEquals(0, h.last().tos());
    }

    private static TcpInfo handshake(boolean noOpt) {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        h.sockets.fcntlSetFl(fd, SockOpt.O_RDWR | SockOpt.O_NONBLOCK);
        h.sockets.setsockopt(fd, SockOpt.IPPROTO_TCP, SockOpt.TCP_NOOPT, noOpt ? 1 : 0);
        h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT);
        h.useActivePort();
        int iss = h.localIss();
        h.host.arriveFromWire(Packet.tcp(SocketHost.REMOTE, SocketHost.REMOTE_PORT, SocketHost.LOCAL, h.port())
                .seq(SocketHost.PEER_ISS).ack(iss + 1).flags(SYN_ACK).window(65535)
                .options(TcpOptions.of(new TcpOption.Mss(1460), new TcpOption.SackPermitted(),
                        new TcpOption.Timestamp(100, 0), new TcpOption.Nop(), new TcpOption.WindowScale(7)))
                .build());
        return h.sockets.tcpInfo(fd);
    }
}
