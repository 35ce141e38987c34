package dev.scn.run;

import dev.scn.engine.Machine;
import dev.scn.engine.Simulation;
import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.flow.Protocol;
import dev.scn.engine.ipfw.DynamicState;
import dev.scn.engine.ipfw.DynamicStateListener;
import dev.scn.engine.ipfw.Ipfw;
import dev.scn.engine.ipfw.IpfwReplay;
import dev.scn.engine.ipfw.IpfwRule;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.net.Direction;
import dev.scn.engine.net.Host;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.tcp.TcpConnection;
import dev.scn.engine.tcp.TcpReplay;
import dev.scn.engine.tcp.TcpSocket;
import dev.scn.engine.tcp.TcpState;
import dev.scn.engine.trace.CausalTrace;
import dev.scn.engine.trace.TraceKind;
import dev.scn.model.Scenario;
import dev.scn.model.TrafficDecl;

import java.util.List;

/**
 * A sandbox: the scenario's hosts as they boot, and a pool of one address, in a simulation of
 * their own; it runs one normal client of a traffic block at a time, alone, and records what the
 * connection does ({@link ConnectionShape}). Connections are spaced so that the one recorded
 * meets nothing left by the one before (its TIME_WAIT over, its dynamic state swept), and
 * start in a chosen phase of the TCP clock's tick, since timestamps and RTT samples count ticks.
 */
final class ShapeRecorder {
    /**
     * Room between recorded connections. Once recorded, a connection leaves nothing that acts: its
     * client pcb is gone, its TIME_WAIT pcb is taken out, its syncache entry was used, and the
     * ipfw table is emptied before the next; so a second is enough.
     */
    private static final long SPACING = SimTime.seconds(1);
    /** The longest a recorded connection may take from connect(2) to its last effect. */
    private static final long HORIZON = SimTime.seconds(300);
    /** Events one recording may take (a bound, as every run has one). */
    private static final long BUDGET = 10_000_000;

    private final Simulation sim;
    private final TrafficDecl traffic;
    private final Machine server;
    private final Machine pool;
    private final int poolAddress;
    private final long tickMicros;
    private long nextFree = SimTime.seconds(10);
    /** The connection being recorded; the hooks below are installed once and tell it. */
    private Watch current;

    ShapeRecorder(Scenario scenario, TrafficDecl traffic) {
        // No flow gets full detail in the sandbox's trace: only the counts matter here.
        this.sim = new Simulation(scenario.seed(), new CausalTrace(0, 0));
        this.traffic = traffic;
        ScenarioHosts.build(sim, scenario);
        List<Integer> addresses = TrafficGenerator.addresses(traffic);
        this.poolAddress = addresses.get(0);
        this.pool = TrafficGenerator.addPool(sim, scenario, traffic, List.of(poolAddress));
        this.server = sim.machine(traffic.target());
        this.tickMicros = tickMicros(server);
        sim.network().addTap((time, host, via, direction, packet) -> {
            if (current != null && !current.done) {
                current.tapped(time, host, direction, packet);
            }
        });
        pool.tcp().setStateCountListener((state, count) -> {
            if (current != null && !current.done) {
                current.counted(ConnectionShape.End.CLIENT, state, count);
            }
        });
        server.tcp().setStateCountListener((state, count) -> {
            if (current != null && !current.done) {
                current.counted(ConnectionShape.End.SERVER, state, count);
            }
        });
        server.ipfw().ifPresent(ipfw -> ipfw.setDynamicStateListener(new DynamicStateListener() {
            @Override
            public void linked(DynamicState state, int count) {
                if (current != null) {
                    current.linked(state);
                }
            }

            @Override
            public void unlinked(DynamicState state, int count) {
                if (current != null && !current.done) {
                    current.unlinked();
                }
            }
        }));
        sim.simulator().addStepListener(() -> {
            if (current != null) {
                current.afterEvent();
            }
        });
    }

    /** The TCP clock's tick: 10 ms on 4.x (hz 100), 1 ms after (TcpOptionConfig.tsTicks). */
    static long tickMicros(Machine machine) {
        return machine.host().profile().major() <= 4 ? 10_000 : 1_000;
    }

