package dev.scn.engine.tcp;

/**
 * recv, send and shutdown on a socket, as FreeBSD 14's soreceive_generic, sosend_generic and
 * soshutdown (sys/kern/uipc_socket.c) and tcp_usr_shutdown (sys/netinet/tcp_usrreq.c) answer.
 * Payload is modelled by its length only.
 */
final class SocketIo {
    private SocketIo() {
    }

    /**
     * soreceive_generic for a stream socket: with bytes buffered they are returned (at most
     * len; MSG_PEEK leaves them). With none: a pending so_error is returned (and cleared unless
     * MSG_PEEK); then end of stream (SBS_CANTRCVMORE) reads 0; ENOTCONN when the socket never
     * connected; EWOULDBLOCK on a non-blocking socket; else the call sleeps. Taking bytes calls
     * tcp_usr_rcvd, whose tcp_output may send a window update.
     */
    static SysResult recv(SocketFile s, long len, boolean peek) {
        if (s.listening) {
            // soreceive on a listening socket: the so_rcv buffer is gone (solisten_proto); the
            // connection-required check answers ENOTCONN (UNVERIFIED for 14: not read).
            return SysResult.error(Errno.ENOTCONN);
        }
        TcpConnection c = s.tp;
        long available = c == null ? 0 : c.receiveBuffered();
        if (available > 0) {
            s.sleeping = SocketFile.Sleep.NONE;
            long n = Math.min(len, available);
            if (!peek && n > 0) {
                s.socket.read(n);
            }
            return SysResult.ok(n);
        }
        if (s.soError != null) {
            s.sleeping = SocketFile.Sleep.NONE;
            Errno e = s.soError;
            if (!peek) {
                s.soError = null;
            }
            return SysResult.error(e);
        }
        if (s.cantRcvMore || (c != null && c.cantRcvMore)) {
            s.sleeping = SocketFile.Sleep.NONE;
            return SysResult.ok(0);
        }
        if (!(s.connecting || s.connected || s.disconnecting || s.disconnected)) {
            return SysResult.error(Errno.ENOTCONN);
        }
        if (len == 0) {
            return SysResult.ok(0);
        }
        if (s.nonBlocking) {
            return SysResult.error(Errno.EAGAIN);
        }
        s.sleeping = SocketFile.Sleep.RECV;
        return SysResult.wouldBlock();
    }

    /**
     * sosend_generic: EPIPE once the send side is shut (SBS_CANTSENDMORE, also after the
     * connection was reset or closed: soisdisconnected sets it, so EPIPE comes before so_error);
     * then so_error (cleared); ENOTCONN unless connected; then the bytes go in as sbspace
     * allows: a non-blocking socket takes what fits when at least sb_lowat (MCLBYTES) is free,
     * else EWOULDBLOCK; a blocking one sleeps until all are in. Returns the bytes taken.
     */
    static SysResult send(SocketFile s, long len) {
        if (s.sleeping == SocketFile.Sleep.SEND) {
            return sendWait(s);
        }
        TcpConnection c = s.tp;
        if (s.cantSendMore || (c != null && c.cantSendMore)) {
            return SysResult.error(Errno.EPIPE);
        }
        if (s.soError != null) {
            Errno e = s.soError;
            s.soError = null;
            return SysResult.error(e);
        }
        if (!s.connected || c == null) {
            return SysResult.error(Errno.ENOTCONN);
        }
        long space = Math.max(0, c.sndHiwat - c.sendBuffered() - s.socket.pendingWrite());
        if (s.nonBlocking) {
            if (space < len && space < BsdSockets.SEND_LOWAT) {
                return SysResult.error(Errno.EAGAIN);
            }
            long n = Math.min(space, len);
            s.socket.write(n);
            return SysResult.ok(n);
        }
        s.socket.write(len);
        s.sendTotal = len;
        s.sleeping = SocketFile.Sleep.SEND;
        return sendWait(s);
    }

    /** A blocking send returns when the process's bytes are all in the send buffer. */
    private static SysResult sendWait(SocketFile s) {
        if (s.socket.pendingWrite() > 0 && s.attached()) {
            return SysResult.wouldBlock();
        }
        s.sleeping = SocketFile.Sleep.NONE;
        long taken = s.sendTotal - s.socket.pendingWrite();
        if (taken == 0 && !s.attached()) {
            return SysResult.error(Errno.EPIPE);
        }
        return SysResult.ok(taken);
    }

    /**
     * soshutdown: ENOTCONN unless connected, connecting or disconnecting (a listening socket
     * is allowed). tcp_usr_shutdown: SHUT_RD flushes and shuts the receive side (sorflush);
     * SHUT_WR and SHUT_RDWR answer ECONNRESET when the inpcb was dropped, else socantsendmore
     * and tcp_usrclosed: the FIN follows the data.
     */
    static SysResult shutdown(SocketFile s, int how) {
        if (how < SockOpt.SHUT_RD || how > SockOpt.SHUT_RDWR) {
            return SysResult.error(Errno.EINVAL);
        }
        if (s.listening) {
            return SysResult.ok(0);
        }
        if (!(s.connected || s.connecting || s.disconnecting) || isDisconnected(s)) {
            return SysResult.error(Errno.ENOTCONN);
        }
        TcpConnection c = s.tp;
        if (how == SockOpt.SHUT_RD || how == SockOpt.SHUT_RDWR) {
            s.cantRcvMore = true;
            c.cantRcvMore = true;
            c.receiveBuffered = 0;
        }
        if (how == SockOpt.SHUT_WR || how == SockOpt.SHUT_RDWR) {
            if (!s.attached()) {
                return SysResult.error(Errno.ECONNRESET);
            }
            s.cantSendMore = true;
            s.disconnecting = true;
            s.socket.shutdownOutput();
        }
        return SysResult.ok(0);
    }

    /**
     * soisdisconnected has run: the connection is gone, or in TIME_WAIT (tcp_twstart), or in
     * FIN_WAIT_2 with the receive side shut (tcp_input's FIN_WAIT_1 case).
     */
    static boolean isDisconnected(SocketFile s) {
        if (s.disconnected) {
            return true;
        }
        TcpConnection c = s.tp;
        if (c == null) {
            return false;
        }
        TcpState st = c.state();
        return st == TcpState.CLOSED || st == TcpState.TIME_WAIT
                || (st == TcpState.FIN_WAIT_2 && c.cantRcvMore);
    }
}
