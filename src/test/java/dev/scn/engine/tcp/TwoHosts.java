package dev.scn.engine.tcp;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.net.Direction;
import dev.scn.engine.net.Host;
import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.net.Link;
import dev.scn.engine.net.Network;
import dev.scn.engine.net.Packet;
import dev.scn.engine.os.Profiles;
import dev.scn.engine.trace.CausalTrace;

import java.util.ArrayList;
import java.util.List;

/** Test fixture: a client and a server, 40 ms apart, with every packet recorded as it leaves its sender. */
final class TwoHosts {
    static final int SERVER_IP = Ipv4.parse("192.0.2.10");
    static final int CLIENT_IP = Ipv4.parse("198.51.100.7");

    final Simulator sim;
    final Network net;
    final Host server;
    final Host client;
    final TcpStack serverTcp;
    final TcpStack clientTcp;
    final Link link;
    final List<Sent> sent = new ArrayList<>();

    /** A packet as it left a host, and when. */
    record Sent(long time, String host, String via, Packet packet) {
        double seconds() {
            return time / (double) SimTime.MICROS_PER_SECOND;
        }
    }

    TwoHosts(String release) {
        sim = new Simulator(2005, CausalTrace.withDefaults());
        net = new Network(sim);
        server = new Host(net, "server", Profiles.exact(release).orElseThrow(), List.of(SERVER_IP), "em0");
        client = new Host(net, "client", Profiles.exact(release).orElseThrow(), List.of(CLIENT_IP), "em0");
        net.addHost(server);
        net.addHost(client);
        serverTcp = new TcpStack(server);
        clientTcp = new TcpStack(client);
        link = net.connect(client, server);
        link.setDelay(SimTime.millis(40));
        net.addTap((time, host, via, direction, packet) -> {
            if (direction == Direction.OUT) {
                sent.add(new Sent(time, host.name(), via.name(), packet));
            }
        });
    }

    void runUntil(long micros) {
        sim.run(micros, 50_000_000);
    }

    List<Sent> sentBy(String host) {
        return sent.stream().filter(s -> s.host().equals(host)).toList();
    }

    List<Sent> sentBetween(long from, long to) {
        return sent.stream().filter(s -> s.time() >= from && s.time() <= to).toList();
    }
}