    long tickMicros() {
        return tickMicros;
    }

    /**
     * Records a normal client's connection started {@code phase} microseconds after a tick of the
     * TCP clock, or returns null when it did not end as a replayable shape: the client gone, the
     * server in TIME_WAIT, its state alive, nothing else left.
     */
    ConnectionShape record(long phase) {
        // A whole second of the boot clock plus the phase: the one-second ipfw tick is then as far
        // as it can be from the start.
        long start = nextFree + SimTime.seconds(1) - Math.floorMod(nextFree, SimTime.seconds(1)) + phase;
        nextFree = start + SPACING;
        ConnectionShape shape = new ConnectionShape();
        shape.sandboxStart = start;
        Watch watch = new Watch(shape, start);
        sim.runUntil(start - 1, BUDGET);
        server.ipfw().ifPresent(IpfwReplay::clearStates);
        watch.before();
        current = watch;
        sim.simulator().schedule(start, () -> watch.connected(pool.tcp().connect(null, poolAddress,
                server.host().primaryAddress(), traffic.port(),
                new TrafficClient(sim, traffic, pool, TrafficDecl.Behaviour.NORMAL, 0))));
        // Until the client is gone and the server in TIME_WAIT: the watch takes the shape then, after
        // that event. What follows (the state's death, a tick's probes) is the real run's own doing.
        long at = start;
        while (watch.shape() == null && !watch.failed() && at < start + HORIZON) {
            at += SimTime.millis(100);
            sim.runUntil(at, BUDGET);
        }
        current = null;
        nextFree = Math.max(nextFree, sim.now() + SPACING);
        return watch.shape();
    }

    /** The hooks that watch the sandbox while one connection is recorded. */
    private final class Watch {
        private final ConnectionShape shape;
        private final long start;
        private final long[] clientCounts = new long[TcpState.values().length];
        private final long[] serverCounts = new long[TcpState.values().length];
        private long eventsBefore;
        private long ticksBefore;
        /** The TIME_WAIT list's walks (5.x-13.x) are the sandbox's own, like ipfw's ticks: not the connection's. */
        private long walksBefore;
        /**
         * SYN-ACKs the server's syncache timer sent again during the recording. A replay's entry
         * sends none (its packets are the recording's), so a path slow enough for one is not replayed.
         */
        private long retransmittedBefore;

        private boolean synAcksRetransmitted() {
            return server.tcp().syncacheStats().retransmitted() != retransmittedBefore;
        }
        private long[] traceBefore;
        private long[][] rulesBefore;
        private DynamicState dyn;
        private ConnectionShape.DynRefreshed lastDyn;
        private boolean unlinkedSeen;

        Watch(ConnectionShape shape, long start) {
            this.shape = shape;
            this.start = start;
        }

        void before() {
            for (TcpState s : TcpState.values()) {
                clientCounts[s.ordinal()] = pool.tcp().count(s);
                serverCounts[s.ordinal()] = server.tcp().count(s);
            }
            clientCounts[TcpState.SYN_RECEIVED.ordinal()] -= TcpReplay.listedSyncacheEntries(pool.tcp());
            serverCounts[TcpState.SYN_RECEIVED.ordinal()] -= TcpReplay.listedSyncacheEntries(server.tcp());
            eventsBefore = sim.simulator().eventsProcessed();
            ticksBefore = server.ipfw().map(Ipfw::ticksRun).orElse(0L);
            walksBefore = TcpReplay.timeWaitWalks(server.tcp());
            retransmittedBefore = server.tcp().syncacheStats().retransmitted();
            traceBefore = traceCounts();
            rulesBefore = ruleCounts();
        }

