package dev.scn.observe;

import dev.scn.engine.net.Direction;
import dev.scn.engine.net.Host;
import dev.scn.engine.net.Interface;
import dev.scn.engine.net.Network;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.PacketTap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records packets for a pcap file, chosen in one of two ways:
 * <ul>
 *   <li>{@link #everySender()}: each packet once, as it leaves its sender (out on any host and
 *       interface, {@code lo0} included), so nothing anyone sent is missing;</li>
 *   <li>{@link #onInterface}: what {@code tcpdump -i IF} on one host would see: packets out of
 *       and into that interface. On {@code em0} a packet a host sends to itself is absent: it
 *       travels {@code lo0}, never the wire, and bpf on {@code lo0} sees it once.</li>
 * </ul>
 * Attach the capture before the run starts. It also numbers every host's outgoing packets, as
 * ip_output gives each datagram the next {@code ip_id} (FreeBSD's sequential ip_id; the counter
 * starts at 0 at boot here), so a packet carries the same identification in every capture.
 * Packets a host's firewall refused on the way out are never seen, so they take no number.
 */
public final class Capture implements PacketTap {
    private final Host host;
    private final Interface via;
    private final List<CapturedPacket> packets = new ArrayList<>();
    private final Map<Host, int[]> nextIpId = new IdentityHashMap<>();
    /** ip_id of packets on their way to the captured interface, by {@link Packet#id()}. */
    private final Map<Long, Integer> inFlightIpIds = new HashMap<>();

    private Capture(Host host, Interface via) {
        this.host = host;
        this.via = via;
    }

    /** Every packet as it leaves its sender: the default capture. */
    public static Capture everySender() {
        return new Capture(null, null);
    }

    /** What tcpdump on {@code host} would see on {@code via}, both directions. */
    public static Capture onInterface(Host host, Interface via) {
        if (host.interfaceNamed(via.name()) != via) {
            throw new IllegalArgumentException("interface " + via.name() + " is not one of " + host.name() + "'s");
        }
        return new Capture(host, via);
    }

    /**
     * {@code HOST} (its external interface, such as {@code em0}) or {@code HOST:IF}.
     *
     * @throws IllegalArgumentException naming the unknown host or interface
     */
    public static Capture onInterface(Network network, String where) {
        int colon = where.indexOf(':');
        String hostName = colon < 0 ? where : where.substring(0, colon);
        Host found = network.host(hostName);
        if (found == null) {
            throw new IllegalArgumentException("capture on " + where + ": no host named " + hostName);
        }
        if (colon < 0) {
            return onInterface(found, found.externalInterface());
        }
        String interfaceName = where.substring(colon + 1);
        Interface ifp = found.interfaceNamed(interfaceName);
        if (ifp == null) {
            throw new IllegalArgumentException("capture on " + where + ": " + hostName + " has no interface "
                    + interfaceName + " (it has " + found.externalInterface().name() + " and lo0)");
        }
        return onInterface(found, ifp);
    }

    /** Starts receiving the network's packets; returns this capture. */
    public Capture attachTo(Network network) {
        network.addTap(this);
        return this;
    }

    @Override
    public void packet(long time, Host at, Interface on, Direction direction, Packet packet) {
        boolean selected = host == null ? direction == Direction.OUT : at == host && on == via;
        if (direction == Direction.OUT) {
            int ipId = takeIpId(at);
            if (selected) {
                packets.add(new CapturedPacket(time, packet, ipId));
            } else if (host != null && host.owns(packet.destination())) {
                // Its number is needed when it comes in on the captured interface.
                inFlightIpIds.put(packet.id(), ipId);
            }
        } else if (selected) {
            Integer ipId = inFlightIpIds.remove(packet.id());
            // Absent only when the packet left before the capture was attached.
            packets.add(new CapturedPacket(time, packet, ipId == null ? 0 : ipId));
        }
    }

    private int takeIpId(Host sender) {
        int[] counter = nextIpId.computeIfAbsent(sender, h -> new int[1]);
        int ipId = counter[0];
        counter[0] = (ipId + 1) & 0xffff;
        return ipId;
    }

    /** The packets recorded so far, oldest first. */
    public List<CapturedPacket> packets() {
        return List.copyOf(packets);
    }

    /**
     * Writes the packets recorded so far as a pcap file (see {@link PcapWriter}), simulated time 0
     * being {@code startEpochSeconds} (the scenario's start, UTC seconds since 1970).
     */
    public void writePcap(Path file, long startEpochSeconds) throws IOException {
        PcapWriter.write(file, packets, startEpochSeconds);
    }
}
