package dev.scn.engine.tcp;

import dev.scn.engine.tcp.TcpConnection.TimerKind;
import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.kernel.SimTime;

/**
 * What the fast way does to TCP for a connection whose packets it does not simulate one by one:
 * the steps that touch state other connections share, each at the instant the detailed way takes
 * it, in the same order: connect(2)'s port, pcb place and ISS; the server's syncache entry and
 * ISS when the SYN would arrive; its pcb when the handshake's ACK would; and, once the connection
 * is done, the server's pcb becomes a copy of the sandbox's TIME_WAIT pcb, moved to this
 * connection's sequence numbers, clock and 4-tuple. Per-state counts move as the recording says.
 */
public final class TcpReplay {
    private TcpReplay() {
    }

    /** in_pcbconnect's choice of a local port, or {@link #NO_PORT}. */
    public static int choosePort(TcpStack stack, int foreignAddress, int foreignPort) {
        return stack.ephemeralPorts.allocate(foreignAddress, foreignPort, stack);
    }

    /** No local port was free (connect(2) fails with EADDRNOTAVAIL). */
    public static final int NO_PORT = EphemeralPorts.NO_PORT;

    /** The rest of connect(2) on the chosen port, simulated packet by packet (the detailed way). */
    public static TcpSocket connectOnPort(TcpStack stack, int localAddress, int localPort, int foreignAddress,
                                          int foreignPort, TcpApplication application) {
        return stack.connectOnPort(null, localAddress, localPort, foreignAddress, foreignPort, application, tp -> { });
    }

    /** connect(2) of a replayed client on the chosen port: returns its ISS. */
    public static int openClient(TcpStack stack, FlowKey flow, int localPort) {
        stack.order++;
        stack.localPortUse.take(localPort);
        stack.simulator.trace().flowAppeared(flow);
        return stack.issRandom.nextInt();
    }

    /** The replayed client's pcb is freed. */
    public static void closeClient(TcpStack stack, int localPort) {
        if (stack.localPortUse.giveBack(localPort)) {
            stack.localPortsFreed++;
        }
    }

    /**
     * The replayed SYN from {@code client} reaches the listener at {@code server}: a syncache
     * entry (the server's ISS drawn), returned as a token. The entry holds what syncache_add keeps
     * of a SYN: the endpoints, its sequence number and the MSS it offered. The replay's handshake ACK
     * completes it {@code completesAfter} microseconds later.
     */
    public static Object synArrived(TcpStack stack, FlowKey flow, int clientAddress, int clientPort, int serverAddress,
                                    int serverPort, int clientIss, int peerMss, long completesAfter) {
        stack.simulator.trace().flowAppeared(flow);
        Syncache.Entry fresh = new Syncache.Entry(flow, serverAddress, serverPort, clientAddress, clientPort, clientIss,
                stack.issRandom.nextInt(), peerMss, stack.rtoBaseMs());
        return stack.syncache.addReplayed(fresh, completesAfter);
    }

    /** The ISS the server drew for the entry. */
    public static int serverIss(Object entry) {
        return ((Syncache.Entry) entry).iss;
    }

    /**
     * The replayed handshake's ACK: the entry expands into the server's pcb, returned as a token.
     * On 5.x-13.x, with a listener whose fresh sessions end silently, the pcb is not built: a
     * {@link ReplayedTimeWait} takes its order and port, and it is built only if looked at.
     */
    public static Object pcbMade(TcpStack stack, Object entry) {
        Syncache.Entry e = (Syncache.Entry) entry;
        stack.syncache.completed(e);
        TcpStack.Listener listener = stack.listeners.get(e.localPort);
        if (stack.timeWait != null && listener.factory().freshSessionEndsSilently()) {
            ReplayedTimeWait stub = new ReplayedTimeWait(stack, e, stack.order++, listener.factory());
            stack.localPortUse.take(e.localPort);
            return stub;
        }
        TcpConnection tp = new TcpConnection(stack, e.localAddress, e.localPort, e.foreignAddress, e.foreignPort);
        tp.order = stack.order++;
        stack.connections.put(tp.flow, tp);
        stack.localPortUse.take(tp.localPort);
        tp.socket = new TcpSocket(tp, null, null);
        tp.socket.setApplication(listener.factory().forConnection(tp.socket));
        return tp;
    }

    /**
     * The syncache entries counted in SYN_RCVD (those netstat lists, 7.x on), which a replay makes
     * and removes for real: a recording leaves them out of its counts.
     */
    public static long listedSyncacheEntries(TcpStack stack) {
        return stack.syncache.exported() ? stack.syncache.size() : 0;
    }

