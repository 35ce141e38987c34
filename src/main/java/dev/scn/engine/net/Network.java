package dev.scn.engine.net;

import dev.scn.engine.flow.AddressMap;
import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.flow.Protocol;
import dev.scn.engine.flow.Ipv4;

import dev.scn.fact.Origin;
import dev.scn.fact.Fact.DropBy;
import dev.scn.engine.kernel.Event;
import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.trace.TraceKind;
import dev.scn.fact.Fact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts, the links between them, and packet transit. A packet leaving a host's external
 * interface is handed to the link toward the host that owns its destination address; there are
 * no routers in between (a path's behaviour is modelled on the link).
 */
public final class Network {
    private final Simulator simulator;
    private final Map<String, Host> hostsByName = new LinkedHashMap<>();
    private final AddressMap<Host> hostsByAddress = new AddressMap<>();
    /** In the order they were made (listings); {@link #linksByEnds} answers lookups. */
    private final List<Link> links = new ArrayList<>();
    /** The same links by their two ends, both ways round: the lookup made for every packet sent. */
    private final Map<Host, Map<Host, Link>> linksByEnds = new IdentityHashMap<>();
    private final List<PacketTap> taps = new ArrayList<>();
    private final PacketCounters counters = new PacketCounters();
    private long nextPacketId = 1;

    public Network(Simulator simulator) {
        this.simulator = simulator;
    }

    public Simulator simulator() {
        return simulator;
    }

    public void addHost(Host host) {
        if (hostsByName.putIfAbsent(host.name(), host) != null) {
            throw new IllegalArgumentException("duplicate host " + host.name());
        }
        for (int address : host.addresses()) {
            Host previous = hostsByAddress.putIfAbsent(address, host);
            if (previous != null) {
                throw new IllegalArgumentException("address " + Ipv4.format(address) + " of " + host.name()
                        + " already belongs to " + previous.name());
            }
        }
    }

    public Host host(String name) {
        return hostsByName.get(name);
    }

    public Host hostByAddress(int address) {
        return hostsByAddress.get(address);
    }

    public List<Host> hosts() {
        return List.copyOf(hostsByName.values());
    }

    public Link connect(Host a, Host b) {
        if (link(a, b) != null) {
            throw new IllegalArgumentException("duplicate link " + a.name() + " " + b.name());
        }
        Link link = new Link(simulator, a, b);
        links.add(link);
        linksByEnds.computeIfAbsent(a, h -> new IdentityHashMap<>()).put(b, link);
        linksByEnds.computeIfAbsent(b, h -> new IdentityHashMap<>()).put(a, link);
        return link;
    }

    public Link link(Host a, Host b) {
        Map<Host, Link> fromA = linksByEnds.get(a);
        return fromA == null ? null : fromA.get(b);
    }

    public List<Link> links() {
        return Collections.unmodifiableList(new ArrayList<>(links));
    }

    public void addTap(PacketTap tap) {
        taps.add(tap);
    }

    public PacketCounters counters() {
        return counters;
    }

    void tap(Host host, Interface via, Direction direction, Packet packet) {
        for (int i = 0; i < taps.size(); i++) {
            taps.get(i).packet(simulator.now(), host, via, direction, packet);
        }
    }

    long nextPacketId() {
        return nextPacketId++;
    }

    /**
     * The fast way's packets leaving {@code host} at one instant: each takes a packet id and is
     * counted and tapped as {@link Host#send} would, without travelling (the fast way runs only
     * when no tap reads packets arriving).
     */
    public void replaySent(Host host, SentTogether packets) {
        nextPacketId += packets.size();
        counters.sent(packets);
        Interface via = host.externalInterface();
        for (int i = 0; i < taps.size(); i++) {
            taps.get(i).sentTogether(simulator.now(), host, via, packets);
        }
    }

    /** Puts a packet that left {@code from}'s external interface on the wire. */
    void transmit(Host from, Packet packet) {
        Host to = hostsByAddress.get(packet.destination());
        Link link = to == null ? null : link(from, to);
        if (link == null) {
            drop(from, packet, DropBy.NO_ROUTE);
            return;
        }
        if (!link.isUp()) {
            drop(from, packet, DropBy.LINK_DOWN);
            return;
        }
        Link.Way way = link.from(from);
        DropBy reason = way.dropReason(packet);
        if (reason != null) {
            drop(from, packet, reason);
            return;
        }
        long at = Math.addExact(simulator.now(), way.transitTime());
        InFlight inFlight = simulator.kernel() == Simulator.Kernel.REFERENCE ? null : way.inFlight(simulator, to);
        if (inFlight != null && inFlight.accepts(at)) {
            inFlight.add(packet, at);
        } else {
            simulator.schedule(new Arrival(to, packet), at);
        }
    }

    /** Counts and traces a packet that went nowhere. */
    void drop(Host where, Packet packet, DropBy reason) {
        counters.countDrop(reason);
        FlowKey flow = packet.flowKey();
        if (simulator.trace().detailed(flow)) {
            simulator.trace().record(TraceKind.PACKET_DROPPED, where.name(), flow,
                    new Fact.PacketDropped(packet.segment(), reason, reason.description()));
        } else {
            simulator.trace().count(TraceKind.PACKET_DROPPED);
        }
    }

    /**
     * A packet reaching the far end of a link as an event of its own: under the reference kernel always, else when
     * it would overtake one sent before it on a jittered link; see {@link InFlight}.
     */
    private static final class Arrival extends Event {
        private final Host to;
        private final Packet packet;

        Arrival(Host to, Packet packet) {
            this.to = to;
            this.packet = packet;
        }

        @Override
        protected void fire() {
            to.receiveFromWire(packet);
        }
    }

    /** Packets sent by origin and TCP flag kind, and drops by reason, for the whole network. */
    public static final class PacketCounters {
        private final long[] sentByOrigin = new long[Origin.values().length];
        private final long[] dropped = new long[DropBy.values().length];
        private long rst;
        private long fin;
        private long syn;

        void sent(Packet packet) {
            sentByOrigin[packet.origin().ordinal()]++;
            if (packet.protocol() == Protocol.TCP) {
                if (packet.has(TcpFlags.RST)) {
                    rst++;
                }
                if (packet.has(TcpFlags.FIN)) {
                    fin++;
                }
                if (packet.has(TcpFlags.SYN)) {
                    syn++;
                }
            }
        }

        /** {@link #sent(Packet)} for each of them. */
        void sent(SentTogether packets) {
            for (int i = 0; i < packets.origins(); i++) {
                sentByOrigin[packets.origin(i).ordinal()] += packets.originCount(i);
            }
            rst += packets.tcpRst();
            fin += packets.tcpFin();
            syn += packets.tcpSyn();
        }

        void countDrop(DropBy reason) {
            dropped[reason.ordinal()]++;
        }

        public long sent(Origin origin) {
            return sentByOrigin[origin.ordinal()];
        }

        public long dropped(DropBy reason) {
            return dropped[reason.ordinal()];
        }

        public long rstSent() {
            return rst;
        }

        public long finSent() {
            return fin;
        }

        public long synSent() {
            return syn;
        }
    }
}
