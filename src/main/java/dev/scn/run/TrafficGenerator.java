package dev.scn.run;

import dev.scn.engine.kernel.Event;
import dev.scn.engine.Machine;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.Simulation;
import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.net.Link;
import dev.scn.engine.net.PathFilter;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.tcp.TcpReplay;
import dev.scn.engine.tcp.TcpSocket;
import dev.scn.engine.tcp.TcpStack;
import dev.scn.model.LinkDecl;
import dev.scn.model.Scenario;
import dev.scn.model.TrafficDecl;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code traffic} blocks: a pool of client addresses (one machine owning the whole CIDR, with
 * the target's release and a firewall that drops strays) opening connections to the target with
 * Poisson arrivals from the scenario seed, each client behaving as the mix says.
 */
final class TrafficGenerator {
    private final Simulation sim;
    private final Scenario scenario;
    /** Makes the fast way of a traffic block (null: every connection is simulated in detail). */
    private final java.util.function.BiFunction<TrafficDecl, Machine, FastTraffic> fastWay;

    TrafficGenerator(Simulation sim, Scenario scenario) {
        this(sim, scenario, null);
    }

    TrafficGenerator(Simulation sim, Scenario scenario,
                     java.util.function.BiFunction<TrafficDecl, Machine, FastTraffic> fastWay) {
        this.sim = sim;
        this.scenario = scenario;
        this.fastWay = fastWay;
    }

    void install() {
        for (TrafficDecl traffic : scenario.traffic()) {
            Machine target = sim.machine(traffic.target());
            List<Integer> pool = addresses(traffic);
            Machine clients = addPool(sim, scenario, traffic, pool);
            FastTraffic fast = fastWay == null ? null : fastWay.apply(traffic, clients);
            new Arrivals(traffic, clients, target, sim.network().link(clients.host(), target.host()), pool, fast)
                    .start();
        }
    }

    /**
     * The pool of a traffic block: one machine owning {@code addresses}, with the target's release
     * and a firewall that drops strays, linked to the target as the scenario's link line says.
     */
    static Machine addPool(Simulation sim, Scenario scenario, TrafficDecl traffic, List<Integer> addresses) {
        Machine target = sim.machine(traffic.target());
        Machine clients = sim.addMachine(traffic.name(), target.host().profile(), addresses, "em0");
        clients.setStrayPolicy(TcpStack.StrayPolicy.DROP);
        Link link = sim.link(traffic.name(), traffic.target());
        for (LinkDecl decl : scenario.links()) {
            boolean ours = (decl.a().equals(traffic.name()) && decl.b().equals(traffic.target()))
                    || (decl.b().equals(traffic.name()) && decl.a().equals(traffic.target()));
            if (ours) {
                link.setDelay(decl.delayMicros());
                link.setJitter(decl.jitterMicros());
                link.setLossPercent(decl.lossPercent());
            }
        }
        return clients;
    }

    /** Usable addresses of the pool: the network and broadcast addresses are left out below /31. */
    static List<Integer> addresses(TrafficDecl traffic) {
        int network = Ipv4.parse(traffic.network());
        int size = 1 << (32 - traffic.prefixLength());
        int base = network & (-1 << (32 - traffic.prefixLength()));
        List<Integer> out = new ArrayList<>();
        int first = size > 2 ? 1 : 0;
        int last = size > 2 ? size - 2 : size - 1;
        for (int i = first; i <= last; i++) {
            out.add(base + i);
        }
        return out;
    }

    /** The Poisson process of one traffic block: one reusable event. */
    private final class Arrivals extends Event {
        private final TrafficDecl traffic;
        private final Machine clients;
        private final Machine target;
        private final Link link;
        /** The pool's addresses, unboxed: one is drawn per arrival. */
        private final int[] pool;
        private final SplittableRandom random;
        private final FastTraffic fast;
        /** The block's shares and their total, read once: one is picked per arrival. */
        private final TrafficDecl.Share[] shares;
        private final double totalPercent;

        Arrivals(TrafficDecl traffic, Machine clients, Machine target, Link link, List<Integer> pool,
                 FastTraffic fast) {
            this.fast = fast;
            this.traffic = traffic;
            this.clients = clients;
            this.target = target;
            this.link = link;
            this.pool = pool.stream().mapToInt(Integer::intValue).toArray();
            this.random = sim.simulator().random("traffic " + traffic.name());
            this.shares = traffic.shares().toArray(new TrafficDecl.Share[0]);
            double total = 0;
            for (TrafficDecl.Share s : shares) {
                total += s.percent();
            }
            this.totalPercent = total;
        }

        void start() {
            scheduleNext(traffic.fromMicros());
        }

        private void scheduleNext(long after) {
            double gapSeconds = -Math.log(1.0 - random.nextDouble()) / traffic.ratePerSecond();
            long next = after + Math.max(1, Math.round(gapSeconds * SimTime.MICROS_PER_SECOND));
            long until = Math.min(traffic.untilMicros(), scenario.runMicros());
            if (next <= until) {
                sim.simulator().schedule(this, next);
            }
        }

        @Override
        protected void fire() {
            sim.trace().setCurrentCause(0);
            int source = pool[random.nextInt(pool.length)];
            TrafficDecl.Share share = pickShare();
            TcpSocket socket;
            if (fast != null && share.behaviour() == TrafficDecl.Behaviour.NORMAL) {
                // connect(2)'s port first, as the detailed way takes it; then replayed or simulated.
                int port = TcpReplay.choosePort(clients.tcp(), target.host().primaryAddress(), traffic.port());
                if (port != TcpReplay.NO_PORT && fast.replay(source, port)) {
                    scheduleNext(time());
                    return;
                }
                socket = TcpReplay.connectOnPort(clients.tcp(), source, port, target.host().primaryAddress(),
                        traffic.port(), new TrafficClient(sim, traffic, clients, share.behaviour(), share.parameterMicros()));
            } else {
                TrafficClient client = new TrafficClient(sim, traffic, clients, share.behaviour(),
                        share.parameterMicros());
                socket = clients.tcp().connect(null, source, target.host().primaryAddress(), traffic.port(), client);
            }
            // null: connect(2) failed with EADDRNOTAVAIL (counted by the pool's TCP); the client gives up.
            if (socket != null && share.behaviour() == TrafficDecl.Behaviour.LOSE_FIN) {
                link.from(clients.host()).addFilter(new PathFilter(TcpFlags.FIN, 1, socket.connection().flow()));
            }
            if (socket != null && share.behaviour() == TrafficDecl.Behaviour.SYN_ONLY) {
                // The SYN is on its way; the spoofed source keeps no state, so the SYN-ACKs (first
                // and retransmitted) reach a pool that drops strays silently: no ACK, no RST.
                clients.forget(socket);
            }
            scheduleNext(time());
        }

        private TrafficDecl.Share pickShare() {
            if (shares.length == 0) {
                return new TrafficDecl.Share(100, TrafficDecl.Behaviour.NORMAL, 0, null);
            }
            double pick = random.nextDouble() * totalPercent;
            for (TrafficDecl.Share s : shares) {
                pick -= s.percent();
                if (pick < 0) {
                    return s;
                }
            }
            return shares[shares.length - 1];
        }
    }
}
