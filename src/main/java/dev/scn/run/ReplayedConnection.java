package dev.scn.run;

import dev.scn.engine.Machine;
import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.ipfw.DynamicState;
import dev.scn.engine.ipfw.Ipfw;
import dev.scn.engine.ipfw.IpfwReplay;
import dev.scn.engine.kernel.Event;
import dev.scn.engine.net.Packet;
import dev.scn.engine.tcp.TcpReplay;

/**
 * One connection the fast way replays from a {@link ConnectionShape}. As an event it takes the
 * steps that touch shared state at the instants the detailed way takes them, each scheduled
 * from the one before as the packets that carry them would be: the SYN's arrival (syncache entry,
 * server ISS, ipfw state), the SYN-ACK's (nothing shared; it keeps the chain), the handshake ACK's
 * (the server's pcb), the client's end (its port) and the last (the server's pcb becomes the TIME_WAIT
 * copy). As a cursor of the backlog it applies the rest of the shape in time order: what the taps
 * saw, the per-state counts, the ipfw state's refreshes.
 */
final class ReplayedConnection extends Event {
    private enum Stage { SYN, SYN_ACK, PCB, CLIENT_GONE, TIME_WAIT }

    private final FastTraffic traffic;
    private final ConnectionShape shape;
    private final long start;
    private final int clientAddress;
    private final int clientPort;
    private final int clientIss;
    private final FlowKey clientFlow;
    private Object syncacheEntry;
    private int serverIss;
    private DynamicState dyn;
    /** The server's pcb, or what stands for it until looked at (TcpReplay.pcbMade's token). */
    private Object pcb;
    private Stage stage = Stage.SYN;
    /** Index of the next instant of the shape the backlog applies. */
    private int cursor;

    ReplayedConnection(FastTraffic traffic, ConnectionShape shape, long start, int clientAddress, int clientPort,
                       int clientIss, FlowKey clientFlow) {
        this.traffic = traffic;
        this.shape = shape;
        this.start = start;
        this.clientAddress = clientAddress;
        this.clientPort = clientPort;
        this.clientIss = clientIss;
        this.clientFlow = clientFlow;
    }

    long start() {
        return start;
    }

    /** When the next instant the backlog owes is due, or {@link Long#MAX_VALUE} when all are applied. */
    long due() {
        return due;
    }

    private long due;

    /** The next instant the backlog owes. */
    private void setDue() {
        ConnectionShape.Instant[] owed = shape.compiled.owed();
        due = cursor < owed.length ? start + owed[cursor].offset() : Long.MAX_VALUE;
    }

    /** Applies the next instant the backlog owes. */
    void applyNextInstant() {
        ConnectionShape.Instant instant = shape.compiled.owed()[cursor++];
        setDue();
        apply(instant);
    }

    /** Applies the instant of the step now running, if the shape has one there. */
    private void applyStepInstant(ConnectionShape.Step step) {
        ConnectionShape.Instant instant = shape.compiled.atStep()[step.ordinal()];
        if (instant != null) {
            apply(instant);
        }
    }

    /** An instant of the shape: packets to the taps, per-state counts, the state's refresh. */
    private void apply(ConnectionShape.Instant instant) {
        Machine client = traffic.clients();
        Machine server = traffic.server();
        if (instant.clientSent() != null) {
            traffic.network().replaySent(client.host(), instant.clientSent());
        }
        if (instant.serverSent() != null) {
            traffic.network().replaySent(server.host(), instant.serverSent());
        }
        for (int i = 0; i < instant.clientStates().length; i++) {
            TcpReplay.count(client.tcp(), instant.clientStates()[i], instant.clientDeltas()[i]);
        }
        for (int i = 0; i < instant.serverStates().length; i++) {
            TcpReplay.count(server.tcp(), instant.serverStates()[i], instant.serverDeltas()[i]);
        }
        ConnectionShape.DynRefreshed d = instant.dyn();
        if (d != null && instant.offset() > shape.synArrival) {
            IpfwReplay.refresh(traffic.ipfw(), dyn, d.stateBits(), d.lifetime(), d.packets(), d.bytes(),
                    ackFwd(d.ackFwd()), ackRev(d.ackRev()));
        }
    }

