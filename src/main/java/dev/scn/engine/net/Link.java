package dev.scn.engine.net;

import dev.scn.fact.Fact.DropBy;
import dev.scn.engine.kernel.Simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A bidirectional path between two hosts, made of two independent one-way halves. Each half has
 * its own delay, jitter, loss, filters and blackhole, and its own random stream, so changing one
 * direction never changes the other's numbers.
 */
public final class Link {
    private final Host a;
    private final Host b;
    private final Way aToB;
    private final Way bToA;
    private boolean up = true;

    Link(Simulator simulator, Host a, Host b) {
        this.a = a;
        this.b = b;
        this.aToB = new Way(simulator.random("link " + a.name() + "->" + b.name()));
        this.bToA = new Way(simulator.random("link " + b.name() + "->" + a.name()));
    }

    public Host a() {
        return a;
    }

    public Host b() {
        return b;
    }

    public boolean isUp() {
        return up;
    }

    /** {@code link A B down|up}: a cut cable; packets in flight still arrive. */
    public void setUp(boolean up) {
        this.up = up;
    }

    /** The half that carries packets from {@code from} to the other end. */
    public Way from(Host from) {
        if (from == a) {
            return aToB;
        }
        if (from == b) {
            return bToA;
        }
        throw new IllegalArgumentException(from.name() + " is not an end of this link");
    }

    /** Both halves at once: the usual {@code link A B delay 40ms}. */
    public void setDelay(long micros) {
        aToB.delay = micros;
        bToA.delay = micros;
    }

    public void setJitter(long micros) {
        aToB.jitter = micros;
        bToA.jitter = micros;
    }

    public void setLossPercent(double percent) {
        aToB.lossPercent = percent;
        bToA.lossPercent = percent;
    }

    /** One direction of a link. */
    public static final class Way {
        private final SplittableRandom random;
        private final List<PathFilter> filters = new ArrayList<>();
        private long delay;
        private long jitter;
        private double lossPercent;
        private boolean blackhole;
        private InFlight inFlight;

        Way(SplittableRandom random) {
            this.random = random;
        }

        public long delay() {
            return delay;
        }

        public void setDelay(long micros) {
            this.delay = micros;
        }

        public long jitter() {
            return jitter;
        }

        public void setJitter(long micros) {
            this.jitter = micros;
        }

        public double lossPercent() {
            return lossPercent;
        }

        public void setLossPercent(double percent) {
            this.lossPercent = percent;
        }

        public boolean isBlackhole() {
            return blackhole;
        }

        public void setBlackhole(boolean blackhole) {
            this.blackhole = blackhole;
        }

        public void addFilter(PathFilter filter) {
            filters.add(filter);
        }

        public List<PathFilter> filters() {
            return filters;
        }

        /** Why this half would drop the packet, or null; draws from the loss stream only when lossy. */
        DropBy dropReason(Packet packet) {
            if (blackhole) {
                return DropBy.BLACKHOLE;
            }
            for (int i = 0; i < filters.size(); i++) {
                PathFilter filter = filters.get(i);
                if (filter.takes(packet)) {
                    if (filter.spentForOneFlow()) {
                        // A lose-fin client's filter has done its one job: kept, one per such
                        // connection would pile up for the whole run, each read for every packet.
                        filters.remove(i);
                    }
                    return DropBy.PATH_FILTER;
                }
            }
            if (lossPercent > 0 && random.nextDouble() * 100.0 < lossPercent) {
                return DropBy.LOSS;
            }
            return null;
        }

        /** The packets travelling this half toward {@code to}, as one event (made at the first use). */
        InFlight inFlight(Simulator simulator, Host to) {
            if (inFlight == null) {
                inFlight = new InFlight(simulator, to);
            }
            return inFlight;
        }

        /** One-way transit time of the next packet: delay plus uniform jitter in [0, jitter]. */
        long transitTime() {
            return jitter > 0 ? delay + random.nextLong(jitter + 1) : delay;
        }
    }
}
