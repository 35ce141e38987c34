package dev.scn.engine.tcp;

import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.flow.Protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The BSD socket calls of one simulated FreeBSD host, on descriptors, answered as FreeBSD 14's
 * socket layer does (sys/kern/uipc_syscalls.c, uipc_socket.c, sys/netinet/tcp_usrreq.c). TCP
 * underneath is the host's {@link TcpStack}.
 *
 * <p>A call that would sleep on a blocking socket returns {@link SysResult#wouldBlock()}; the
 * caller lets simulated time pass and makes the same call again, which continues the sleeping
 * call. Non-blocking sockets (O_NONBLOCK) answer EAGAIN/EINPROGRESS/EALREADY instead.
 */
public final class BsdSockets {
    /** sys/sys/param.h MCLBYTES: so_snd.sb_lowat set by soreserve (uipc_sockbuf.c). */
    static final long SEND_LOWAT = 2048;

    private final TcpStack stack;
    private final TreeMap<Integer, SocketFile> files = new TreeMap<>();

    public BsdSockets(TcpStack stack) {
        this.stack = stack;
    }

    public TcpStack stack() {
        return stack;
    }

    SocketFile file(int fd) {
        return files.get(fd);
    }

    /** fdalloc: the lowest free descriptor; 0-2 are the process's stdin/stdout/stderr. */
    private int allocateFd(SocketFile s) {
        int fd = 3;
        while (files.containsKey(fd)) {
            fd++;
        }
        s.fd = fd;
        files.put(fd, s);
        return fd;
    }

    // ---- socket, bind, listen, accept, connect --------------------------------------------------

    /** socket(AF_INET, SOCK_STREAM, IPPROTO_TCP). */
    public SysResult socket() {
        return SysResult.ok(allocateFd(new SocketFile(stack)));
    }

    /**
     * bind(2). in_pcbbind (in_pcb.c): EINVAL when already bound; EADDRNOTAVAIL for an address the
     * host does not own; EADDRINUSE when the port is taken and SO_REUSEADDR/SO_REUSEPORT does not
     * allow sharing it (in_pcbbind_setup). Address 0 is INADDR_ANY.
     */
    public SysResult bind(int fd, int address, int port) {
        SocketFile s = files.get(fd);
        if (s == null) {
            return SysResult.error(Errno.EBADF);
        }
        if (s.boundPort != 0 || s.tp != null || s.listening) {
            return SysResult.error(Errno.EINVAL);
        }
        if (address != 0 && !stack.host().owns(address)) {
            return SysResult.error(Errno.EADDRNOTAVAIL);
        }
        if (port != 0 && portTaken(port) && !(s.reuseAddr || s.reusePort)) {
            return SysResult.error(Errno.EADDRINUSE);
        }
        s.boundAddress = address;
        s.boundPort = port != 0 ? port : 0;
        if (port != 0) {
            stack.boundClosed(port, () -> s.ipTos);
        }
        return SysResult.ok(0);
    }

    private boolean portTaken(int port) {
        for (SocketFile other : files.values()) {
            if (other.boundPort == port) {
                return true;
            }
        }
        return stack.localPortInUse(port);
    }

    /**
     * listen(2). solisten_proto (uipc_socket.c): a backlog outside [0, somaxconn] becomes
     * somaxconn; so_qlimit = backlog. tcp_usr_listen: EINVAL unless the socket is CLOSED or
     * LISTEN (e.g. connected); an unbound socket gets an ephemeral port (in_pcbbind).
     */
    public SysResult listen(int fd, int backlog) {
        SocketFile s = files.get(fd);
        if (s == null) {
            return SysResult.error(Errno.EBADF);
        }
        if (s.tp != null || s.connecting || s.connected || s.disconnected) {
            return SysResult.error(Errno.EINVAL);
        }
        long somaxconn = stack.host().sysctls().get(dev.scn.engine.os.Sysctl.KERN_IPC_SOMAXCONN);
        s.qlimit = backlog < 0 || backlog > somaxconn ? (int) somaxconn : backlog;
        if (s.listening) {
            return SysResult.ok(0);
        }
        if (s.boundPort == 0) {
            s.boundPort = stack.ephemeralPortForListen();
        }
        s.listening = true;
        stack.unboundClosed(s.boundPort);
        stack.listen(s.boundPort, new ListenQueue(stack, s));
        return SysResult.ok(0);
    }

    /**
     * sonewconn's admission and the per-connection socket: the new socket starts on sol_incomp
     * and moves to sol_comp when TCP reaches ESTABLISHED ({@link SocketFile#established}).
     * solisten_clone (uipc_socket.c, 14.x) refuses when sol_qlen > 3 * sol_qlimit / 2.
     */
    private record ListenQueue(TcpStack stack, SocketFile head) implements TcpStack.Admission {
        @Override
        public boolean admit() {
            int qlen = head.completed.size() + head.incomplete;
            return head.listening && qlen <= 3 * head.qlimit / 2;
        }

        @Override
        public boolean noOpt() {
            return head.noOpt;
        }

        @Override
        public int ipTos() {
            return head.ipTos;
        }

        @Override
        public int ipTtl() {
            return head.ipTtl;
        }

        @Override
        public TcpApplication forConnection(TcpSocket socket) {
            SocketFile child = new SocketFile(head);
            child.socket = socket;
            child.configure(socket.connection());
            // sonewconn copied the listener's buffers before syncache_socket's tcp_mss rounds them.
            TcpMss.roundBuffers(socket.connection(), socket.connection().bufferRoundingMss);
            socket.setAutoRead(false);
            head.incomplete++;
            return child;
        }
    }

    /**
     * accept(2). kern_accept4/solisten_dequeue (uipc_syscalls.c, uipc_socket.c): EINVAL unless
     * listening; so_error of the listener first; EWOULDBLOCK when the queue is empty and the
     * socket is non-blocking, else sleep. accept(2) passes ACCEPT4_INHERIT, so the new
     * descriptor inherits O_NONBLOCK from the listening one (unlike Linux).
     */
    public SysResult accept(int fd) {
        SocketFile s = files.get(fd);
        if (s == null) {
            return SysResult.error(Errno.EBADF);
        }
        if (!s.listening) {
            return SysResult.error(Errno.EINVAL);
        }
        if (s.soError != null) {
            Errno e = s.soError;
            s.soError = null;
            s.sleeping = SocketFile.Sleep.NONE;
            return SysResult.error(e);
        }
        SocketFile child = s.completed.poll();
        if (child == null) {
            if (s.nonBlocking) {
                return SysResult.error(Errno.EAGAIN);
            }
            s.sleeping = SocketFile.Sleep.ACCEPT;
            return SysResult.wouldBlock();
        }
        s.sleeping = SocketFile.Sleep.NONE;
        child.nonBlocking = s.nonBlocking;
        return SysResult.ok(allocateFd(child));
    }

    /**
     * connect(2). kern_connectat (uipc_syscalls.c): EALREADY for a non-blocking socket already
     * connecting; soconnect (uipc_socket.c): EOPNOTSUPP on a listening socket, EISCONN when
     * connected or connecting; tcp_usr_connect: ECONNREFUSED when the inpcb was dropped. A
     * non-blocking socket then answers EINPROGRESS; a blocking one sleeps until SS_ISCONNECTING
     * clears and returns so_error (cleared), e.g. ETIMEDOUT or ECONNREFUSED.
     */
    public SysResult connect(int fd, int address, int port) {
        SocketFile s = files.get(fd);
        if (s == null) {
            return SysResult.error(Errno.EBADF);
        }
        if (s.sleeping == SocketFile.Sleep.CONNECT) {
            return connectWait(s);
        }
        if (s.listening) {
            return SysResult.error(Errno.EOPNOTSUPP);
        }
        if (s.nonBlocking && s.connecting) {
            return SysResult.error(Errno.EALREADY);
        }
        if (s.connecting || s.connected) {
            return SysResult.error(Errno.EISCONN);
        }
        if (s.tp != null) {
            // The tcpcb of an earlier attempt was dropped (INP_DROPPED): tcp_usr_connect refuses.
            return SysResult.error(Errno.ECONNREFUSED);
        }
        int local = s.boundAddress != 0 ? s.boundAddress : stack.host().primaryAddress();
        if (s.boundPort != 0 && stack.flowInUse(FlowKey.of(Protocol.TCP, local, s.boundPort, address, port))) {
            // in_pcbconnect_setup: the 4-tuple exists already.
            return SysResult.error(Errno.EADDRINUSE);
        }
        s.soError = null;
        s.connecting = true;
        if (s.boundPort != 0) {
            stack.unboundClosed(s.boundPort);
        }
        TcpSocket socket = stack.connect(null, local, s.boundPort, address, port, s, s::configure);
        if (socket == null) {
            s.connecting = false;
            return SysResult.error(Errno.EADDRNOTAVAIL);
        }
        s.socket = socket;
        socket.setAutoRead(false);
        s.boundPort = socket.connection().localPort();
        if (s.nonBlocking) {
            return s.connecting ? SysResult.error(Errno.EINPROGRESS) : connectResult(s);
        }
        s.sleeping = SocketFile.Sleep.CONNECT;
        return connectWait(s);
    }

    private SysResult connectWait(SocketFile s) {
        if (s.connecting && s.soError == null) {
            return SysResult.wouldBlock();
        }
        s.sleeping = SocketFile.Sleep.NONE;
        return connectResult(s);
    }

    /** kern_connectat after the sleep: "error = so->so_error; so->so_error = 0". */
    private static SysResult connectResult(SocketFile s) {
        Errno e = s.soError;
        s.soError = null;
        return e == null ? SysResult.ok(0) : SysResult.error(e);
    }

    // ---- data ---------------------------------------------------------------------------------

    /** recv(2)/read(2); see {@link SocketIo#recv}. */
    public SysResult recv(int fd, long len, boolean peek) {
        SocketFile s = files.get(fd);
        return s == null ? SysResult.error(Errno.EBADF) : SocketIo.recv(s, len, peek);
    }

    public SysResult read(int fd, long len) {
        return recv(fd, len, false);
    }

    /** send(2)/write(2) of {@code len} bytes; see {@link SocketIo#send}. */
    public SysResult send(int fd, long len) {
        SocketFile s = files.get(fd);
        return s == null ? SysResult.error(Errno.EBADF) : SocketIo.send(s, len);
    }

    public SysResult write(int fd, long len) {
        return send(fd, len);
    }

    /** shutdown(2) with SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2); see {@link SocketIo#shutdown}. */
    public SysResult shutdown(int fd, int how) {
        SocketFile s = files.get(fd);
        return s == null ? SysResult.error(Errno.EBADF) : SocketIo.shutdown(s, how);
    }

    /**
     * close(2): soclose (uipc_socket.c). A listening socket aborts the connections on its queues
     * (soabort -> tcp_usr_abort -> tcp_drop, an RST each); a connection goes through
     * tcp_usr_close/tcp_disconnect: before ESTABLISHED tcp_close (nothing sent), with SO_LINGER
     * {1, 0} tcp_drop (RST), else the receive buffer is flushed and tcp_usrclosed sends the FIN.
     */
    public SysResult close(int fd) {
        SocketFile s = files.remove(fd);
        if (s == null) {
            return SysResult.error(Errno.EBADF);
        }
        if (!s.listening && s.tp == null && s.boundPort != 0) {
            stack.unboundClosed(s.boundPort);
        }
        if (s.listening) {
            s.listening = false;
            stack.unlisten(s.boundPort);
            for (SocketFile child : s.completed) {
                if (child.socket != null && child.attached()) {
                    child.socket.abort();
                }
            }
            s.completed.clear();
            return SysResult.ok(0);
        }
        if (s.socket != null && s.attached()) {
            if (s.lingerOn && s.lingerSeconds == 0 && s.tp.state().haveEstablished()) {
                s.socket.abort();
            } else {
                s.socket.close();
            }
        }
        return SysResult.ok(0);
    }

    // ---- fcntl, options ---------------------------------------------------------------------------

    /** fcntl(F_GETFL): O_RDWR, plus O_NONBLOCK when set. */
    public SysResult fcntlGetFl(int fd) {
        SocketFile s = files.get(fd);
        if (s == null) {
            return SysResult.error(Errno.EBADF);
        }
        return SysResult.ok(SockOpt.O_RDWR | (s.nonBlocking ? SockOpt.O_NONBLOCK : 0));
    }

    /** fcntl(F_SETFL): only O_NONBLOCK (and O_APPEND/O_ASYNC/O_DIRECT, not modelled) can change. */
    public SysResult fcntlSetFl(int fd, long flags) {
        SocketFile s = files.get(fd);
        if (s == null) {
            return SysResult.error(Errno.EBADF);
        }
        s.nonBlocking = (flags & SockOpt.O_NONBLOCK) != 0;
        return SysResult.ok(0);
    }

    /** getsockopt(2) of an integer option; see {@link SocketOptions#get}. */
    public SysResult getsockopt(int fd, int level, int name) {
        SocketFile s = files.get(fd);
        return s == null ? SysResult.error(Errno.EBADF) : SocketOptions.get(stack, s, level, name);
    }

    /** setsockopt(2) of an integer option; see {@link SocketOptions#set}. */
    public SysResult setsockopt(int fd, int level, int name, long value) {
        SocketFile s = files.get(fd);
        return s == null ? SysResult.error(Errno.EBADF) : SocketOptions.set(stack, s, level, name, value);
    }

    /** setsockopt(SOL_SOCKET, SO_LINGER, {onoff, linger}). */
    public SysResult setLinger(int fd, boolean on, int seconds) {
        SocketFile s = files.get(fd);
        if (s == null) {
            return SysResult.error(Errno.EBADF);
        }
        s.lingerOn = on;
        s.lingerSeconds = seconds;
        return SysResult.ok(0);
    }

    /** getsockopt(SOL_SOCKET, SO_LINGER): {l_onoff, l_linger}, or null for a bad descriptor. */
    public int[] linger(int fd) {
        SocketFile s = files.get(fd);
        return s == null ? null : new int[] {s.lingerOn ? SockOpt.SO_LINGER : 0, s.lingerSeconds};
    }

    /**
     * getsockopt(IPPROTO_TCP, TCP_INFO): tcp_fill_info (tcp_usrreq.c). ECONNRESET once the
     * connection was dropped (tcp_ctloutput's INP_DROPPED check); a socket that never connected
     * reports CLOSED.
     */
    public TcpInfo tcpInfo(int fd) {
        SocketFile s = files.get(fd);
        return s == null ? null : SocketOptions.info(stack, s);
    }

    // ---- what the runner observes -----------------------------------------------------------------

    /** One open descriptor as sockstat(1) lists it for the process. */
    public record OpenSocket(int fd, int localAddress, int localPort, int foreignAddress, int foreignPort,
                             TcpState state) {
    }

    /** The process's sockets in descriptor order (sockstat -s shows each with its TCP state). */
    public List<OpenSocket> openSockets() {
        List<OpenSocket> out = new ArrayList<>();
        for (SocketFile s : files.values()) {
            TcpConnection c = s.tp;
            if (c == null) {
                out.add(new OpenSocket(s.fd, s.boundAddress, s.boundPort, 0, 0, s.tcpState()));
            } else {
                out.add(new OpenSocket(s.fd, c.localAddress(), c.localPort(), c.foreignAddress(), c.foreignPort(),
                        s.tcpState()));
            }
        }
        return out;
    }

    /** The connection behind a descriptor, or null (never connected, listening, or bad fd). */
    public TcpConnection connection(int fd) {
        SocketFile s = files.get(fd);
        return s == null ? null : s.tp;
    }

    /** True when a blocking call on this descriptor is asleep and its retry would still sleep. */
    public boolean blocked(int fd) {
        SocketFile s = files.get(fd);
        return s != null && s.sleeping != SocketFile.Sleep.NONE;
    }
}