        void tapped(long time, Host host, Direction direction, dev.scn.engine.net.Packet packet) {
            ConnectionShape.End end = host == pool.host() ? ConnectionShape.End.CLIENT : ConnectionShape.End.SERVER;
            long offset = time - start;
            if (packet.origin() == dev.scn.fact.Origin.IPFW_KEEPALIVE) {
                // The sandbox's tick probed the state: that depends on where the tick falls, which
                // differs in the run; such a connection is simulated in detail there.
                failed = true;
                return;
            }
            shape.effects.add(new ConnectionShape.Tapped(offset, end, direction, packet));
            if (direction == Direction.OUT) {
                shape.packetsSent++;
                if (end == ConnectionShape.End.CLIENT && packet.flags() == TcpFlags.SYN && shape.syn == null) {
                    shape.syn = packet;
                }
            } else if (end == ConnectionShape.End.SERVER && packet.flags() == TcpFlags.SYN && shape.synArrival < 0) {
                shape.synArrival = offset;
            } else if (end == ConnectionShape.End.CLIENT && packet.has(TcpFlags.SYN) && shape.synAckArrival < 0) {
                shape.synAckArrival = offset;
            }
        }

        private void counted(ConnectionShape.End end, TcpState state, long reported) {
            long[] counts = end == ConnectionShape.End.CLIENT ? clientCounts : serverCounts;
            // The pcbs alone: a replay makes and removes its syncache entry for real.
            long count = state == TcpState.SYN_RECEIVED
                    ? reported - TcpReplay.listedSyncacheEntries((end == ConnectionShape.End.CLIENT ? pool : server).tcp())
                    : reported;
            int delta = (int) (count - counts[state.ordinal()]);
            counts[state.ordinal()] = count;
            if (delta == 0) {
                return;
            }
            long offset = sim.now() - start;
            shape.effects.add(new ConnectionShape.CountChanged(offset, end, state, delta));
            if (end == ConnectionShape.End.SERVER && state == TcpState.CLOSED && delta > 0 && shape.pcbMade < 0) {
                shape.pcbMade = offset;
            }
            if (end == ConnectionShape.End.SERVER && state == TcpState.TIME_WAIT && delta > 0) {
                shape.timeWait = offset;
            }
        }

        void unlinked() {
            unlinkedSeen = true;
        }

        void linked(DynamicState state) {
            if (dyn == null) {
                dyn = state;
                shape.dynRule = state.ruleNumber();
            }
        }

        /** After every event: a new snapshot of the dynamic state when a packet changed it. */
        private TcpSocket socket;
        private boolean done;
        private boolean failed;

        void connected(TcpSocket socket) {
            this.socket = socket;
            failed = socket == null;
        }

        /** The shape once complete, null before (or when the connection was not replayable). */
        ConnectionShape shape() {
            return done && !failed ? shape : null;
        }

        boolean failed() {
            return failed;
        }

        void afterEvent() {
            if (done || failed) {
                return;
            }
            refreshed();
            if (shape.clientGone < 0 && socket != null && pool.tcp().connection(socket.connection().flow()) == null) {
                shape.clientGone = sim.now() - start;
            }
            if (shape.clientGone >= 0 && shape.timeWait >= 0) {
                done = true;
                failed = !finish();
            }
        }

        private void refreshed() {
            if (dyn == null) {
                return;
            }
            ConnectionShape.DynRefreshed now = snapshot(dyn);
            if (shape.dynLinked == null) {
                // As the SYN's event left it: linked, then refreshed by the SYN itself.
                shape.dynLinked = now;
                lastDyn = now;
            } else if (!sameFields(now, lastDyn)) {
                shape.effects.add(now);
                lastDyn = now;
            }
        }

        private ConnectionShape.DynRefreshed snapshot(DynamicState q) {
            return new ConnectionShape.DynRefreshed(sim.now() - start, q.stateBits(),
                    q.expire() - server.host().uptimeSeconds(), q.packets(), q.bytes(), q.ackFwd(), q.ackRev());
        }

        private boolean sameFields(ConnectionShape.DynRefreshed a, ConnectionShape.DynRefreshed b) {
            return a.stateBits() == b.stateBits() && a.packets() == b.packets() && a.bytes() == b.bytes()
                    && a.ackFwd() == b.ackFwd() && a.ackRev() == b.ackRev() && expireOf(a) == expireOf(b);
        }

        private long expireOf(ConnectionShape.DynRefreshed d) {
            return SimTime.wholeSeconds(start + d.offset() - server.host().bootTime()) + d.lifetime();
        }

