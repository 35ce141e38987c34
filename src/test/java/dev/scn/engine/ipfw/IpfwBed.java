package dev.scn.engine.ipfw;

import dev.scn.fact.Origin;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.net.Direction;
import dev.scn.engine.net.Host;
import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.net.Network;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.os.Profiles;
import dev.scn.engine.trace.CausalTrace;

import java.util.ArrayList;
import java.util.List;

/**
 * A server with ipfw and a client, one link of 10 ms, and a tap that records what the server's
 * ipfw sends. Segments are injected at exact instants with {@link #at}.
 */
final class IpfwBed {
    static final int SERVER = Ipv4.parse("192.0.2.10");
    static final int CLIENT = Ipv4.parse("198.51.100.7");
    static final int CPORT = 1030;
    static final int SPORT = 80;

    final Simulator sim = new Simulator(1, CausalTrace.withDefaults());
    final Network network = new Network(sim);
    final Host server;
    final Host client;
    final Ipfw ipfw;
    /** Packets the server sent (after its firewall), with the instant. */
    final List<Seen> sent = new ArrayList<>();

    record Seen(long time, Packet packet, String via) {
    }

    IpfwBed(String release, String... commands) {
        server = new Host(network, "server", Profiles.exact(release).orElseThrow(), List.of(SERVER), "em0");
        client = new Host(network, "client", Profiles.exact(release).orElseThrow(), List.of(CLIENT), "em0");
        network.addHost(server);
        network.addHost(client);
        network.connect(client, server).setDelay(SimTime.millis(10));
        ipfw = new Ipfw(server);
        for (String c : commands) {
            ipfw.execute(IpfwCommand.parse(c));
        }
        network.addTap((time, host, via, direction, packet) -> {
            if (host == server && direction == Direction.OUT) {
                sent.add(new Seen(time, packet, via.name()));
            }
        });
    }

    /** The usual rule set of the incident. */
    static IpfwBed standard(String release) {
        return new IpfwBed(release, "add 100 check-state", "add 200 allow tcp from any to me 80 setup keep-state");
    }

    void at(double seconds, Runnable action) {
        sim.schedule(Math.round(seconds * 1_000_000), action);
    }

    /** The client sends a segment at the instant; it reaches the server 10 ms later. */
    void fromClient(double seconds, int flags, int seq, int ack) {
        at(seconds, () -> client.send(Packet.tcp(CLIENT, CPORT, SERVER, SPORT).flags(flags).seq(seq).ack(ack)
                .window(65535).build()));
    }

    /** The server sends a segment at the instant (through its own ipfw on output). */
    void fromServer(double seconds, int flags, int seq, int ack) {
        at(seconds, () -> server.send(Packet.tcp(SERVER, SPORT, CLIENT, CPORT).flags(flags).seq(seq).ack(ack)
                .window(65535).build()));
    }

    /** SYN at t, SYN-ACK at t+0.02, ACK at t+0.04: client ISN 1000, server ISN 5000. */
    void handshake(double t) {
        fromClient(t, TcpFlags.SYN, 1000, 0);
        fromServer(t + 0.02, TcpFlags.SYN | TcpFlags.ACK, 5000, 1001);
        fromClient(t + 0.04, TcpFlags.ACK, 1001, 5001);
    }

    void runUntil(double seconds) {
        sim.run(Math.round(seconds * 1_000_000), 10_000_000);
    }

    DynamicState onlyState() {
        List<DynamicState> states = ipfw.states();
        if (states.size() != 1) {
            throw new AssertionError("expected one state, got " + states);
        }
        return states.get(0);
    }

    /** Remaining seconds of the only state, as ipfw -d show would print it. */
    long remaining() {
        return onlyState().remaining(ipfw.now());
    }

    List<Seen> keepalives() {
        List<Seen> out = new ArrayList<>();
        for (Seen s : sent) {
            if (s.packet().origin() == dev.scn.fact.Origin.IPFW_KEEPALIVE) {
                out.add(s);
            }
        }
        return out;
    }

    String execute(String command) {
        return ipfw.execute(IpfwCommand.parse(command));
    }

    long sysctl(String name) {
        return server.sysctls().get("net.inet.ip.fw." + name);
    }
}
