package dev.scn.engine.tcp;

import dev.scn.engine.kernel.Event;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.net.Host;
import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.flow.Protocol;
import dev.scn.engine.trace.CausalTrace;
import dev.scn.engine.trace.TraceKind;
import dev.scn.fact.Fact;
import dev.scn.fact.TcpTimer;

/**
 * One TCP connection: FreeBSD's inpcb + tcpcb, with the socket-side calls that drive it.
 *
 * <p>Sequence variables carry the kernel's names (snd_una, rcv_nxt, last_ack_sent ...) so the
 * code reads against tcp_input.c and tcp_output.c. Segment processing lives in
 * {@link TcpInput}, segment building in {@link TcpOutput}; this class owns the state, the
 * buffers and the five per-connection timers.
 */
public final class TcpConnection extends TimeWaitEntry {
    final TcpStack stack;
    final Host host;
    final Simulator simulator;
    final int localAddress;
    final int localPort;
    final int foreignAddress;
    final int foreignPort;
    final FlowKey flow;
    private final long createdAt;
    /** Position in the host's pcb list (netstat order). */
    long order;

    TcpState state = TcpState.CLOSED;
    TcpSocket socket;

    // Send sequence space (tcp_var.h).
    int iss;
    int sndUna;
    int sndNxt;
    int sndMax;
    int sndWnd;
    int sndWl1;
    int sndWl2;
    int maxSndWnd;
    /** Sequence number just past the last byte the application put into the send buffer. */
    int sndBufferEnd;
    boolean finQueued;
    boolean finSent;

    // Receive sequence space.
    int irs;
    int rcvNxt;
    int rcvAdv;
    int lastAckSent;
    long receiveBuffered;
    final Reassembly reassembly = new Reassembly();
    /** sackblks[] / rcv_numsacks: the SACK report this end sends (tcp_sack.c). */
    final SackBlocks sackBlocks = new SackBlocks();

    // Congestion control and retransmission.
    int maxseg = 512;
    /** The segment size tcp_mss rounds the socket buffers by (see TcpMss.negotiate). */
    int bufferRoundingMss = 512;
    long cwnd = (long) TcpConstants.MAXWIN << 14;
    long ssthresh = (long) TcpConstants.MAXWIN << 14;
    int dupAcks;
    boolean inFastRecovery;
    int recover;
    int rxtShift;
    long rxtCurMs;
    long srtt;
    long rttvar;
    long rttMinMs;
    long rttStartMs;
    int rttSeq;
    boolean timing;
    boolean forceOne;

    /** The option flags and values of the tcpcb (TF_REQ_SCALE, TF_RCVD_TSTMP, ts_recent ...). */
    TcpOptionState opts = new TcpOptionState();

    // Flags of tcpcb t_flags that matter here.
    boolean ackNow;
    boolean delayedAckPending;
    /** TF2_ECN_PERMIT: ECN was negotiated, new data goes out ECT(0) (tcp_ecn.c, {@link TcpEcn}). */
    boolean ecnPermit;
    /** TF2_ECN_SND_ECE: the next segment echoes ECE (the SYN-ACK of an ECN simultaneous open). */
    boolean ecnSendEce;
    /** TF_RXWIN0SENT: the last segment sent advertised a zero window (its ACK is never delayed then). */
    boolean rxWin0Sent;

    // Socket state.
    boolean cantRcvMore;
    boolean cantSendMore;
    boolean noFdRef;

    // Per-socket settings (setsockopt). A keepalive value of 0 means "the sysctl, read at use", as
    // tcp_timer.h's TP_KEEPIDLE/TP_KEEPINTVL/TP_KEEPINIT/TP_KEEPCNT macros do (FreeBSD 14).
    long keepIdleSetMs;
    long keepIntvlSetMs;
    long keepInitSetMs;
    int keepCntSet;
    /** so_rcv.sb_hiwat / so_snd.sb_hiwat: reserved at socket creation (tcp_usr_attach soreserve). */
    long rcvHiwat;
    long sndHiwat;
    /** IP_TOS and IP_TTL of the inpcb (-1: net.inet.ip.ttl). */
    int ipTos;
    int ipTtl = -1;
    boolean noDelay;
    /** SO_KEEPALIVE on the socket: keepalive probes even with net.inet.tcp.always_keepalive=0. */
    boolean keepAliveOption;

    /** t_rcvtime: when the last segment for this connection arrived (microseconds). */
    long lastReceived;

