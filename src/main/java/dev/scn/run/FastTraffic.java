package dev.scn.run;

import dev.scn.engine.Machine;
import dev.scn.engine.Simulation;
import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.flow.Protocol;
import dev.scn.engine.ipfw.Ipfw;
import dev.scn.engine.ipfw.IpfwReplay;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.net.Link;
import dev.scn.engine.net.Network;
import dev.scn.engine.tcp.TcpReplay;
import dev.scn.model.Scenario;
import dev.scn.model.TrafficDecl;

import java.util.function.BooleanSupplier;

/**
 * The fast way for the normal clients of one traffic block: a connection nothing can tell from
 * the one recorded in the sandbox is replayed from its shape instead of simulated packet by
 * packet. "Nothing can tell" is checked when it starts: no observation while it is under way,
 * the trace keeps no detail of it, the path is plain (no loss, jitter, filter, blackhole), the
 * server has a plain listener with room in its syncache and ipfw table, nothing holds its
 * 4-tuple, and no ipfw keepalive tick would probe its state before it ends. Anything else is
 * simulated in detail, as every connection is without the fast way.
 */
final class FastTraffic {
    /**
     * Room kept in ipfw's table beyond the replays not yet linked: states other SYNs may make
     * while a replayed SYN is in flight. The syncache keeps half its bucket limit free in all,
     * so that no bucket can overflow.
     */
    private static final int MARGIN = 256;

    private final Simulation sim;
    private final Scenario scenario;
    private final TrafficDecl traffic;
    private final Machine clients;
    private final Machine server;
    private final Link link;
    private final QuietTimes quiet;
    private final BooleanSupplier tapsOnlyCount;
    private final ReplayBacklog backlog;
    private ShapeRecorder recorder;
    private ConnectionShape[] shapes;
    private boolean[] unshaped;
    private final java.util.List<ConnectionShape> distinct = new java.util.ArrayList<>();
    private int pendingLinks;
    private long replayed;

    FastTraffic(Simulation sim, Scenario scenario, TrafficDecl traffic, Machine clients, Link link, QuietTimes quiet,
                BooleanSupplier tapsOnlyCount, ReplayBacklog backlog) {
        this.sim = sim;
        this.scenario = scenario;
        this.traffic = traffic;
        this.clients = clients;
        this.server = sim.machine(traffic.target());
        this.link = link;
        this.quiet = quiet;
        this.tapsOnlyCount = tapsOnlyCount;
        this.backlog = backlog;
    }

    Machine clients() {
        return clients;
    }

    Machine server() {
        return server;
    }

    /** The server's ipfw, or null (kept once found: asked several times per connection). */
    Ipfw ipfw() {
        if (ipfw == null) {
            ipfw = server.ipfw().orElse(null);
        }
        return ipfw;
    }

    private Ipfw ipfw;

    Network network() {
        return sim.network();
    }

    Simulator simulator() {
        return sim.simulator();
    }

    /**
     * A normal client at {@code source} got {@code port} from connect(2): replays its connection
     * and returns true, or returns false when it must be simulated in detail.
     */
    boolean replay(int source, int port) {
        long now = sim.now();
        if (!plainPath() || !tapsOnlyCount.getAsBoolean() || !sim.trace().autoDetailFull()) {
            return false;
        }
        ConnectionShape shape = shapeFor(now);
        if (shape == null) {
            return false;
        }
        int serverAddress = server.host().primaryAddress();
        FlowKey flow = FlowKey.of(Protocol.TCP, source, port, serverAddress, traffic.port());
        if (sim.trace().detailed(flow) || !quiet.quiet(now, now + shape.spanEnd)
                || !TcpReplay.serverReady(server.tcp(), traffic.port(), flow)
                || 2 * (server.tcp().syncacheSize() + pendingLinks + 1) > TcpReplay.syncacheBucketLimit(server.tcp())) {
            return false;
        }
        Ipfw ipfw = ipfw();
        if (ipfw != null && (IpfwReplay.hasState(ipfw, source, port, serverAddress, traffic.port())
                || IpfwReplay.room(ipfw) <= pendingLinks + MARGIN || tickWouldProbe(ipfw, shape, now))) {
            return false;
        }
        int iss = TcpReplay.openClient(clients.tcp(), flow, port);
        sim.trace().addCounts(shape.traceCounts);
        if (ipfw != null) {
            if (shape.liveRules == null) {
                shape.liveRules = IpfwReplay.rules(ipfw, shape.dynRule, shape.ruleCounters);
            }
            IpfwReplay.addRuleCounts(shape.liveRules);
        }
        // The sandbox counted the connect event and one event per step this replay runs itself.
        sim.simulator().countReplayedEvents(shape.events - 1 - shape.steps());
        ReplayedConnection connection = new ReplayedConnection(this, shape, now, source, port, iss, flow);
        pendingLinks++;
        replayed++;
        connection.begin();
        backlog.add(connection);
        return true;
    }

