package dev.scn.engine;

import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.kernel.SimTime;

import dev.scn.engine.app.HttpClient;
import dev.scn.engine.app.HttpServer;
import dev.scn.engine.net.Direction;
import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.os.Profiles;
import dev.scn.engine.tcp.TcpStack;
import dev.scn.observe.TcpdumpFormatter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeterminismTest {
    private static final int SERVER = Ipv4.parse("192.0.2.10");
    private static final int CLIENT = Ipv4.parse("198.51.100.7");

    /** Twenty clients fetch 200k each over a lossy, jittery link; returns the trace digest and the packet trace. */
    private static String[] run(long seed) {
        Simulation sim = new Simulation(seed);
        Machine server = sim.addMachine("server", Profiles.exact("5.4").orElseThrow(), List.of(SERVER), "em0");
        Machine client = sim.addMachine("client", Profiles.exact("5.4").orElseThrow(), List.of(CLIENT), "em0");
        server.ipfw("add 100 check-state");
        server.ipfw("add 200 allow tcp from any to me 80 setup keep-state");
        server.ipfw("add 65000 deny ip from any to any");
        server.listen(80, new HttpServer(300, 200 * 1024, HttpServer.Ending.CLOSE, 0));
        client.setStrayPolicy(TcpStack.StrayPolicy.RST);
        var link = sim.link("client", "server");
        link.setDelay(SimTime.millis(30));
        link.setJitter(SimTime.millis(5));
        link.setLossPercent(3);
        StringBuilder packets = new StringBuilder();
        TcpdumpFormatter tcpdump = new TcpdumpFormatter();
        sim.network().addTap((time, host, via, direction, packet) -> {
            if (direction == Direction.OUT) {
                packets.append(tcpdump.format(time, packet)).append('\n');
            }
        });
        for (int i = 0; i < 20; i++) {
            sim.at(SimTime.millis(100L * i), "connect",
                    () -> client.connect("c", SERVER, 80, new HttpClient(300, true)));
        }
        assertEquals(Simulator.RunOutcome.COMPLETED, sim.runUntil(SimTime.seconds(3600), 10_000_000));
        return new String[] {sim.trace().digest(), packets.toString()};
    }

    @Test
    @DisplayName("the same scenario and seed twice give identical trace digests and packet traces")
    void sameSeedSameRun() {
        String[] first = run(2005);
        String[] second = run(2005);
        assertEquals(first[0], second[0]);
        assertEquals(first[1], second[1]);
        assertTrue(first[1].lines().count() > 2000, "the run did carry traffic");
    }

    @Test
    @DisplayName("with loss and jitter, two seeds give different runs")
    void otherSeedOtherRun() {
        String[] first = run(2005);
        String[] second = run(2006);
        assertNotEquals(first[0], second[0]);
        assertNotEquals(first[1], second[1]);
    }
}