    /**
     * The timers by {@link TimerKind}, each made the first time it is asked for: a connection the
     * fast way replays only ever arms 2MSL, and a busy server makes millions of them.
     */
    private final Timer[] timers = new Timer[TIMER_KINDS.length];

    /** The timer of this kind, made now if it never was. */
    Timer timer(TimerKind kind) {
        Timer timer = timers[kind.ordinal()];
        if (timer == null) {
            timer = new Timer(kind);
            timers[kind.ordinal()] = timer;
        }
        return timer;
    }

    /**
     * Whether the timer of this kind is armed (one never made is not: asking does not make it).
     * 2MSL in TIME_WAIT on 5.x-13.x is the connection's place in the TIME_WAIT list.
     */
    boolean armed(TimerKind kind) {
        if (kind == TimerKind.TWO_MSL && twEnd >= 0) {
            return true;
        }
        Timer timer = timers[kind.ordinal()];
        return timer != null && timer.isScheduled();
    }

    /** Stops the timer of this kind if it is armed. */
    void disarm(TimerKind kind) {
        if (kind == TimerKind.TWO_MSL) {
            leaveTimeWaitList();
        }
        Timer timer = timers[kind.ordinal()];
        if (timer != null) {
            simulator.cancel(timer);
        }
    }

    /** When the timer fires, or -1 when it is not armed (or was never made). */
    private long firesAt(TimerKind kind) {
        if (kind == TimerKind.TWO_MSL && twEnd >= 0) {
            return stack.timeWait.closesAt(this);
        }
        return armed(kind) ? timers[kind.ordinal()].time() : -1;
    }

    private void leaveTimeWaitList() {
        if (twEnd >= 0) {
            stack.timeWait.remove(this);
        }
    }

    TcpConnection(TcpStack stack, int localAddress, int localPort, int foreignAddress, int foreignPort) {
        this(stack, localAddress, localPort, foreignAddress, foreignPort, stack.simulator.now());
    }

    /** A pcb made at {@code createdAt}: now, or when the fast way's stand-in for it was (ReplayedTimeWait). */
    TcpConnection(TcpStack stack, int localAddress, int localPort, int foreignAddress, int foreignPort, long createdAt) {
        this.stack = stack;
        this.host = stack.host();
        this.simulator = host.simulator();
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.foreignAddress = foreignAddress;
        this.foreignPort = foreignPort;
        this.flow = FlowKey.of(Protocol.TCP, localAddress, localPort, foreignAddress, foreignPort);
        this.createdAt = createdAt;
        this.lastReceived = simulator.now();
        this.rttMinMs = stack.rexmitMinMs();
        // tcp_newtcpcb: t_rxtcur = TCPTV_RTOBASE, t_rttvar = (RTOBASE - SRTTBASE) << RTTVAR_SHIFT / 4.
        this.rxtCurMs = stack.rtoBaseMs();
        this.rttvar = (stack.rtoBaseMs() << TcpConstants.RTTVAR_SHIFT) / 4;
        // tcp_usr_attach: soreserve(so, V_tcp_sendspace, V_tcp_recvspace) when the socket is made.
        this.rcvHiwat = stack.receiveSpace();
        this.sndHiwat = stack.sendSpace();
    }

    // ---- per-connection tunables (tcp_timer.h TP_KEEP* macros) ------------------------------

    long keepIdleMs() {
        return keepIdleSetMs != 0 ? keepIdleSetMs : stack.keepIdleMs();
    }

    long keepIntvlMs() {
        return keepIntvlSetMs != 0 ? keepIntvlSetMs : stack.keepIntvlMs();
    }

    long keepInitMs() {
        return keepInitSetMs != 0 ? keepInitSetMs : stack.keepInitMs();
    }

    long keepCnt() {
        return keepCntSet != 0 ? keepCntSet : stack.keepCnt();
    }

    /** tcp_maxidle for this connection: TP_KEEPCNT x TP_KEEPINTVL (tcp_timer.c tcp_timer_keep). */
    long maxIdleMs() {
        return keepCnt() * keepIntvlMs();
    }

    /** The TTL outgoing segments carry: IP_TTL if set, else net.inet.ip.ttl. */
    int ttl() {
        return ipTtl >= 0 ? ipTtl : (int) stack.defaultTtl();
    }

    /** tcp_fill_info's tcpi_options (see {@link TcpOptionState#tcpiOptions}). */
    int tcpiOptions() {
        return opts.tcpiOptions();
    }