    public static void count(TcpStack stack, TcpState state, int delta) {
        stack.stateCounts[state.ordinal()] += delta;
        stack.countListener.countChanged(state, stack.reported(state));
    }

    /**
     * Whether a SYN to the port would meet a plain listener with room in its syncache, and the
     * 4-tuple nothing on either side.
     */
    public static boolean serverReady(TcpStack server, int port, FlowKey serverFlow) {
        TcpStack.Listener listener = server.listeners.get(port);
        return listener != null && !(listener.factory() instanceof TcpStack.Admission) && !server.syncache.cookiesOnly()
                && !server.flowInUse(serverFlow) && server.syncache.lookup(serverFlow) == null;
    }

    /** The syncache's bucket limit: while fewer entries than this exist in all, no bucket overflows. */
    public static long syncacheBucketLimit(TcpStack stack) {
        return stack.syncache.bucketLimit();
    }

    /** The server's 4-tuple of a replayed pcb (its token from {@link #pcbMade}). */
    public static FlowKey flowOf(Object pcb) {
        return ((TimeWaitEntry) pcb).flow();
    }

    /** What the sandbox's pcb is moved by to become this connection's. */
    public record Move(int serverSeq, int clientSeq, long micros, int clientTsTicks, int ownTsOffset) {
    }

    /** Whether the sandbox's pcb can be copied: TIME_WAIT, nothing queued or SACKed, only 2MSL pending. */
    public static boolean copyable(TcpConnection proto) {
        return proto.state == TcpState.TIME_WAIT && proto.reassembly.isEmpty() && proto.sackBlocks.count() == 0
                && !proto.armed(TimerKind.REXMT) && !proto.armed(TimerKind.PERSIST)
                && !proto.armed(TimerKind.KEEP) && !proto.armed(TimerKind.DELACK)
                && proto.armed(TimerKind.TWO_MSL);
    }

    /**
     * Takes the sandbox's TIME_WAIT pcb out of its simulation, timers off, so that it stays as it
     * is while the sandbox goes on: returns when its 2MSL timer would have fired.
     */
    public static long detach(TcpConnection proto) {
        // On 5.x-13.x the end of 2MSL in the TIME_WAIT list (the walk after it closes the copy).
        long twoMsl = proto.twEnd >= 0 ? proto.twEnd : proto.timer(TimerKind.TWO_MSL).time();
        proto.cancelAllTimers();
        proto.stack.connections.remove(proto.flow);
        return twoMsl;
    }

    /** When the sandbox's pcb entered the TIME_WAIT list (5.x-13.x), or -1: read before {@link #detach}. */
    public static long timeWaitListedAt(TcpConnection proto) {
        return proto.twEnd >= 0 ? proto.twListedAt : -1;
    }

    /** Walks of the TIME_WAIT list run so far (0 where a callout ends TIME_WAIT). */
    public static long timeWaitWalks(TcpStack stack) {
        return stack.timeWait == null ? 0 : stack.timeWait.walks();
    }

    /** tcp_new_ts_offset for the connection's own end (0 before 12.x). */
    public static int tsOffset(TcpStack stack, FlowKey flow) {
        return TcpOptionConfig.tsOffset(stack, flow);
    }

    /** The TCP clock in the units timestamps count, at {@code micros}. */
    public static int tsTicks(TcpStack stack, long micros) {
        return TcpOptionConfig.tsTicks(stack, micros / SimTime.MICROS_PER_MILLI);
    }

    /**
     * The server's pcb takes the sandbox pcb's fields, sequence numbers moved into this
     * connection's spaces, clock readings to its time, the peer's timestamp to its clock, and
     * its 2MSL timer armed where the sandbox's would fire.
     */
    public static void becomeTimeWait(Object pcb, TcpConnection proto, long twoMslAt, long listedAt, Move m) {
        if (pcb instanceof ReplayedTimeWait stub) {
            stub.timeWait(proto, m);
            stub.stack.unbuilt.add(stub);
            stub.stack.timeWait.insert(stub, twoMslAt + m.micros(), listedAt + m.micros());
            return;
        }
        TcpConnection tp = (TcpConnection) pcb;
        copyTimeWait(tp, proto, m);
        if (tp.stack.timeWait != null) {
            // Listed where the detailed way listed it, when its server entered TIME_WAIT.
            tp.stack.timeWait.insert(tp, twoMslAt + m.micros(), listedAt + m.micros());
        } else {
            tp.simulator.schedule(tp.timer(TimerKind.TWO_MSL), twoMslAt + m.micros());
        }
    }

