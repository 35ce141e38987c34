package dev.scn.run;

import dev.scn.engine.Machine;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.Simulation;
import dev.scn.engine.ipfw.DynamicState;
import dev.scn.engine.ipfw.DynamicStateListener;
import dev.scn.engine.ipfw.Ipfw;
import dev.scn.engine.net.Direction;
import dev.scn.engine.net.Host;
import dev.scn.engine.net.Interface;
import dev.scn.fact.Origin;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.PacketTap;
import dev.scn.engine.net.SentTogether;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.tcp.StateCountListener;
import dev.scn.engine.tcp.TcpState;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records the run's counts as exact step series ({@link StepCounts}) while it goes: per host,
 * connections per TCP state (from the stack's own counters, told on each change), live dynamic
 * rules and dyn_count (from the dynamic table's links, expiry moves and unlinks), and packets
 * sent by kind. Work per change is O(1), with no allocation on the way of a packet: nothing walks
 * the connection or state table.
 *
 * <p>A dynamic rule dies with no event, when time_uptime reaches its expiry. The recorder counts
 * live sessions per expiry second; before each change on the host, and at the end, every second
 * reached since the last look is taken out, in order, and recorded as a step down at the instant
 * it was reached: boot time + expiry seconds.
 */
final class CountRecorder implements PacketTap {
    private final Simulation sim;
    private final long endMicros;
    private final Map<String, HostCounts> hosts = new TreeMap<>();
    private final StepSeries.Builder[] packets = new StepSeries.Builder[PacketCounters.Kind.values().length];
    private final long[] packetCounts = new long[PacketCounters.Kind.values().length];

    CountRecorder(Simulation sim, long endMicros) {
        this.sim = sim;
        this.endMicros = endMicros;
        for (PacketCounters.Kind kind : PacketCounters.Kind.values()) {
            packets[kind.ordinal()] = new StepSeries.Builder(endMicros);
        }
    }

    /**
     * Listens to the TCP of every machine, and to the ipfw of each that has one loaded. Called
     * when the hosts are built and after every timeline command (an {@code ipfw} line may load
     * ipfw mid-run, with an empty table).
     */
    void attach() {
        for (Machine machine : sim.machines()) {
            HostCounts counts = hosts.get(machine.name());
            if (counts == null) {
                counts = new HostCounts(machine.host());
                hosts.put(machine.name(), counts);
                machine.tcp().setStateCountListener(counts);
            }
            if (counts.ipfw == null && machine.ipfw().isPresent()) {
                counts.ipfw = machine.ipfw().get();
                counts.live = new StepSeries.Builder(endMicros);
                counts.dynCount = new StepSeries.Builder(endMicros);
                counts.dynCount.set(sim.now(), counts.ipfw.dynCount());
                counts.ipfw.setDynamicStateListener(counts);
            }
        }
    }

    @Override
    public void packet(long time, Host host, Interface via, Direction direction, Packet packet) {
        if (direction != Direction.OUT) {
            return;
        }
        // the kinds of PacketCounters, counted the same way
        count(PacketCounters.Kind.SENT, time);
        if (packet.has(TcpFlags.SYN)) {
            count(PacketCounters.Kind.SYN, time);
        }
        if (packet.has(TcpFlags.FIN)) {
            count(PacketCounters.Kind.FIN, time);
        }
        if (packet.has(TcpFlags.RST)) {
            count(PacketCounters.Kind.RST, time);
        }
        if (packet.origin() == Origin.IPFW_KEEPALIVE) {
            count(PacketCounters.Kind.KEEPALIVE, time);
        }
    }

    /** The same counts for packets sent at one instant: one step per kind (a step keeps an instant's last value). */
    @Override
    public void sentTogether(long time, Host host, Interface via, SentTogether sent) {
        count(PacketCounters.Kind.SENT, time, sent.size());
        count(PacketCounters.Kind.SYN, time, sent.syn());
        count(PacketCounters.Kind.FIN, time, sent.fin());
        count(PacketCounters.Kind.RST, time, sent.rst());
        count(PacketCounters.Kind.KEEPALIVE, time, sent.keepalives());
    }

    private void count(PacketCounters.Kind kind, long time, int n) {
        if (n > 0) {
            packets[kind.ordinal()].set(time, packetCounts[kind.ordinal()] += n);
        }
    }

    private void count(PacketCounters.Kind kind, long time) {
        packets[kind.ordinal()].set(time, ++packetCounts[kind.ordinal()]);
    }

    /**
     * The host's live dynamic rules now ({@code ipfw dynamic}, what {@link Ipfw#liveCount} counts by
     * walking the table): kept by the expiry calendar, with the expiries reached by now taken out.
     * 0 for a host without ipfw.
     */
    long liveDynamic(String host) {
        HostCounts counts = hosts.get(host);
        if (counts == null || counts.ipfw == null) {
            // Not attached yet: ipfw loaded by a command of this very instant (an empty table).
            return sim.machine(host).ipfw().map(Ipfw::liveCount).orElse(0);
        }
        counts.expireReached();
        return counts.liveCount;
    }

    /** The series, with every expiry reached by now recorded. */
    StepCounts finish() {
        Map<String, Map<String, StepSeries>> states = new TreeMap<>();
        Map<String, StepSeries> live = new TreeMap<>();
        Map<String, StepSeries> dynCount = new TreeMap<>();
        for (var e : hosts.entrySet()) {
            HostCounts h = e.getValue();
            Map<String, StepSeries> byState = new LinkedHashMap<>();
            for (TcpState state : TcpState.values()) {
                if (h.states[state.ordinal()] != null) {
                    byState.put(state.netstatName(), h.states[state.ordinal()].build());
                }
            }
            states.put(e.getKey(), byState);
            if (h.ipfw != null) {
                h.expireReached();
                live.put(e.getKey(), h.live.build());
                dynCount.put(e.getKey(), h.dynCount.build());
            }
        }
        Map<String, StepSeries> byKind = new LinkedHashMap<>();
        for (PacketCounters.Kind kind : PacketCounters.Kind.values()) {
            byKind.put(kind.name().toLowerCase(java.util.Locale.ROOT), packets[kind.ordinal()].build());
        }
        return new StepCounts(states, live, dynCount, byKind);
    }

    /**
     * One host's series and the expiries of its live dynamic sessions: a calendar of uptime
     * seconds (a ring of counts, grown when a lifetime longer than it appears), so moving an
     * expiry, which every packet through a state does, costs two array writes.
     */
    private final class HostCounts implements StateCountListener, DynamicStateListener {
        private final Host host;
        private final StepSeries.Builder[] states = new StepSeries.Builder[TcpState.values().length];
        private Ipfw ipfw;
        private StepSeries.Builder live;
        private StepSeries.Builder dynCount;
        /** Live sessions expiring in second s (time_uptime) at [s mod length], for s in (taken, taken + length]. */
        private int[] expiring = new int[512];
        /** Every expiry up to this second has been taken out and recorded. */
        private long taken = -1;
        private long liveCount;

        HostCounts(Host host) {
            this.host = host;
        }

        @Override
        public void countChanged(TcpState state, long count) {
            StepSeries.Builder series = states[state.ordinal()];
            if (series == null) {
                series = new StepSeries.Builder(endMicros);
                states[state.ordinal()] = series;
            }
            series.set(sim.now(), count);
        }

        @Override
        public void linked(DynamicState state, int count) {
            long now = expireReached();
            if (state.kind() != DynamicState.Kind.PARENT && state.expire() > now) {
                add(state.expire());
            }
            dynCount.set(sim.now(), count);
            live.set(sim.now(), liveCount);
        }

        @Override
        public void expireChanged(DynamicState state, long before) {
            if (state.kind() == DynamicState.Kind.PARENT || state.expire() == before) {
                return; // limit parents are not sessions (ipfw dynamic counts sessions); or nothing moved
            }
            long now = expireReached();
            if (before > now) {
                remove(before);
            }
            if (state.expire() > now) {
                add(state.expire()); // also a dead, not yet swept state brought back by a packet
            }
            live.set(sim.now(), liveCount);
        }

        @Override
        public void unlinked(DynamicState state, int count) {
            long now = expireReached();
            if (state.kind() != DynamicState.Kind.PARENT && state.expire() > now) {
                remove(state.expire());
            }
            dynCount.set(sim.now(), count);
            live.set(sim.now(), liveCount);
        }

        @Override
        public void cleared() {
            expireReached();
            java.util.Arrays.fill(expiring, 0);
            taken = -1; // time_uptime starts again from 0 at the reboot
            liveCount = 0;
            dynCount.set(sim.now(), 0);
            live.set(sim.now(), 0);
        }

        /**
         * Records the death of every session whose expiry time_uptime has reached (DynamicState.dead:
         * expire &lt;= now), each at the instant it was reached (boot time + expiry seconds), in
         * order, and returns time_uptime.
         */
        private long expireReached() {
            long now = host.uptimeSeconds();
            if (now <= taken) {
                return now;
            }
            long last = Math.min(now, taken + expiring.length);
            for (long second = taken + 1; second <= last && liveCount > 0; second++) {
                int slot = (int) (second & (expiring.length - 1));
                if (expiring[slot] != 0) {
                    liveCount -= expiring[slot];
                    expiring[slot] = 0;
                    live.set(host.bootTime() + SimTime.seconds(second), liveCount);
                }
            }
            taken = now;
            return now;
        }

        private void add(long expire) {
            if (expire - taken > expiring.length) {
                grow(expire - taken);
            }
            expiring[(int) (expire & (expiring.length - 1))]++;
            liveCount++;
        }

        private void remove(long expire) {
            expiring[(int) (expire & (expiring.length - 1))]--;
            liveCount--;
        }

        /** A ring long enough for {@code span} seconds ahead, each count moved to its second's new slot. */
        private void grow(long span) {
            int length = expiring.length;
            while (length < span) {
                length *= 2;
            }
            int[] grown = new int[length];
            for (long second = taken + 1; second <= taken + expiring.length; second++) {
                grown[(int) (second & (length - 1))] = expiring[(int) (second & (expiring.length - 1))];
            }
            expiring = grown;
        }
    }
}