    /** tcp_fill_info: tcpi_snd_wscale and tcpi_rcv_wscale, set only with TCPI_OPT_WSCALE. */
    int tcpiSndWscale() {
        return (opts.tcpiOptions() & TcpOptionState.TCPI_OPT_WSCALE) != 0 ? opts.sndScale : 0;
    }

    int tcpiRcvWscale() {
        return (opts.tcpiOptions() & TcpOptionState.TCPI_OPT_WSCALE) != 0 ? opts.rcvScale : 0;
    }

    /**
     * tcp_input's rcv_wnd: "Receive window is amount of space in rcv queue, but not less than
     * advertised window": max(sbspace(so_rcv), rcv_adv - rcv_nxt). Unlike the window tcp_output
     * advertises it is neither clipped to TCP_MAXWIN nor closed by the silly-window rule, so a
     * 65700-byte buffer accepts an RST or data up to rcv_nxt + 65700.
     */
    int rcvWnd() {
        long space = Math.max(0, rcvHiwat - receiveBuffered);
        return (int) Math.max(space, rcvAdv - rcvNxt);
    }

    /** so_rcv.sb_hiwat. */
    public long receiveBufferSize() {
        return rcvHiwat;
    }

    /** so_snd.sb_hiwat. */
    public long sendBufferSize() {
        return sndHiwat;
    }

    // ---- what observers read -------------------------------------------------------------

    public TcpState state() {
        return state;
    }

    public int localAddress() {
        return localAddress;
    }

    public int localPort() {
        return localPort;
    }

    public int foreignAddress() {
        return foreignAddress;
    }

    public int foreignPort() {
        return foreignPort;
    }

    public FlowKey flow() {
        return flow;
    }

    public long createdAt() {
        return createdAt;
    }

    public long lastReceived() {
        return lastReceived;
    }

    public int sndUna() {
        return sndUna;
    }

    public int sndNxt() {
        return sndNxt;
    }

    public int sndMax() {
        return sndMax;
    }

    public int rcvNxt() {
        return rcvNxt;
    }

    public int iss() {
        return iss;
    }

    public int irs() {
        return irs;
    }

    public int maxseg() {
        return maxseg;
    }

    public long cwnd() {
        return cwnd;
    }

    /** Recv-Q as netstat prints it: so_rcv.sb_cc. */
    public long receiveBuffered() {
        return receiveBuffered;
    }

    /** Send-Q as netstat prints it: so_snd.sb_cc, data not yet acknowledged. */
    public long sendBuffered() {
        int start = state.haveEstablished() || Seq.gt(sndUna, iss) ? sndUna : iss + 1;
        long bytes = sndBufferEnd - start;
        return Math.max(0, bytes);
    }

    /**
     * The SACK blocks the next segment may carry (tp->sackblks[0 .. rcv_numsacks)): the D-SACK
     * block first when there is one, then the others most recent first, as tcp_sack.c orders
     * them; up to MAX_SACK_BLKS = 6 stored, of which tcp_addoptions (TcpOptionWriter) puts in as
     * many as fit: 4 without timestamps, 3 after NOP,NOP,TS. Empty unless SACK was negotiated
     * (TF_SACK_PERMIT).
     */
    public java.util.List<dev.scn.engine.net.TcpOption.SackBlock> sackBlocksToSend() {
        if (!opts.sackPermit || sackBlocks.count() == 0) {
            return java.util.List.of();
        }
        java.util.List<dev.scn.engine.net.TcpOption.SackBlock> out = new java.util.ArrayList<>();
        for (int[] b : sackBlocks.blocks()) {
            out.add(new dev.scn.engine.net.TcpOption.SackBlock(b[0], b[1]));
        }
        return out;
    }

    /** The out-of-order ranges held in the reassembly queue, lowest first, as {start, end}. */
    public java.util.List<int[]> reassemblyRanges() {
        return reassembly.ranges();
    }

    /** TF_SACK_PERMIT: both SYNs carried SACK-permitted and net.inet.tcp.sack.enable was on. */
    public boolean sackPermitted() {
        return opts.sackPermit;
    }

    /**
     * so_rcv.sb_hiwat: the receive buffer the advertised window is computed from. The socket's
     * own size when the socket layer sets one; net.inet.tcp.recvspace otherwise.
     */
    public boolean socketClosed() {
        return noFdRef;
    }

