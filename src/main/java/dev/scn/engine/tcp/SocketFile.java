package dev.scn.engine.tcp;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One socket behind a descriptor (struct socket plus the file's flags): what the socket layer
 * knows that TCP does not, i.e. so_state, so_error, so_options, the listen queue and a call
 * asleep in the kernel. Options set before connect(2) are kept here and copied to the
 * connection when it is created, as the inpcb/tcpcb carry them from socket(2) on in FreeBSD.
 */
final class SocketFile implements TcpApplication {
    /** The call a blocking socket is asleep in, retried by the caller after time passed. */
    enum Sleep { NONE, CONNECT, ACCEPT, RECV, SEND }

    int fd = -1;
    boolean nonBlocking;
    int boundAddress;
    int boundPort;

    // so_state (sys/socketvar.h SS_*).
    boolean connecting;
    boolean connected;
    boolean disconnecting;
    boolean disconnected;
    /** sbflush/socantsendmore/socantrcvmore as seen from the socket layer. */
    boolean cantSendMore;
    boolean cantRcvMore;
    /** so_error: set by tcp_drop/tcp_close paths, returned and cleared by the next call or SO_ERROR. */
    Errno soError;

    // so_options / socket-level settings.
    boolean reuseAddr;
    boolean reusePort;
    boolean keepAlive;
    boolean lingerOn;
    int lingerSeconds;
    long rcvHiwat;
    long sndHiwat;

    // inpcb/tcpcb settings before a connection exists (copied at connect and to accepted sockets).
    int ipTos;
    int ipTtl = -1;
    boolean noDelay;
    boolean noOpt;
    long keepIdleMs;
    long keepIntvlMs;
    long keepInitMs;
    int keepCnt;

    // Listening.
    boolean listening;
    int qlimit;
    /** sol_comp: connections whose handshake completed, waiting for accept(2). */
    final Deque<SocketFile> completed = new ArrayDeque<>();
    /** sol_incomp: connections created by the syncache, not yet ESTABLISHED. */
    int incomplete;
    SocketFile listenHead;

    TcpSocket socket;
    TcpConnection tp;

    Sleep sleeping = Sleep.NONE;
    long sendRemaining;
    long sendTotal;

    SocketFile(TcpStack stack) {
        // tcp_usr_attach: soreserve(so, V_tcp_sendspace, V_tcp_recvspace).
        this.rcvHiwat = stack.receiveSpace();
        this.sndHiwat = stack.sendSpace();
    }

    /** The accepted socket inherits the listener's options (sonewconn / solisten_clone). */
    SocketFile(SocketFile head) {
        this.nonBlocking = head.nonBlocking;
        this.reuseAddr = head.reuseAddr;
        this.reusePort = head.reusePort;
        this.keepAlive = head.keepAlive;
        this.lingerOn = head.lingerOn;
        this.lingerSeconds = head.lingerSeconds;
        this.rcvHiwat = head.rcvHiwat;
        this.sndHiwat = head.sndHiwat;
        this.ipTos = head.ipTos;
        this.ipTtl = head.ipTtl;
        this.noDelay = head.noDelay;
        this.noOpt = head.noOpt;
        this.keepIdleMs = head.keepIdleMs;
        this.keepIntvlMs = head.keepIntvlMs;
        this.keepInitMs = head.keepInitMs;
        this.keepCnt = head.keepCnt;
        this.listenHead = head;
    }

    /** Copies what TCP needs onto a new connection (before its first segment is built). */
    void configure(TcpConnection c) {
        this.tp = c;
        c.rcvHiwat = rcvHiwat;
        c.sndHiwat = sndHiwat;
        c.ipTos = ipTos;
        c.ipTtl = ipTtl;
        c.noDelay = noDelay;
        // TF_NOOPT lives with the other option flags of the tcpcb (tcp_usrreq.c tcp_default_ctloutput).
        c.opts.noOpt = noOpt;
        c.keepIdleSetMs = keepIdleMs;
        c.keepIntvlSetMs = keepIntvlMs;
        c.keepInitSetMs = keepInitMs;
        c.keepCntSet = keepCnt;
        c.keepAliveOption = keepAlive;
    }

    /** The connection's state, or CLOSED when there is none (never connected, or freed). */
    TcpState tcpState() {
        if (listening) {
            return TcpState.LISTEN;
        }
        return tp == null ? TcpState.CLOSED : tp.state();
    }

    /** True while the tcpcb is attached and not CLOSED (the inpcb is not INP_DROPPED). */
    boolean attached() {
        return tp != null && tp.state() != TcpState.CLOSED;
    }

    // ---- upcalls from TCP (TcpApplication) -----------------------------------------------------

    @Override
    public void established(TcpSocket s) {
        // soisconnected: SS_ISCONNECTING off, SS_ISCONNECTED on; a socket on a listen queue moves
        // from sol_incomp to sol_comp where accept(2) finds it.
        connecting = false;
        connected = true;
        if (listenHead != null && fd < 0) {
            listenHead.incomplete--;
            listenHead.completed.add(this);
        }
    }

    @Override
    public void terminated(TcpSocket s, CloseReason reason) {
        // tcp_drop(tp, errno) sets so_error; tcp_close then soisdisconnected (sys/netinet/tcp_subr.c).
        switch (reason) {
            case RESET -> soError = Errno.ECONNRESET;
            case REFUSED -> soError = Errno.ECONNREFUSED;
            case TIMED_OUT -> soError = Errno.ETIMEDOUT;
            // tcp_usr_abort and sysctl_drop (tcpdrop): tcp_drop(tp, ECONNABORTED).
            case ABORTED -> soError = Errno.ECONNABORTED;
            case CLOSED -> {
            }
        }
        if (listenHead != null && fd < 0 && !connected) {
            listenHead.incomplete--;
        }
        connecting = false;
        connected = false;
        disconnecting = false;
        disconnected = true;
        cantRcvMore = true;
        cantSendMore = true;
    }
}
