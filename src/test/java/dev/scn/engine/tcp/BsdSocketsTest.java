package dev.scn.engine.tcp;

import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The socket calls' answers on FreeBSD 14.2, each checked against the source it comes from
 * (docs/research/socket-api.md) and, where the suite has one, the tcp-testsuite script line.
 */
class BsdSocketsTest {
    private static final int ACK = TcpFlags.ACK;

    private static void assertErr(Errno expected, SysResult r) {
        assertEquals(expected, r.errno(), () -> "got " + r);
        assertEquals(-1, r.value());
    }

    /* fdalloc (kern_descrip.c) hands out the lowest free descriptor; 0-2 are taken by stdio. */
    @Test
    @DisplayName("socket() returns the lowest free descriptor from 3")
    void lowestFreeDescriptor() {
        SocketHost h = new SocketHost("14.2");
        assertEquals(3, h.sockets.socket().value());
        assertEquals(4, h.sockets.socket().value());
        assertEquals(0, h.sockets.close(3).value());
        assertEquals(3, h.sockets.socket().value());
        assertErr(Errno.EBADF, h.sockets.close(9));
    }

    /* Scripts: "fcntl(3, F_GETFL) = 0x02 (flags O_RDWR)"; O_NONBLOCK is 0x0004 (sys/fcntl.h). */
    @Test
    @DisplayName("fcntl: F_GETFL is O_RDWR, then O_RDWR|O_NONBLOCK after F_SETFL")
    void fcntlFlags() {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        assertEquals(0x02, h.sockets.fcntlGetFl(fd).value());
        assertEquals(0, h.sockets.fcntlSetFl(fd, 0x02 | 0x04).value());
        assertEquals(0x06, h.sockets.fcntlGetFl(fd).value());
    }

