package dev.scn.run;

import dev.scn.engine.net.Direction;
import dev.scn.engine.net.Packet;
import dev.scn.engine.tcp.TcpConnection;
import dev.scn.engine.tcp.TcpState;

import java.util.ArrayList;
import java.util.List;

/**
 * What one normal connection of a traffic block does to the world, recorded once in a sandbox
 * ({@link ShapeRecorder}) as offsets from its connect(2): the packets every tap saw, each change
 * of a per-state connection count, each refresh of its ipfw dynamic state, and the counters it
 * moved. The fast way replays a shape for later connections whose conditions are the same,
 * instead of simulating their packets one by one.
 *
 * <p>Sequence numbers are kept relative to the sandbox connection's two ISS values, times relative
 * to its start; {@link #clientIss} and {@link #serverIss} say what they were relative to.
 */
final class ConnectionShape {
    /** Which end of the connection an effect happened on. */
    enum End { CLIENT, SERVER }

    /** One recorded effect, at {@code offset} microseconds after connect(2). */
    sealed interface Effect permits Tapped, CountChanged, DynRefreshed {
        long offset();
    }

    /** A packet seen by the taps of {@code end}'s external interface, going {@code direction}. */
    record Tapped(long offset, End end, Direction direction, Packet packet) implements Effect {
    }

    /** The number of {@code end}'s connections in {@code state} moved by {@code delta}. */
    record CountChanged(long offset, End end, TcpState state, int delta) implements Effect {
    }

    /**
     * The server's dynamic state after a packet refreshed it: its bits, its lifetime from this
     * instant's time_uptime, counters, and the stored acks relative to the sandbox's ISS values
     * ({@code ackFwd} in the server's sequence space, {@code ackRev} in the client's).
     */
    record DynRefreshed(long offset, int stateBits, long lifetime, long packets, long bytes, int ackFwd,
                        int ackRev) implements Effect {
    }

    final long tickPhase;
    final List<Effect> effects = new ArrayList<>();
    /** When the server's SYN arrives (its syncache entry, ISS and dynamic state are made). */
    long synArrival = -1;
    /** When the SYN-ACK reaches the client. */
    long synAckArrival = -1;
    /** When the handshake's ACK makes the server's pcb out of the syncache entry. */
    long pcbMade = -1;
    /** When the client's pcb is freed (its port is free again). */
    long clientGone = -1;
    /** When the server's connection enters TIME_WAIT. */
    long timeWait = -1;
    /** The last effect of the connection before its TIME_WAIT ends. */
    long spanEnd = -1;
    /** The sandbox connection's ISS values. */
    int clientIss;
    int serverIss;
    /** The sandbox's time in microseconds at connect(2); tick values are relative to it. */
    long sandboxStart;
    /** The server's pcb in TIME_WAIT in the sandbox, what later connections' pcbs are copied from. */
    TcpConnection timeWaitPrototype;
    /** When the sandbox pcb's 2MSL timer would have fired (it is taken out of the sandbox, timers off). */
    long twoMslAt;
    /** The dynamic state as the SYN's instant left it, and the number of the rule that made it. */
    DynRefreshed dynLinked;
    int dynRule;
    /** The client's SYN as it left (its options go into the syncache entry). */
    Packet syn;
    /** The sandbox client's timestamp offset (0 before 12.x). */
    int clientTsOffset;
    /** Events the connection took in the sandbox, and trace counts per kind it added. */
    long events;
    long[] traceCounts;
    /** Packets it sent (each takes a packet id). */
    long packetsSent;
    /** Per static ipfw rule number: packets and bytes it added. */
    final java.util.Map<Integer, long[]> ruleCounters = new java.util.TreeMap<>();

    ConnectionShape(long tickPhase) {
        this.tickPhase = tickPhase;
    }
}
