package dev.scn.run;

import dev.scn.engine.net.Direction;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.SentTogether;
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
     * instant's time_uptime, counters, and the stored acks relative to the ISS of their sequence
     * space ({@code ackFwd} the server's, {@code ackRev} the client's; 0: none stored yet).
     */
    record DynRefreshed(long offset, int stateBits, long lifetime, long packets, long bytes, int ackFwd,
                        int ackRev) implements Effect {
    }

    /** In time order; shared by shapes whose effects are the same (see {@link #sameEffects}). */
    List<Effect> effects = new ArrayList<>();
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
    /**
     * When the sandbox pcb's 2MSL timer would have fired (it is taken out of the sandbox, timers
     * off); on 5.x-13.x when its 2MSL ended in the TIME_WAIT list (tw_time), and when it was listed.
     */
    long twoMslAt;
    long twListedAt;
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
    /** The live run's rules of {@link #dynRule} and {@link #ruleCounters}, found at the first replay. */
    dev.scn.engine.ipfw.IpfwReplay.Rules liveRules;


    /**
     * One instant of the shape as the replay applies it: the packets each end sent (what the taps
     * count; null for none), the net change of each per-state count, the state's refresh. Changes that cancel
     * within the instant are left out: a count series keeps only the value an instant ends with.
     * Packets arriving are left out too: no tap of a run the fast way replays in reads them.
     */
    record Instant(long offset, SentTogether clientSent, SentTogether serverSent, TcpState[] clientStates,
                   int[] clientDeltas, TcpState[] serverStates, int[] serverDeltas, DynRefreshed dyn,
                   boolean byStep) {
    }

    /**
     * The events a replay runs itself: the SYN's, the SYN-ACK's and the ACK's arrivals, the
     * client's end when later, the TIME_WAIT copy when later still.
     */
    int steps() {
        return 3 + (clientGone != pcbMade ? 1 : 0) + (spanEnd != clientGone ? 1 : 0);
    }

    /** Whether the replay's own steps (its events, and connect(2) at 0) take this instant. */
    boolean isStep(long offset) {
        return offset == 0 || offset == synArrival || offset == synAckArrival || offset == pcbMade
                || offset == clientGone || offset == spanEnd;
    }

    /** The refreshes among the effects, in time order (made at the first {@link #dynAt}). */
    private DynRefreshed[] refreshes;

    /** The state as the last refresh at or before {@code offset} left it ({@link #dynLinked} if none). */
    DynRefreshed dynAt(long offset) {
        if (refreshes == null) {
            refreshes = effects.stream().filter(e -> e instanceof DynRefreshed).toArray(DynRefreshed[]::new);
        }
        DynRefreshed d = dynLinked;
        for (DynRefreshed r : refreshes) {
            if (r.offset() > offset) {
                break;
            }
            d = r;
        }
        return d;
    }

    /** The steps a replay takes in its own events, in {@link Compiled#atStep} order. */
    enum Step { CONNECT, SYN, SYN_ACK, PCB, CLIENT_GONE, SPAN_END }

    /**
     * The instants as a replay applies them: those its steps take, by step (null where a step
     * has none, or shares the instant of the step before it), and those the backlog owes, in
     * time order.
     */
    record Compiled(Instant[] atStep, Instant[] owed) {
    }

    /** Made from {@link #effects} by {@link #compile} (shared as the effects are). */
    Compiled compiled;

    /** Groups the effects by instant, as {@link Instant} says, and splits them as {@link Compiled} does. */
    void compile() {
        List<Instant> out = new ArrayList<>();
        int i = 0;
        while (i < effects.size()) {
            long offset = effects.get(i).offset();
            List<Packet> client = new ArrayList<>();
            List<Packet> server = new ArrayList<>();
            int[] clientNet = new int[TcpState.values().length];
            int[] serverNet = new int[TcpState.values().length];
            DynRefreshed dyn = null;
            for (; i < effects.size() && effects.get(i).offset() == offset; i++) {
                Effect e = effects.get(i);
                if (e instanceof Tapped t && t.direction() == Direction.OUT) {
                    (t.end() == End.CLIENT ? client : server).add(t.packet());
                } else if (e instanceof CountChanged c) {
                    (c.end() == End.CLIENT ? clientNet : serverNet)[c.state().ordinal()] += c.delta();
                } else if (e instanceof DynRefreshed d) {
                    dyn = d;
                }
            }
            out.add(new Instant(offset, together(client), together(server),
                    states(clientNet), deltas(clientNet), states(serverNet), deltas(serverNet), dyn, isStep(offset)));
        }
        Instant[] atStep = new Instant[Step.values().length];
        atStep[Step.CONNECT.ordinal()] = at(out, 0);
        atStep[Step.SYN.ordinal()] = at(out, synArrival);
        atStep[Step.SYN_ACK.ordinal()] = at(out, synAckArrival);
        atStep[Step.PCB.ordinal()] = at(out, pcbMade);
        atStep[Step.CLIENT_GONE.ordinal()] = clientGone == pcbMade ? null : at(out, clientGone);
        atStep[Step.SPAN_END.ordinal()] = spanEnd == clientGone ? null : at(out, spanEnd);
        compiled = new Compiled(atStep, out.stream().filter(instant -> !instant.byStep()).toArray(Instant[]::new));
    }

    /** The packets as the taps take them, or null when none left. */
    private static SentTogether together(List<Packet> packets) {
        return packets.isEmpty() ? null : new SentTogether(packets.toArray(new Packet[0]));
    }

    private static Instant at(List<Instant> instants, long offset) {
        for (Instant instant : instants) {
            if (instant.offset() == offset) {
                return instant;
            }
        }
        return null;
    }

    private static TcpState[] states(int[] net) {
        return java.util.Arrays.stream(TcpState.values()).filter(s -> net[s.ordinal()] != 0).toArray(TcpState[]::new);
    }

    private static int[] deltas(int[] net) {
        return java.util.Arrays.stream(net).filter(d -> d != 0).toArray();
    }

    /**
     * True when both shapes do the same to everything the replay touches: the same packets at the
     * same offsets as the taps see them (end, direction, flags, origin, length), the same count
     * changes, the same refreshes. Shapes of different phases usually are; one list then serves
     * all, which keeps it in the processor's cache.
     */
    boolean sameEffects(ConnectionShape other) {
        if (effects.size() != other.effects.size() || !java.util.Objects.equals(dynLinked, other.dynLinked)
                || synArrival != other.synArrival || synAckArrival != other.synAckArrival || pcbMade != other.pcbMade
                || clientGone != other.clientGone || spanEnd != other.spanEnd) {
            return false;
        }
        for (int i = 0; i < effects.size(); i++) {
            Effect a = effects.get(i);
            Effect b = other.effects.get(i);
            if (a instanceof Tapped t && b instanceof Tapped u) {
                if (t.offset() != u.offset() || t.end() != u.end() || t.direction() != u.direction()
                        || t.packet().flags() != u.packet().flags() || t.packet().origin() != u.packet().origin()
                        || t.packet().payloadLength() != u.packet().payloadLength()) {
                    return false;
                }
            } else if (!a.equals(b)) {
                return false;
            }
        }
        return true;
    }
}