    /** The sandbox pcb's fields, moved to this connection, into {@code tp}. */
    static void copyTimeWait(TcpConnection tp, TcpConnection proto, Move m) {
        tp.state = proto.state;
        tp.socket.copyFlagsFrom(proto.socket);
        tp.iss = proto.iss + m.serverSeq();
        tp.sndUna = proto.sndUna + m.serverSeq();
        tp.sndNxt = proto.sndNxt + m.serverSeq();
        tp.sndMax = proto.sndMax + m.serverSeq();
        tp.sndWnd = proto.sndWnd;
        tp.sndWl1 = proto.sndWl1 + m.clientSeq();
        tp.sndWl2 = proto.sndWl2 + m.serverSeq();
        tp.maxSndWnd = proto.maxSndWnd;
        tp.sndBufferEnd = proto.sndBufferEnd + m.serverSeq();
        tp.finQueued = proto.finQueued;
        tp.finSent = proto.finSent;
        tp.irs = proto.irs + m.clientSeq();
        tp.rcvNxt = proto.rcvNxt + m.clientSeq();
        tp.rcvAdv = proto.rcvAdv + m.clientSeq();
        tp.lastAckSent = proto.lastAckSent + m.clientSeq();
        tp.receiveBuffered = proto.receiveBuffered;
        copyCongestion(tp, proto, m);
        copyOptions(tp.opts, proto.opts, m, tp);
        copyFlags(tp, proto);
        tp.lastReceived = proto.lastReceived + m.micros();
    }

    private static void copyCongestion(TcpConnection tp, TcpConnection proto, Move m) {
        tp.maxseg = proto.maxseg;
        tp.bufferRoundingMss = proto.bufferRoundingMss;
        tp.cwnd = proto.cwnd;
        tp.ssthresh = proto.ssthresh;
        tp.dupAcks = proto.dupAcks;
        tp.inFastRecovery = proto.inFastRecovery;
        tp.recover = unlessUnset(proto.recover, m.serverSeq());
        tp.rxtShift = proto.rxtShift;
        tp.rxtCurMs = proto.rxtCurMs;
        tp.srtt = proto.srtt;
        tp.rttvar = proto.rttvar;
        tp.rttMinMs = proto.rttMinMs;
        tp.rttStartMs = proto.rttStartMs + m.micros() / SimTime.MICROS_PER_MILLI;
        tp.rttSeq = unlessUnset(proto.rttSeq, m.serverSeq());
        tp.timing = proto.timing;
        tp.forceOne = proto.forceOne;
    }

    /** snd_recover and the timed sequence stay 0 until used (a new tcpcb here starts them at 0). */
    private static int unlessUnset(int value, int moved) {
        return value == 0 ? 0 : value + moved;
    }

    private static void copyOptions(TcpOptionState to, TcpOptionState from, Move m, TcpConnection tp) {
        to.noOpt = from.noOpt;
        to.reqScale = from.reqScale;
        to.rcvdScale = from.rcvdScale;
        to.requestRScale = from.requestRScale;
        to.sndScale = from.sndScale;
        to.rcvScale = from.rcvScale;
        to.reqTstmp = from.reqTstmp;
        to.rcvdTstmp = from.rcvdTstmp;
        to.tsRecent = from.rcvdTstmp ? from.tsRecent + m.clientTsTicks() : from.tsRecent;
        to.tsRecentAgeMs = from.tsRecentAgeMs + m.micros() / SimTime.MICROS_PER_MILLI;
        to.tsOffset = m.ownTsOffset();
        to.sackPermit = from.sackPermit;
    }

    private static void copyFlags(TcpConnection tp, TcpConnection proto) {
        tp.ackNow = proto.ackNow;
        tp.delayedAckPending = proto.delayedAckPending;
        tp.ecnPermit = proto.ecnPermit;
        tp.ecnSendEce = proto.ecnSendEce;
        tp.rxWin0Sent = proto.rxWin0Sent;
        tp.cantRcvMore = proto.cantRcvMore;
        tp.cantSendMore = proto.cantSendMore;
        tp.noFdRef = proto.noFdRef;
        tp.keepIdleSetMs = proto.keepIdleSetMs;
        tp.keepIntvlSetMs = proto.keepIntvlSetMs;
        tp.keepInitSetMs = proto.keepInitSetMs;
        tp.keepCntSet = proto.keepCntSet;
        tp.rcvHiwat = proto.rcvHiwat;
        tp.sndHiwat = proto.sndHiwat;
        tp.ipTos = proto.ipTos;
        tp.ipTtl = proto.ipTtl;
        tp.noDelay = proto.noDelay;
        tp.keepAliveOption = proto.keepAliveOption;
    }
}