    /*
     * Scripts: SO_RCVBUF is [65536] before connect (net.inet.tcp.recvspace, soreserve in
     * tcp_usr_attach) and [65700] after the SYN-ACK with mss 1460: tcp_mss rounds sb_hiwat up to
     * a multiple of t_maxseg, 45 x 1460 = 65700 (44 x 1460 = 64240 < 65536). The send buffer:
     * sendspace 32768 -> 23 x 1460 = 33580 (22 x 1460 = 32120 < 32768).
     */
    @Test
    @DisplayName("SO_RCVBUF 65536 before the handshake, 65700 after (tcp_mss rounding); SO_SNDBUF 33580")
    void bufferRounding() {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        assertEquals(65536, h.sockets.getsockopt(fd, SockOpt.SOL_SOCKET, SockOpt.SO_RCVBUF).value());
        h.sockets.fcntlSetFl(fd, 0x06);
        h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT);
        h.useActivePort();
        h.inject(TcpFlags.SYN | ACK, 0, 1, 0, 32767);
        assertEquals(65700, h.sockets.getsockopt(fd, SockOpt.SOL_SOCKET, SockOpt.SO_RCVBUF).value());
        long sndspace = h.host.sysctls().get("net.inet.tcp.sendspace");
        long expected = (sndspace + 1459) / 1460 * 1460;
        assertEquals(expected, h.sockets.getsockopt(fd, SockOpt.SOL_SOCKET, SockOpt.SO_SNDBUF).value());
        // The ACK of the handshake still advertises 65535: the header field has 16 bits.
        assertEquals(65535, h.last().window());
    }

    /* The passive side: syncache_socket -> tcp_mss(tp, sc_peer_mss) rounds the accepted socket's buffer too. */
    @Test
    @DisplayName("accept(): the accepted socket's SO_RCVBUF is 65700")
    void acceptedBufferRounded() {
        SocketHost h = new SocketHost("14.2");
        int lfd = h.listenSocket(1);
        h.injectSyn(5001);
        h.injectHandshakeAck(5001);
        int fd = (int) h.sockets.accept(lfd).value();
        assertEquals(4, fd);
        assertEquals(65700, h.sockets.getsockopt(fd, SockOpt.SOL_SOCKET, SockOpt.SO_RCVBUF).value());
    }

    /*
     * kern_connectat: a non-blocking connect answers EINPROGRESS (script: "connect(3, ..., ...)
     * = -1 EINPROGRESS"); again while SS_ISCONNECTING: EALREADY; once connected soconnect says
     * EISCONN.
     */
    @Test
    @DisplayName("non-blocking connect: EINPROGRESS, EALREADY, then EISCONN")
    void nonBlockingConnect() {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        h.sockets.fcntlSetFl(fd, 0x06);
        assertErr(Errno.EINPROGRESS, h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT));
        assertEquals(TcpFlags.SYN, h.last().flags());
        assertErr(Errno.EALREADY, h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT));
        h.useActivePort();
        h.inject(TcpFlags.SYN | ACK, 0, 1, 0, 32767);
        assertErr(Errno.EISCONN, h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT));
        assertEquals(0, h.sockets.getsockopt(fd, SockOpt.SOL_SOCKET, SockOpt.SO_ERROR).value());
    }

    /*
     * tcp_input SYN_SENT: an acceptable RST|ACK is tcp_drop(tp, ECONNREFUSED): so_error. Scripts
     * read it with "getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0"; sogetopt
     * clears it, so the next read is 0 (61 is ECONNREFUSED in errno.h).
     */
    @Test
    @DisplayName("RST to the SYN: SO_ERROR is ECONNREFUSED (61) once, then 0")
    void refused() {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        h.sockets.fcntlSetFl(fd, 0x06);
        h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT);
        h.useActivePort();
        h.inject(TcpFlags.RST | ACK, 0, 1, 0, 0);
        assertEquals(61, h.sockets.getsockopt(fd, SockOpt.SOL_SOCKET, SockOpt.SO_ERROR).value());
        assertEquals(0, h.sockets.getsockopt(fd, SockOpt.SOL_SOCKET, SockOpt.SO_ERROR).value());
        assertEquals(TcpState.CLOSED, h.sockets.openSockets().get(0).state());
    }

    /*
     * A blocking connect sleeps (soconnect then "while ((so->so_state & SS_ISCONNECTING) &&
     * so->so_error == 0) msleep") and returns so_error: with TCP_KEEPINIT 5 the
     * connection-establishment timer (tcp_timer_keep, state < ESTABLISHED: tcp_drop(tp,
     * ETIMEDOUT)) fires 5 s after the SYN, so the retry at 4.9 s still sleeps and at 5.1 s
     * returns ETIMEDOUT (script snd-syn-rtx-keepinit: "connect(3, ..., ...) = -1 ETIMEDOUT").
     */
    @Test
    @DisplayName("blocking connect sleeps, then returns ETIMEDOUT when TCP_KEEPINIT expires")
    void blockingConnectTimesOut() {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        assertEquals(0, h.sockets.setsockopt(fd, SockOpt.IPPROTO_TCP, SockOpt.TCP_KEEPINIT, 5).value());
        assertTrue(h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT).blocked());
        h.advanceMs(4_900);
        assertTrue(h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT).blocked());
        h.advanceMs(200);
        assertErr(Errno.ETIMEDOUT, h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT));
        // so_error was consumed by connect: SO_ERROR now reads 0.
        assertEquals(0, h.sockets.getsockopt(fd, SockOpt.SOL_SOCKET, SockOpt.SO_ERROR).value());
    }

    /*
     * solisten_dequeue: non-blocking and sol_comp empty -> EWOULDBLOCK (35); after the handshake
     * the connection is on sol_comp and accept returns 4. accept(2) passes ACCEPT4_INHERIT, so
     * the new file keeps the listener's O_NONBLOCK: F_GETFL 0x06.
     */
    @Test
    @DisplayName("accept: EAGAIN while empty, then fd 4 inheriting O_NONBLOCK")
    void acceptQueue() {
        SocketHost h = new SocketHost("14.2");
        int lfd = h.listenSocket(1);
        assertErr(Errno.EAGAIN, h.sockets.accept(lfd));
        assertEquals(35, Errno.EWOULDBLOCK.number());
        h.injectSyn(5001);
        assertErr(Errno.EAGAIN, h.sockets.accept(lfd));
        h.injectHandshakeAck(5001);
        assertEquals(4, h.sockets.accept(lfd).value());
        assertEquals(0x06, h.sockets.fcntlGetFl(4).value());
        assertEquals(TcpState.ESTABLISHED, h.sockets.connection(4).state());
    }

    /*
     * listen(3, 1): so_qlimit 1; solisten_clone refuses when sol_qlen > 3 * 1 / 2 = 1, so two
     * handshakes queue (qlen 0 and 1 admitted) and the third finds qlen 2 > 1: no socket, and
     * tcp_input answers the ACK with an RST (net.inet.tcp.sc_rst_sock_fail, default 1).
     */
    @Test
    @DisplayName("listen backlog 1: the third completed handshake is refused with an RST")
    void backlogLimit() {
        SocketHost h = new SocketHost("14.2");
        int lfd = h.listenSocket(1);
        for (int port = 5001; port <= 5003; port++) {
            h.injectSyn(port);
            h.injectHandshakeAck(port);
        }
        Packet last = h.last();
        assertEquals(TcpFlags.RST, last.flags());
        assertEquals(5003, last.destinationPort());
        assertEquals(4, h.sockets.accept(lfd).value());
        assertEquals(5, h.sockets.accept(lfd).value());
        assertErr(Errno.EAGAIN, h.sockets.accept(lfd));
    }

    /*
     * soreceive_generic: MSG_PEEK copies without sbdrop; a read takes at most len and leaves the
     * rest; with nothing buffered a non-blocking socket gets EWOULDBLOCK (script "read(3, ...,
     * 100) = -1 EWOULDBLOCK"); after the peer's FIN (SBS_CANTRCVMORE) recv returns 0.
     */
    @Test
    @DisplayName("recv: MSG_PEEK keeps the bytes, reads take up to len, EAGAIN when empty, 0 after FIN")
    void receive() {
        SocketHost h = new SocketHost("14.2");
        int fd = h.establishedActive();
        assertErr(Errno.EAGAIN, h.sockets.recv(fd, 100, false));
        h.inject(ACK | TcpFlags.PUSH, 1, 1, 1000, 32767);
        assertEquals(1000, h.sockets.recv(fd, 2000, true).value());
        assertEquals(1000, h.sockets.recv(fd, 2000, true).value());
        assertEquals(600, h.sockets.recv(fd, 600, false).value());
        assertEquals(400, h.sockets.recv(fd, 2000, false).value());
        assertErr(Errno.EAGAIN, h.sockets.read(fd, 100));
        h.inject(ACK | TcpFlags.FIN, 1001, 1, 0, 32767);
        assertEquals(0, h.sockets.recv(fd, 100, false).value());
    }

    /*
     * A blocking recv sleeps until data arrives (sbwait), and the retry returns the bytes.
     */
    @Test
    @DisplayName("blocking recv sleeps until the data arrives")
    void blockingReceive() {
        SocketHost h = new SocketHost("14.2");
        int fd = h.establishedActive();
        h.sockets.fcntlSetFl(fd, 0x02);
        assertTrue(h.sockets.recv(fd, 100, false).blocked());
        h.inject(ACK | TcpFlags.PUSH, 1, 1, 3, 32767);
        assertEquals(3, h.sockets.recv(fd, 100, false).value());
    }

    /*
     * An RST in ESTABLISHED (exact seq = last_ack_sent): so_error = ECONNRESET, tcp_close.
     * soreceive returns so_error first (ECONNRESET, cleared), then 0 (SBS_CANTRCVMORE).
     * sosend checks SBS_CANTSENDMORE before so_error, and soisdisconnected set it: EPIPE.
     */
    @Test
    @DisplayName("after an RST: recv ECONNRESET once then 0; send EPIPE")
    void resetThenRecvAndSend() {
        SocketHost h = new SocketHost("14.2");
        int fd = h.establishedActive();
        h.inject(TcpFlags.RST, 1, 0, 0, 0);
        assertEquals(TcpState.CLOSED, h.sockets.connection(fd).state());
        assertErr(Errno.ECONNRESET, h.sockets.recv(fd, 100, false));
        assertEquals(0, h.sockets.recv(fd, 100, false).value());
        assertErr(Errno.EPIPE, h.sockets.send(fd, 10));
        // tcp_ctloutput: the inpcb is INP_DROPPED -> ECONNRESET for IPPROTO_TCP options.
        assertErr(Errno.ECONNRESET, h.sockets.getsockopt(fd, SockOpt.IPPROTO_TCP, SockOpt.TCP_NODELAY));
    }

    /*
     * RFC 5961 tcp_input (14.x): an exact RST in CLOSING or LAST_ACK sets so_error = ECONNRESET
     * (scripts rcv-rst-closing-* / rcv-rst-last-ack-*: "getsockopt(3, SOL_SOCKET, SO_ERROR,
     * [ECONNRESET], [4]) = 0"). 5.x's tcp_input closes those states without so_error.
     */
    @Test
    @DisplayName("RST in LAST_ACK: SO_ERROR ECONNRESET on 14.2, 0 on 5.4")
    void resetInLastAck() {
        assertEquals(54, soErrorAfterRstInLastAck("14.2"));
        assertEquals(0, soErrorAfterRstInLastAck("5.4"));
    }

    private static long soErrorAfterRstInLastAck(String release) {
        SocketHost h = new SocketHost(release);
        int fd = h.establishedActive();
        h.inject(ACK | TcpFlags.FIN, 1, 1, 0, 32767);   // CLOSE_WAIT
        h.sockets.shutdown(fd, SockOpt.SHUT_WR);         // LAST_ACK, FIN sent
        assertEquals(TcpState.LAST_ACK, h.sockets.connection(fd).state());
        h.inject(TcpFlags.RST, 2, 0, 0, 0);              // seq = rcv_nxt = last_ack_sent
        assertEquals(TcpState.CLOSED, h.sockets.connection(fd).state());
        return h.sockets.getsockopt(fd, SockOpt.SOL_SOCKET, SockOpt.SO_ERROR).value();
    }

    /* RST in CLOSING (simultaneous close) on 14.2: ECONNRESET likewise. */
    @Test
    @DisplayName("RST in CLOSING: SO_ERROR ECONNRESET on 14.2")
    void resetInClosing() {
        SocketHost h = new SocketHost("14.2");
        int fd = h.establishedActive();
        h.sockets.shutdown(fd, SockOpt.SHUT_WR);                 // FIN_WAIT_1
        h.inject(ACK | TcpFlags.FIN, 1, 1, 0, 32767);            // their FIN, not acking ours
        assertEquals(TcpState.CLOSING, h.sockets.connection(fd).state());
        h.inject(TcpFlags.RST, 2, 0, 0, 0);
        assertEquals(54, h.sockets.getsockopt(fd, SockOpt.SOL_SOCKET, SockOpt.SO_ERROR).value());
    }

    /*
     * shutdown(SHUT_WR): socantsendmore + tcp_usrclosed: FIN|ACK goes out; a later send is EPIPE
     * (sosend: SBS_CANTSENDMORE). soshutdown on a socket never connected: ENOTCONN.
     */
    @Test
    @DisplayName("shutdown(SHUT_WR) sends the FIN, send is then EPIPE; shutdown unconnected is ENOTCONN")
    void shutdownWrite() {
        SocketHost h = new SocketHost("14.2");
        int fresh = (int) h.sockets.socket().value();
        assertErr(Errno.ENOTCONN, h.sockets.shutdown(fresh, SockOpt.SHUT_WR));
        int fd = h.establishedActive();
        assertEquals(0, h.sockets.shutdown(fd, SockOpt.SHUT_WR).value());
        assertEquals(TcpFlags.FIN | ACK, h.last().flags());
        assertEquals(TcpState.FIN_WAIT_1, h.sockets.connection(fd).state());
        assertErr(Errno.EPIPE, h.sockets.send(fd, 100));
    }

    /*
     * send on a connected non-blocking socket: 1460 bytes fit the 33580-byte buffer and go out
     * at once as one full segment (script "send(3, ..., 1460, 0) = 1460" then "P. 1:1461(1460)").
     * send before connect: ENOTCONN.
     */
    @Test
    @DisplayName("send: 1460 bytes accepted and sent as one segment; ENOTCONN before connect")
    void sendData() {
        SocketHost h = new SocketHost("14.2");
        int fresh = (int) h.sockets.socket().value();
        assertErr(Errno.ENOTCONN, h.sockets.send(fresh, 10));
        int fd = h.establishedActive();
        assertEquals(1460, h.sockets.send(fd, 1460).value());
        Packet p = h.last();
        assertEquals(1460, p.payloadLength());
        assertEquals(h.localIss() + 1, p.seq());
    }

    /*
     * tcp_default_ctloutput (get): TCP_KEEPIDLE = TP_KEEPIDLE(tp) / hz, the sysctl while the
     * socket's t_keepidle is 0: 7200 s; KEEPINIT 75 s; KEEPCNT TCPTV_KEEPCNT 8 (scripts
     * socket-api/getsockopt: [7200], [75], [8]). Setting 15 reads back 15.
     */
    @Test
    @DisplayName("TCP_KEEPIDLE/KEEPINIT/KEEPCNT read 7200/75/8 by default and what was set")
    void keepaliveOptions() {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        assertEquals(7200, h.sockets.getsockopt(fd, SockOpt.IPPROTO_TCP, SockOpt.TCP_KEEPIDLE).value());
        assertEquals(75, h.sockets.getsockopt(fd, SockOpt.IPPROTO_TCP, SockOpt.TCP_KEEPINIT).value());
        assertEquals(8, h.sockets.getsockopt(fd, SockOpt.IPPROTO_TCP, SockOpt.TCP_KEEPCNT).value());
        h.sockets.setsockopt(fd, SockOpt.IPPROTO_TCP, SockOpt.TCP_KEEPIDLE, 15);
        h.sockets.setsockopt(fd, SockOpt.IPPROTO_TCP, SockOpt.TCP_KEEPCNT, 2);
        assertEquals(15, h.sockets.getsockopt(fd, SockOpt.IPPROTO_TCP, SockOpt.TCP_KEEPIDLE).value());
        assertEquals(2, h.sockets.getsockopt(fd, SockOpt.IPPROTO_TCP, SockOpt.TCP_KEEPCNT).value());
    }

    /*
     * The per-connection keepidle drives the keep timer (TP_KEEPIDLE in tcp_timer_keep): with
     * TCP_KEEPIDLE 1 the idle connection sends its probe (seq snd_una - 1, tcp_respond) 1 s
     * after the last segment, not 7200 s (script setsockopt-tos-active: "+1.00 > . 2920:2920(0)").
     */
    @Test
    @DisplayName("TCP_KEEPIDLE 1: the keepalive probe goes out after 1 s of silence")
    void keepIdlePerSocket() {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        h.sockets.fcntlSetFl(fd, 0x06);
        h.sockets.setsockopt(fd, SockOpt.IPPROTO_TCP, SockOpt.TCP_KEEPIDLE, 1);
        h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT);
        h.useActivePort();
        h.inject(TcpFlags.SYN | ACK, 0, 1, 0, 32767);
        int before = h.sent.size();
        h.advanceMs(990);
        assertEquals(before, h.sent.size(), "nothing before 1 s");
        h.advanceMs(20);
        Packet probe = h.last();
        assertEquals(ACK, probe.flags());
        assertEquals(h.localIss(), probe.seq(), "snd_una - 1 = ISS + 1 - 1");
    }

    /*
     * ip_ctloutput IP_TOS sets inp_ip_tos; tcp_ctloutput clears the two ECN bits; every segment
     * carries it (script setsockopt-tos-active: "> (tos 0x20) S 0:0(0)" after IPTOS_DSCP_CS1).
     */
    @Test
    @DisplayName("IP_TOS 0x20 (IPTOS_DSCP_CS1) is on the SYN")
    void tosOnSegments() {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        h.sockets.fcntlSetFl(fd, 0x06);
        assertEquals(0, h.sockets.setsockopt(fd, SockOpt.IPPROTO_IP, SockOpt.IP_TOS, 0x23).value());
        h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT);
        assertEquals(0x20, h.last().tos());
        assertEquals(0x20, h.sockets.getsockopt(fd, SockOpt.IPPROTO_IP, SockOpt.IP_TOS).value());
    }

    /*
     * The default stack's tcp_default_ctloutput has no case for the RACK stack's options: its
     * default branch answers ENOPROTOOPT (42). Scripts setting TCP_RACK_* expect 0 because they
     * run with the RACK stack and --non_fatal=syscall.
     */
    @Test
    @DisplayName("TCP_RACK_PACE_MAX_SEG on the default stack: ENOPROTOOPT")
    void unknownOption() {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        assertErr(Errno.ENOPROTOOPT, h.sockets.setsockopt(fd, SockOpt.IPPROTO_TCP, SockOpt.TCP_RACK_PACE_MAX_SEG, 2));
        assertEquals(42, Errno.ENOPROTOOPT.number());
    }

    /* sogetopt: boolean options answer so_options & name, so SO_REUSEADDR reads 4, not 1. */
    @Test
    @DisplayName("SO_REUSEADDR reads back as its bit (4)")
    void reuseAddrBit() {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        assertEquals(0, h.sockets.getsockopt(fd, SockOpt.SOL_SOCKET, SockOpt.SO_REUSEADDR).value());
        h.sockets.setsockopt(fd, SockOpt.SOL_SOCKET, SockOpt.SO_REUSEADDR, 1);
        assertEquals(4, h.sockets.getsockopt(fd, SockOpt.SOL_SOCKET, SockOpt.SO_REUSEADDR).value());
    }

    /* TCP_INFO tcpi_state uses tcp_fsm.h's numbering: CLOSED 0 before connect, ESTABLISHED 4, SYN_SENT 2. */
    @Test
    @DisplayName("TCP_INFO: tcpi_state 0, 2, 4 along the active open")
    void tcpInfoState() {
        SocketHost h = new SocketHost("14.2");
        int fd = (int) h.sockets.socket().value();
        assertEquals(0, h.sockets.tcpInfo(fd).state());
        h.sockets.fcntlSetFl(fd, 0x06);
        h.sockets.connect(fd, SocketHost.REMOTE, SocketHost.REMOTE_PORT);
        assertEquals(2, h.sockets.tcpInfo(fd).state());
        h.useActivePort();
        h.inject(TcpFlags.SYN | ACK, 0, 1, 0, 32767);
        assertEquals(4, h.sockets.tcpInfo(fd).state());
        assertEquals(4L, h.sockets.tcpInfo(fd).field("tcpi_state"));
        assertEquals(4, TcpInfo.stateConstant("TCPI_ESTABLISHED"));
        assertEquals(0L, h.sockets.tcpInfo(fd).field("tcpi_options"));
    }

    /*
     * tcp_input's rcv_wnd = max(sbspace, rcv_adv - rcv_nxt) is not clipped to 65535: an RST at
     * rcv_nxt + 65699 (the last byte of the 65700-byte buffer) is in the window and, with
     * net.inet.tcp.insecure_rst=1, resets the connection (script rcv-rst-established-right-edge-
     * insecure: "< R 65700:65700(0)" relative to irs, rcv_nxt = 1). One byte further is outside.
     */
    @Test
    @DisplayName("insecure_rst=1: an RST at the right edge of a 65700-byte window resets, one past it does not")
    void rstWindowNotClipped() {
        assertEquals(TcpState.CLOSED, stateAfterRstAt(65700));
        assertEquals(TcpState.ESTABLISHED, stateAfterRstAt(65701));
    }

    private static TcpState stateAfterRstAt(int relSeq) {
        SocketHost h = new SocketHost("14.2");
        h.host.sysctls().setByAdministrator("net.inet.tcp.insecure_rst", 1);
        int fd = h.establishedActive();
        h.inject(TcpFlags.RST, relSeq, 0, 0, 32767);
        return h.sockets.connection(fd).state();
    }

    /* close(2) of a connected socket sends the FIN (tcp_disconnect -> tcp_usrclosed), frees the descriptor. */
    @Test
    @DisplayName("close sends the FIN and frees the descriptor")
    void closeSendsFin() {
        SocketHost h = new SocketHost("14.2");
        int fd = h.establishedActive();
        assertEquals(0, h.sockets.close(fd).value());
        assertEquals(TcpFlags.FIN | ACK, h.last().flags());
        assertFalse(h.sockets.openSockets().stream().anyMatch(s -> s.fd() == fd));
        assertErr(Errno.EBADF, h.sockets.recv(fd, 1, false));
    }
}
