package dev.scn.observe;

import dev.scn.engine.Machine;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.Simulation;
import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.app.HttpClient;
import dev.scn.engine.app.HttpServer;
import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.os.Profiles;
import dev.scn.engine.tcp.TcpSocket;
import dev.scn.engine.tcp.TcpStack;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The seed incident as SeedIncidentTest.Run builds it (FreeBSD 5.4 server behind ipfw
 * keep-state with dyn_keepalive=1; the client fetches 20k and then forgets the connection), with
 * captures attached before the run.
 */
final class SeedScenario {
    static final int SERVER = Ipv4.parse("192.0.2.10");
    static final int CLIENT = Ipv4.parse("198.51.100.7");

    final Simulation sim = new Simulation(2005);
    final Machine server;
    final Machine client;
    TcpSocket c1;

    SeedScenario() {
        server = sim.addMachine("server", Profiles.exact("5.4").orElseThrow(), List.of(SERVER), "em0");
        client = sim.addMachine("client", Profiles.exact("5.4").orElseThrow(), List.of(CLIENT), "em0");
        server.loadIpfwModule(); // the kernel has ipfw: its sysctls exist before the first rule
        server.sysctl("net.inet.ip.fw.dyn_keepalive", 1);
        server.ipfw("add 100 check-state");
        server.ipfw("add 200 allow tcp from any to me 80 setup keep-state");
        server.ipfw("add 65000 deny ip from any to any");
        server.listen(80, new HttpServer(300, 20 * 1024, HttpServer.Ending.CLOSE, 0));
        client.setStrayPolicy(TcpStack.StrayPolicy.DROP);
        sim.link("client", "server").setDelay(SimTime.millis(40));
        sim.at(0, "client connect server:80 as c1",
                () -> c1 = client.connect("c1", SERVER, 80, new HttpClient(300, false)));
        sim.at(SimTime.seconds(2), "client forget c1", () -> client.forget(c1));
    }

    Capture capture(Capture capture) {
        return capture.attachTo(sim.network());
    }

    void runUntil(long micros) {
        assertEquals(Simulator.RunOutcome.COMPLETED, sim.runUntil(micros, 100_000_000));
    }
}
