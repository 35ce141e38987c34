package dev.scn.engine.net;

import dev.scn.engine.kernel.Event;
import dev.scn.engine.kernel.Simulator;

/**
 * The packets travelling along one half of a link, as one event that delivers them in turn.
 *
 * <p>Why not an event per packet: on a link without jitter packets arrive in the order they left,
 * so one queued event is enough; each packet keeps the key (time, sequence) and the cause it
 * would have had as an event of its own, reserved when it was sent, and the event is queued
 * under the key of the packet at the front. Every delivery therefore runs at exactly the place
 * in the run's order where a packet's own event would have run, while a busy link costs one
 * queue entry and no allocation per packet. A packet due before the last one queued here (a
 * jittered link) cannot join, and travels as an event of its own.
 */
final class InFlight extends Event {
    private final Simulator simulator;
    private final Host to;
    private Packet[] packets = new Packet[8];
    private long[] times = new long[8];
    private long[] sequences = new long[8];
    private long[] causes = new long[8];
    private int head;
    private int size;

    InFlight(Simulator simulator, Host to) {
        this.simulator = simulator;
        this.to = to;
    }

    /** Whether a packet due at {@code at} keeps the arrival order (none is queued later). */
    boolean accepts(long at) {
        return size == 0 || at >= times[(head + size - 1) & (packets.length - 1)];
    }

    /** Queues the packet to arrive at {@code at}; {@link #accepts} said yes. */
    void add(Packet packet, long at) {
        if (size == packets.length) {
            grow();
        }
        int slot = (head + size) & (packets.length - 1);
        packets[slot] = packet;
        times[slot] = at;
        sequences[slot] = simulator.reserveSequence();
        causes[slot] = simulator.trace().currentCause();
        size++;
        if (size == 1) {
            simulator.scheduleAs(this, at, sequences[slot], causes[slot]);
        }
    }

    @Override
    protected void fire() {
        Packet packet = packets[head];
        packets[head] = null;
        head = (head + 1) & (packets.length - 1);
        size--;
        if (size > 0) {
            simulator.scheduleAs(this, times[head], sequences[head], causes[head]);
        }
        to.receiveFromWire(packet);
    }

    private void grow() {
        int capacity = packets.length * 2;
        Packet[] morePackets = new Packet[capacity];
        long[] moreTimes = new long[capacity];
        long[] moreSequences = new long[capacity];
        long[] moreCauses = new long[capacity];
        for (int i = 0; i < size; i++) {
            int from = (head + i) & (packets.length - 1);
            morePackets[i] = packets[from];
            moreTimes[i] = times[from];
            moreSequences[i] = sequences[from];
            moreCauses[i] = causes[from];
        }
        packets = morePackets;
        times = moreTimes;
        sequences = moreSequences;
        causes = moreCauses;
        head = 0;
    }
}