        /** Takes the shape as the connection's last event left the sandbox; false when it cannot be replayed. */
        private boolean finish() {
            FlowKey clientFlow = socket.connection().flow();
            FlowKey serverFlow = FlowKey.of(Protocol.TCP, clientFlow.addressHigh() == poolAddress
                    ? clientFlow.addressLow() : clientFlow.addressHigh(), traffic.port(), poolAddress,
                    socket.connection().localPort());
            TcpConnection served = server.tcp().connection(serverFlow);
            if (served == null || !TcpReplay.copyable(served) || pool.tcp().connection(clientFlow) != null
                    || shape.syn == null || shape.synArrival < 0 || shape.synAckArrival < 0 || shape.pcbMade < 0
                    || shape.clientGone < 0 || unlinkedSeen || synAcksRetransmitted()
                    || !(shape.synArrival < shape.synAckArrival
                    && shape.synAckArrival < shape.pcbMade && shape.pcbMade <= shape.clientGone)) {
                return false;
            }
            if (dyn != null && (shape.dynLinked.offset() != shape.synArrival
                    || !IpfwReplay.replayable(server.ipfw().get(), shape.dynRule))) {
                return false; // a limit rule's parent state is not replayed
            }
            shape.timeWaitPrototype = served;
            shape.twListedAt = TcpReplay.timeWaitListedAt(served);
            shape.twoMslAt = TcpReplay.detach(served);
            shape.clientTsOffset = TcpReplay.tsOffset(pool.tcp(), clientFlow);
            shape.serverIss = served.iss();
            shape.clientIss = served.irs();
            shape.events = sim.simulator().eventsProcessed() - eventsBefore
                    - (server.ipfw().map(Ipfw::ticksRun).orElse(0L) - ticksBefore)
                    - (TcpReplay.timeWaitWalks(server.tcp()) - walksBefore);
            long[] trace = traceCounts();
            for (int i = 0; i < trace.length; i++) {
                trace[i] -= traceBefore[i];
            }
            shape.traceCounts = trace;
            long[][] rules = ruleCounts();
            List<IpfwRule> list = server.ipfw().map(Ipfw::rules).orElse(List.of());
            for (int i = 0; i < list.size(); i++) {
                long packets = rules[i][0] - (i < rulesBefore.length ? rulesBefore[i][0] : 0);
                long bytes = rules[i][1] - (i < rulesBefore.length ? rulesBefore[i][1] : 0);
                if (packets != 0 || bytes != 0) {
                    shape.ruleCounters.put(list.get(i).number(), new long[] {packets, bytes});
                }
            }
            shape.effects.sort(java.util.Comparator.comparingLong(ConnectionShape.Effect::offset));
            shape.effects.replaceAll(this::relativeAcks);
            if (shape.dynLinked != null) {
                shape.dynLinked = (ConnectionShape.DynRefreshed) relativeAcks(shape.dynLinked);
            }
            shape.spanEnd = shape.effects.isEmpty() ? 0 : shape.effects.get(shape.effects.size() - 1).offset();
            return shape.spanEnd == sim.now() - start;
        }

        /** A refresh's stored acks made relative to their ISS (0 stays 0: none stored). */
        private ConnectionShape.Effect relativeAcks(ConnectionShape.Effect e) {
            if (!(e instanceof ConnectionShape.DynRefreshed d)) {
                return e;
            }
            return new ConnectionShape.DynRefreshed(d.offset(), d.stateBits(), d.lifetime(), d.packets(), d.bytes(),
                    d.ackFwd() == 0 ? 0 : d.ackFwd() - shape.serverIss, d.ackRev() == 0 ? 0 : d.ackRev() - shape.clientIss);
        }

        private long[] traceCounts() {
            long[] out = new long[TraceKind.values().length];
            for (TraceKind kind : TraceKind.values()) {
                out[kind.ordinal()] = sim.trace().counter(kind);
            }
            return out;
        }

        private long[][] ruleCounts() {
            List<IpfwRule> list = server.ipfw().map(Ipfw::rules).orElse(List.of());
            long[][] out = new long[list.size()][];
            for (int i = 0; i < list.size(); i++) {
                out[i] = new long[] {list.get(i).packets(), list.get(i).bytes()};
            }
            return out;
        }
    }
}