    /** When the 2MSL / FIN_WAIT_2 timer will fire next, or -1. */
    public long twoMslDeadline() {
        return firesAt(TimerKind.TWO_MSL);
    }

    public long retransmitDeadline() {
        return firesAt(TimerKind.REXMT);
    }

    public long keepDeadline() {
        return firesAt(TimerKind.KEEP);
    }

    public TcpSocket socket() {
        return socket;
    }

    public Simulator simulator() {
        return simulator;
    }

    public String hostName() {
        return host.name();
    }

    @Override
    public String toString() {
        return Ipv4.format(localAddress) + "." + localPort + " <-> " + Ipv4.format(foreignAddress) + "." + foreignPort
                + " " + state.netstatName();
    }

    // ---- state changes -------------------------------------------------------------------

    void setState(TcpState next, String why) {
        TcpState previous = state;
        state = next;
        stack.stateChanged(this, previous, next);
        CausalTrace trace = simulator.trace();
        if (trace.detailed(flow)) {
            trace.recordAndFollow(TraceKind.TCP_STATE, host.name(), flow,
                    new Fact.StateChange(previous.netstatName(), next.netstatName(), why));
        } else {
            trace.count(TraceKind.TCP_STATE);
        }
    }

    /** Records a timer fact (armed or fired) and makes it the cause of what the timer does next. */
    void traceTimer(TraceKind kind, java.util.function.Supplier<Fact> fact) {
        CausalTrace trace = simulator.trace();
        if (trace.detailed(flow)) {
            trace.recordAndFollow(kind, host.name(), flow, fact.get());
        } else {
            trace.count(kind);
        }
    }

    /** tcp_close: the pcb is freed; the application learns why. */
    void close(TcpApplication.CloseReason reason, String why) {
        if (state != TcpState.CLOSED) {
            setState(TcpState.CLOSED, why);
        }
        cancelAllTimers();
        stack.remove(this);
        if (socket != null) {
            socket.application().terminated(socket, reason);
        }
    }

    /** The state vanished without a trace on the wire ({@code forget}, crash). */
    void discardSilently() {
        cancelAllTimers();
        state = TcpState.CLOSED;
    }

    void cancelAllTimers() {
        leaveTimeWaitList();
        for (Timer timer : timers) {
            if (timer != null) {
                simulator.cancel(timer);
            }
        }
    }

    // ---- socket calls ----------------------------------------------------------------------

    /** Moves what the blocking writer still holds into the send buffer, up to sb_hiwat. */
    void fillSendBuffer() {
        if (socket == null || cantSendMore) {
            return;
        }
        long room = sndHiwat - sendBuffered();
        long moved = Math.min(room, socket.pendingWrite());
        if (moved > 0) {
            sndBufferEnd += (int) moved;
            socket.consumePending(moved);
            if (state.haveEstablished()) {
                TcpOutput.output(this);
            }
        }
        if (socket.pendingWrite() == 0) {
            if (moved > 0) {
                socket.application().writeCompleted(socket);
            }
            if (socket.closeRequested() && !noFdRef) {
                closeByApplication();
            }
        }
    }

    long readFromBuffer(long max) {
        long taken = Math.min(max, receiveBuffered);
        receiveBuffered -= taken;
        if (taken > 0 && state.haveEstablished()) {
            // tcp_usr_rcvd: a read may open the window enough for tcp_output to send an update.
            TcpOutput.output(this);
        }
        return taken;
    }

    void shutdownOutput() {
        if (cantSendMore) {
            return;
        }
        cantSendMore = true;
        usrClosed("shutdown(SHUT_WR)");
    }

    /** close(2) without linger-0: tcp_usr_disconnect -> soisdisconnecting, sbflush(rcv), tcp_usrclosed. */
    void closeByApplication() {
        if (noFdRef) {
            return;
        }
        noFdRef = true;
        cantRcvMore = true;
        receiveBuffered = 0;
        if (state == TcpState.SYN_SENT || state == TcpState.LISTEN || state == TcpState.CLOSED) {
            close(TcpApplication.CloseReason.CLOSED, "close() before established");
            return;
        }
        boolean alreadyShut = cantSendMore;
        cantSendMore = true;
        if (alreadyShut && state == TcpState.FIN_WAIT_2) {
            // tcp_usrclosed on a socket already in FIN_WAIT_2: soisdisconnected and the 2MSL timer
            // is armed now, with maxidle (or finwait2_timeout with fast recycle, 7.0+) (model §5).
            armFinWait2Timer("close() in FIN_WAIT_2");
            return;
        }
        usrClosed("close()");
    }