    /** Acks the state stored from client packets are in the server's sequence space; 0 is "none yet". */
    private int ackFwd(int relative) {
        return relative == 0 ? 0 : relative + serverIss;
    }

    private int ackRev(int relative) {
        return relative == 0 ? 0 : relative + clientIss;
    }

    /** connect(2)'s own instant, then the first step scheduled: the SYN's arrival. */
    void begin() {
        applyStepInstant(ConnectionShape.Step.CONNECT);
        setDue();
        traffic.simulator().schedule(this, start + shape.synArrival);
    }

    @Override
    protected void fire() {
        switch (stage) {
            case SYN -> synArrives();
            case SYN_ACK -> {
                applyStepInstant(ConnectionShape.Step.SYN_ACK);
                next(Stage.PCB, shape.pcbMade);
            }
            case PCB -> {
                pcb = TcpReplay.pcbMade(traffic.server().tcp(), syncacheEntry);
                applyStepInstant(ConnectionShape.Step.PCB);
                if (shape.clientGone != shape.pcbMade) {
                    next(Stage.CLIENT_GONE, shape.clientGone);
                } else {
                    clientGone();
                }
            }
            case CLIENT_GONE -> clientGone();
            case TIME_WAIT -> {
                applyStepInstant(ConnectionShape.Step.SPAN_END);
                becomeTimeWait();
            }
        }
    }

    private void clientGone() {
        TcpReplay.closeClient(traffic.clients().tcp(), clientPort);
        applyStepInstant(ConnectionShape.Step.CLIENT_GONE);
        if (shape.spanEnd == shape.clientGone) {
            becomeTimeWait();
        } else {
            next(Stage.TIME_WAIT, shape.spanEnd);
        }
    }

    private void next(Stage stage, long offset) {
        this.stage = stage;
        traffic.simulator().schedule(this, start + offset);
    }

    private void synArrives() {
        Packet sandboxSyn = shape.syn;
        int serverAddress = sandboxSyn.destination();
        int serverPort = sandboxSyn.destinationPort();
        syncacheEntry = TcpReplay.synArrived(traffic.server().tcp(), clientFlow, clientAddress, clientPort,
                serverAddress, serverPort, clientIss, sandboxSyn.mssOption(), shape.pcbMade - shape.synArrival);
        serverIss = TcpReplay.serverIss(syncacheEntry);
        Ipfw ipfw = traffic.ipfw();
        if (ipfw != null && shape.dynLinked != null) {
            ConnectionShape.DynRefreshed d = shape.dynLinked;
            dyn = IpfwReplay.link(ipfw, shape.liveRules, clientFlow, clientAddress, clientPort, serverAddress,
                    serverPort, d.stateBits(), d.lifetime(), d.packets(), d.bytes(), ackFwd(d.ackFwd()),
                    ackRev(d.ackRev()));
        }
        applyStepInstant(ConnectionShape.Step.SYN);
        traffic.linked(this);
        next(Stage.SYN_ACK, shape.synAckArrival);
    }

    private void becomeTimeWait() {
        long moved = start - shape.sandboxStart;
        int ticks = TcpReplay.tsTicks(traffic.clients().tcp(), start)
                - TcpReplay.tsTicks(traffic.clients().tcp(), shape.sandboxStart)
                + TcpReplay.tsOffset(traffic.clients().tcp(), clientFlow) - shape.clientTsOffset;
        TcpReplay.Move move = new TcpReplay.Move(serverIss - shape.serverIss, clientIss - shape.clientIss, moved,
                ticks, TcpReplay.tsOffset(traffic.server().tcp(), TcpReplay.flowOf(pcb)));
        TcpReplay.becomeTimeWait(pcb, shape.timeWaitPrototype, shape.twoMslAt, shape.twListedAt, move);
    }
}