    /** Connections replayed so far. */
    long replayed() {
        return replayed;
    }

    /** The SYN of a replayed connection made its entry and state. */
    void linked(ReplayedConnection replayed) {
        pendingLinks--;
    }

    private boolean plainPath() {
        return link.isUp() && plain(link.from(clients.host())) && plain(link.from(server.host()))
                && server.host().isPowered() && server.host().isReachable()
                && server.host().externalInterface().isUp() && clients.host().externalInterface().isUp();
    }

    private static boolean plain(Link.Way way) {
        return way.jitter() == 0 && way.lossPercent() == 0 && !way.isBlackhole() && way.filters().isEmpty();
    }

    /**
     * Whether an ipfw tick between the SYN's arrival and the connection's last effect would find
     * its state due for keepalives (the tick runs after the instant's replayed refreshes).
     */
    private boolean tickWouldProbe(Ipfw ipfw, ConnectionShape shape, long start) {
        long tick = IpfwReplay.nextTick(ipfw);
        long period = IpfwReplay.tickPeriod(ipfw);
        if (tick == Long.MAX_VALUE || shape.dynLinked == null) {
            return false;
        }
        long first = start + shape.synArrival;
        if (tick < first) {
            tick += Math.floorDiv(first - tick + period - 1, period) * period;
        }
        long boot = server.host().bootTime();
        for (long t = tick; t <= start + shape.spanEnd; t += period) {
            ConnectionShape.DynRefreshed d = shape.dynAt(t - start);
            long expire = SimTime.wholeSeconds(start + d.offset() - boot) + d.lifetime();
            if (IpfwReplay.wouldProbe(ipfw, d.stateBits(), expire, SimTime.wholeSeconds(t - boot))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A recording in the sandbox. The sandbox only saves time: if it fails in a way nobody foresaw,
     * the run goes on in detail (every later connection of the block simulated) rather than fail.
     */
    private ConnectionShape record(int phase) {
        if (broken) {
            return null;
        }
        try {
            return recorder.record(phase);
        } catch (RuntimeException e) {
            broken = true;
            return null;
        }
    }

    private boolean broken;

    /** The shape for a start in this phase of the TCP tick, recorded the first time it is asked for. */
    private ConnectionShape shapeFor(long now) {
        if (recorder == null) {
            recorder = new ShapeRecorder(scenario, traffic);
            shapes = new ConnectionShape[(int) recorder.tickMicros()];
            unshaped = new boolean[shapes.length];
        }
        int phase = (int) Math.floorMod(now, recorder.tickMicros());
        if (shapes[phase] == null && !unshaped[phase]) {
            ConnectionShape shape = record(phase);
            unshaped[phase] = shape == null;
            if (shape != null) {
                for (ConnectionShape known : distinct) {
                    if (known.sameEffects(shape)) {
                        shape.effects = known.effects;
                        shape.compiled = known.compiled;
                        break;
                    }
                }
                if (shape.compiled == null) {
                    shape.compile();
                    distinct.add(shape);
                }
            }
            shapes[phase] = shape;
        }
        return shapes[phase];
    }
}
