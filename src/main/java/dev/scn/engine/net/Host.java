package dev.scn.engine.net;

import dev.scn.engine.flow.AddressMap;
import dev.scn.engine.flow.FlowKey;

import dev.scn.fact.Fact.DropBy;
import dev.scn.engine.kernel.Event;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.os.Profile;
import dev.scn.engine.os.Sysctls;
import dev.scn.engine.trace.TraceKind;
import dev.scn.fact.Fact;

import java.util.ArrayList;
import java.util.List;

/**
 * A simulated FreeBSD machine's IP layer: addresses, interfaces ({@code em0}, {@code lo0}),
 * the firewall hook and the transports above it.
 *
 * <p>Output ({@link #send}) and input follow ip_output/ip_input: the firewall sees a packet on the
 * way out before the interface, and on the way in after the interface received it (bpf sees it
 * there, before the firewall). A packet addressed to one of the host's own addresses travels
 * {@code lo0} and comes back in asynchronously, as netisr does, at the same simulated instant.
 * A packet with {@link Packet#skipFirewall()} (M_SKIP_FIREWALL) bypasses ipfw both ways.
 */
public final class Host {
    private final Network network;
    private final Simulator simulator;
    private final String name;
    private final Profile profile;
    private final Sysctls sysctls;
    private final List<Integer> addresses;
    /** The addresses again, for the per-packet "is this mine?" without boxing. */
    private final AddressMap<Host> addressSet = new AddressMap<>();
    private final Interface external;
    private final Interface loopback = new Interface("lo0", true);
    private final List<Lifecycle> lifecycleListeners = new ArrayList<>();
    private PacketFilter firewall;
    private Transport tcp;
    private Transport udp;
    private boolean powered = true;
    private boolean reachable = true;
    private long bootTime;