    /** tcp_usrclosed: the state change of an active or passive close, then tcp_output sends the FIN. */
    private void usrClosed(String why) {
        switch (state) {
            case SYN_RECEIVED, ESTABLISHED -> {
                finQueued = true;
                setState(TcpState.FIN_WAIT_1, why);
            }
            case CLOSE_WAIT -> {
                finQueued = true;
                setState(TcpState.LAST_ACK, why);
            }
            case CLOSED, LISTEN, SYN_SENT, FIN_WAIT_1, CLOSING, LAST_ACK, FIN_WAIT_2, TIME_WAIT -> {
                return;
            }
        }
        TcpOutput.output(this);
    }

    /** close() with SO_LINGER {1, 0}: tcp_drop, which sends RST|ACK from state CLOSED. */
    void abortByApplication() {
        noFdRef = true;
        drop(TcpApplication.CloseReason.ABORTED, "close() with SO_LINGER 0");
    }

    /** tcp_drop: if a SYN was received, tcp_output in state CLOSED sends an RST; then tcp_close. */
    void drop(TcpApplication.CloseReason reason, String why) {
        if (state.haveReceivedSyn()) {
            setState(TcpState.CLOSED, why);
            TcpOutput.sendResetFromClosed(this);
        }
        close(reason, why);
    }

    // ---- timers ----------------------------------------------------------------------------

    long nowMs() {
        return simulator.now() / SimTime.MICROS_PER_MILLI;
    }

    void arm(TimerKind kind, long millis) {
        if (kind == TimerKind.TWO_MSL && state == TcpState.TIME_WAIT && stack.timeWait != null) {
            // tcp_twstart / tcp_tw_2msl_reset: no callout; the FIN_WAIT_2 one, if armed, is gone
            // with the tcpcb (tcp_discardcb).
            disarm(TimerKind.TWO_MSL);
            twCause = simulator.trace().currentCause();
            stack.timeWait.reset(this, millis);
            return;
        }
        simulator.schedule(timer(kind), simulator.now() + SimTime.millis(millis));
    }

    /**
     * FIN_WAIT_2 with the receive side shut: tcp_input.c (FIN_WAIT_1 case) and tcp_usrclosed arm
     * the 2MSL timer with tcp_maxidle; 7.0+ uses tcp_finwait2_timeout when
     * net.inet.tcp.fast_finwait2_recycle is on (model §5).
     */
    void armFinWait2Timer(String why) {
        boolean recycle = stack.fastFinwait2Recycle();
        long timeoutMs = recycle ? stack.finwait2TimeoutMs() : maxIdleMs();
        simulator.schedule(timer(TimerKind.TWO_MSL), simulator.now() + SimTime.millis(timeoutMs));
        traceTimer(TraceKind.TCP_TIMER_ARMED, () -> recycle
                ? new Fact.TimerArmed(TcpTimer.FIN_WAIT_2, timeoutMs, "net.inet.tcp.finwait2_timeout",
                        java.util.List.of(new Fact.Input("net.inet.tcp.finwait2_timeout", timeoutMs, "ms"),
                                new Fact.Input("net.inet.tcp.fast_finwait2_recycle", 1, "")), why)
                : new Fact.TimerArmed(TcpTimer.FIN_WAIT_2, timeoutMs, "maxidle = keepcnt x keepintvl",
                        stack.maxIdleInputs(), why));
    }

    /** The five callouts of a tcpcb. */
    private static final TimerKind[] TIMER_KINDS = TimerKind.values();

    enum TimerKind {
        REXMT, PERSIST, KEEP, TWO_MSL, DELACK
    }

    /** One reusable callout. */
    final class Timer extends Event {
        final TimerKind kind;

        Timer(TimerKind kind) {
            this.kind = kind;
        }

        @Override
        protected void fire() {
            if (state == TcpState.CLOSED) {
                return;
            }
            switch (kind) {
                case REXMT -> TcpTimers.retransmit(TcpConnection.this);
                case PERSIST -> TcpTimers.persist(TcpConnection.this);
                case KEEP -> TcpTimers.keep(TcpConnection.this);
                case TWO_MSL -> TcpTimers.twoMsl(TcpConnection.this);
                case DELACK -> TcpTimers.delayedAck(TcpConnection.this);
            }
        }
    }
}
