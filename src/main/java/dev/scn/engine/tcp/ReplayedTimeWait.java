package dev.scn.engine.tcp;

import dev.scn.engine.flow.FlowKey;

/**
 * A server pcb of a replayed connection, on 5.x-13.x, from the handshake's ACK until tcp_slowtimo's
 * walk ends its TIME_WAIT: what the fast way keeps instead of building the tcpcb, since nothing
 * looks at it then but its place in the TIME_WAIT list and the per-state counts (which the replay
 * moves itself). Whoever does look (a segment for its 4-tuple, netstat, explain, tcpdrop) gets
 * the tcpcb the detailed way would have: {@link #build} makes it from the sandbox's TIME_WAIT pcb
 * moved to this connection, and it takes the stand-in's place in the pcb table and the list. A
 * walk that reaches one unbuilt closes it as tcp_twclose would: the same counts, trace counts and
 * free port, nothing else (its application, a fresh session, has nothing to end).
 */
final class ReplayedTimeWait extends TimeWaitEntry {
    final TcpStack stack;
    final FlowKey flow;
    final int localAddress;
    final int localPort;
    final int foreignAddress;
    final int foreignPort;
    /** Its place in netstat's order and when the detailed way made its tcpcb (the handshake's ACK). */
    final long order;
    final long createdAt;
    private final TcpApplication.Factory application;
    /** Its 4-tuple's hash in {@link UnbuiltPcbs}, kept so that taking it out needs no look at the key. */
    int tableHash;
    /** The sandbox's TIME_WAIT pcb and how this connection differs from it; null until its TIME_WAIT. */
    private TcpConnection proto;
    private TcpReplay.Move move;

    ReplayedTimeWait(TcpStack stack, Syncache.Entry entry, long order, TcpApplication.Factory application) {
        this.stack = stack;
        this.flow = entry.flow;
        this.localAddress = entry.localAddress;
        this.localPort = entry.localPort;
        this.foreignAddress = entry.foreignAddress;
        this.foreignPort = entry.foreignPort;
        this.order = order;
        this.createdAt = stack.simulator.now();
        this.application = application;
    }

    @Override
    FlowKey flow() {
        return flow;
    }

    /** It is in TIME_WAIT now: the sandbox's pcb moved by {@code move} is what it stands for. */
    void timeWait(TcpConnection proto, TcpReplay.Move move) {
        this.proto = proto;
        this.move = move;
    }

    /** The tcpcb it stands for, in TIME_WAIT with the sandbox pcb's fields moved to this connection. */
    TcpConnection build() {
        TcpConnection tp = new TcpConnection(stack, localAddress, localPort, foreignAddress, foreignPort, createdAt);
        tp.order = order;
        tp.socket = new TcpSocket(tp, null, null);
        tp.socket.setApplication(application.forConnection(tp.socket));
        TcpReplay.copyTimeWait(tp, proto, move);
        return tp;
    }

    /** netstat's line for it: the queues the sandbox pcb had (empty, as copyable requires). */
    TcpStack.SocketEntry socketEntry() {
        return new TcpStack.SocketEntry(order, localAddress, localPort, foreignAddress, foreignPort,
                proto.receiveBuffered(), proto.sendBuffered(), TcpState.TIME_WAIT);
    }
}