    public Host(Network network, String name, Profile profile, List<Integer> addresses, String interfaceName) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("host " + name + " needs an address");
        }
        this.network = network;
        this.simulator = network.simulator();
        this.name = name;
        this.profile = profile;
        this.sysctls = profile.newSysctls();
        this.addresses = List.copyOf(addresses);
        for (int address : this.addresses) {
            addressSet.putIfAbsent(address, this);
        }
        this.external = new Interface(interfaceName, false);
    }

    public String name() {
        return name;
    }

    public Profile profile() {
        return profile;
    }

    public Sysctls sysctls() {
        return sysctls;
    }

    public Simulator simulator() {
        return simulator;
    }

    public Network network() {
        return network;
    }

    public List<Integer> addresses() {
        return addresses;
    }

    public int primaryAddress() {
        return addresses.get(0);
    }

    public boolean owns(int address) {
        return addressSet.containsKey(address);
    }

    public Interface externalInterface() {
        return external;
    }

    public Interface loopbackInterface() {
        return loopback;
    }

    /** Looks an interface up by name ({@code em0}, {@code lo0}); null if the host has none such. */
    public Interface interfaceNamed(String interfaceName) {
        if (external.name().equals(interfaceName)) {
            return external;
        }
        return loopback.name().equals(interfaceName) ? loopback : null;
    }

    /** Installs the firewall (ipfw loaded). Without one every packet passes. */
    public void setFirewall(PacketFilter firewall) {
        this.firewall = firewall;
    }

    public void setTcp(Transport tcp) {
        this.tcp = tcp;
    }

    public void setUdp(Transport udp) {
        this.udp = udp;
    }

    public void addLifecycleListener(Lifecycle listener) {
        lifecycleListeners.add(listener);
    }

    /** Instant of the last boot; {@code time_uptime} counts from here. */
    public long bootTime() {
        return bootTime;
    }

    /** The kernel's {@code time_uptime}: whole seconds since boot. */
    public long uptimeSeconds() {
        return SimTime.wholeSeconds(simulator.now() - bootTime);
    }

    public boolean isPowered() {
        return powered;
    }

    public boolean isReachable() {
        return reachable;
    }

    /** {@code H down|up}: the host is cut off (nothing in, nothing out) but keeps its state and timers. */
    public void setReachable(boolean reachable) {
        this.reachable = reachable;
    }

    /** {@code H crash}: all state is lost and the host is silent until it reboots. */
    public void crash() {
        powered = false;
        for (Lifecycle listener : lifecycleListeners) {
            listener.stateLost();
        }
    }

    /** {@code H reboot}: state lost, then the host is up again with uptime counting from now. */
    public void reboot() {
        for (Lifecycle listener : lifecycleListeners) {
            listener.stateLost();
        }
        powered = true;
        bootTime = simulator.now();
        for (Lifecycle listener : lifecycleListeners) {
            listener.booted();
        }
    }

    private boolean alive() {
        return powered && reachable;
    }

    /** ip_output: sends a packet made by this host's TCP, ipfw or an injection. */
    public void send(Packet packet) {
        packet.assignId(network.nextPacketId());
        if (!alive()) {
            network.drop(this, packet, DropBy.HOST_DOWN);
            return;
        }
        boolean local = owns(packet.destination());
        Interface via = local ? loopback : external;
        // ip_output runs the pfil hooks (ipfw) before handing the packet to the interface, whose
        // if_output (ether_output) refuses it with ENETDOWN when the interface is down: a packet
        // to a down interface still passes, and updates, ipfw's dynamic state; bpf never sees it.
        if (!passesFirewall(packet, Direction.OUT, via)) {
            return;
        }
        if (!via.isUp()) {
            network.drop(this, packet, DropBy.INTERFACE_DOWN);
            return;
        }
        network.counters().sent(packet);
        traceSent(packet, via);
        network.tap(this, via, Direction.OUT, packet);
        if (local) {
            simulator.schedule(new LoopbackInput(this, packet), simulator.now());
        } else {
            network.transmit(this, packet);
        }
    }

    /** A packet made outside every modelled host arrives on the external interface. */
    public void arriveFromWire(Packet packet) {
        packet.assignId(network.nextPacketId());
        receiveFromWire(packet);
    }

    /** A packet arrived on the external interface from a link. */
    void receiveFromWire(Packet packet) {
        if (!alive()) {
            network.drop(this, packet, DropBy.HOST_DOWN);
            return;
        }
        if (!external.isUp()) {
            network.drop(this, packet, DropBy.INTERFACE_DOWN);
            return;
        }
        network.tap(this, external, Direction.IN, packet);
        input(packet, external);
    }

    private void input(Packet packet, Interface via) {
        if (!passesFirewall(packet, Direction.IN, via)) {
            return;
        }
        if (!owns(packet.destination())) {
            // FreeBSD hosts here do not forward (net.inet.ip.forwarding=0).
            network.drop(this, packet, DropBy.NOT_LOCAL);
            return;
        }
        FlowKey flow = packet.flowKey();
        if (simulator.trace().detailed(flow)) {
            simulator.trace().recordAndFollow(TraceKind.PACKET_DELIVERED, name, flow,
                    new Fact.PacketDelivered(packet.segment(), via.name()));
        } else {
            simulator.trace().count(TraceKind.PACKET_DELIVERED);
        }
        Transport transport = switch (packet.protocol()) {
            case TCP -> tcp;
            case UDP -> udp;
            case ICMP -> null;
        };
        if (transport != null) {
            transport.input(packet);
        }
    }

    private boolean passesFirewall(Packet packet, Direction direction, Interface via) {
        if (firewall == null || packet.skipFirewall()) {
            return true;
        }
        if (firewall.check(packet, direction, via) == PacketFilter.Verdict.PASS) {
            return true;
        }
        network.drop(this, packet, DropBy.FIREWALL);
        return false;
    }

    private void traceSent(Packet packet, Interface via) {
        FlowKey flow = packet.flowKey();
        if (simulator.trace().detailed(flow)) {
            simulator.trace().recordAndFollow(TraceKind.PACKET_SENT, name, flow, new Fact.PacketSent(packet.segment(), via.name()));
        } else {
            simulator.trace().count(TraceKind.PACKET_SENT);
        }
    }

    /** Receives lifecycle changes: TCP and ipfw drop their state when the host crashes or reboots. */
    public interface Lifecycle {
        void stateLost();

        void booted();
    }

    /** lo0's input queue, serviced after the sending code returns (netisr). */
    private static final class LoopbackInput extends Event {
        private final Host host;
        private final Packet packet;

        LoopbackInput(Host host, Packet packet) {
            this.host = host;
            this.packet = packet;
        }

        @Override
        protected void fire() {
            if (!host.powered) {
                host.network.drop(host, packet, DropBy.HOST_DOWN);
                return;
            }
            // bpf on lo0 saw the packet once, as it was looped back (if_simloop); no second tap here.
            host.input(packet, host.loopback);
        }
    }
}
