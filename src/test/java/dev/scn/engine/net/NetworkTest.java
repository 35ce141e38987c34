package dev.scn.engine.net;

import dev.scn.engine.flow.Ipv4;

import dev.scn.fact.Origin;
import dev.scn.fact.Fact.DropBy;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.os.Profiles;
import dev.scn.engine.trace.CausalTrace;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkTest {
    private static final int A_IP = Ipv4.parse("10.0.0.1");
    private static final int B_IP = Ipv4.parse("10.0.0.2");

    private final Simulator sim = new Simulator(1, CausalTrace.withDefaults());
    private final Network net = new Network(sim);
    private final Host a = new Host(net, "a", Profiles.exact("5.4").orElseThrow(), List.of(A_IP), "em0");
    private final Host b = new Host(net, "b", Profiles.exact("5.4").orElseThrow(), List.of(B_IP), "em0");
    private final List<Long> arrivals = new ArrayList<>();

    NetworkTest() {
        net.addHost(a);
        net.addHost(b);
        b.setTcp(p -> arrivals.add(sim.now()));
    }

    private Packet segment(int flags) {
        return Packet.tcp(A_IP, 1000, B_IP, 80).flags(flags).origin(Origin.INJECTED).build();
    }

    private void sendAt(long at, int flags) {
        sim.schedule(at, () -> a.send(segment(flags)));
    }

    @Test
    @DisplayName("a link delivers after its one-way delay")
    void delay() {
        net.connect(a, b).setDelay(SimTime.millis(40));
        sendAt(SimTime.seconds(1), TcpFlags.ACK);
        sim.run(SimTime.seconds(2), 100);
        assertEquals(List.of(SimTime.seconds(1) + SimTime.millis(40)), arrivals);
    }

    @Test
    @DisplayName("jitter stays within [delay, delay + jitter]")
    void jitterBounds() {
        Link link = net.connect(a, b);
        link.setDelay(SimTime.millis(10));
        link.setJitter(SimTime.millis(5));
        for (int i = 0; i < 200; i++) {
            sendAt(SimTime.seconds(i), TcpFlags.ACK);
        }
        sim.run(SimTime.seconds(300), 10_000);
        assertEquals(200, arrivals.size());
        for (int i = 0; i < 200; i++) {
            long transit = arrivals.get(i) - SimTime.seconds(i);
            assertTrue(transit >= SimTime.millis(10) && transit <= SimTime.millis(15), "transit " + transit);
        }
    }

    @Test
    @DisplayName("a path filter drops 'count' segments with the flags, one way only")
    void pathFilterCount() {
        Link link = net.connect(a, b);
        link.from(a).addFilter(new PathFilter(TcpFlags.FIN, 1));
        sendAt(SimTime.seconds(1), TcpFlags.FIN | TcpFlags.ACK);
        sendAt(SimTime.seconds(2), TcpFlags.ACK);
        sendAt(SimTime.seconds(3), TcpFlags.FIN | TcpFlags.ACK);
        sim.run(SimTime.seconds(5), 100);
        assertEquals(List.of(SimTime.seconds(2), SimTime.seconds(3)), arrivals);
        assertEquals(1, net.counters().dropped(DropBy.PATH_FILTER));
    }

    @Test
    @DisplayName("blackhole, link down and interface down drop; link up again delivers")
    void blackholeLinkAndInterface() {
        Link link = net.connect(a, b);
        link.from(a).setBlackhole(true);
        sendAt(SimTime.seconds(1), TcpFlags.ACK);
        sim.run(SimTime.seconds(1), 100);
        link.from(a).setBlackhole(false);
        link.setUp(false);
        sendAt(SimTime.seconds(2), TcpFlags.ACK);
        sim.run(SimTime.seconds(2), 100);
        link.setUp(true);
        b.externalInterface().setUp(false);
        sendAt(SimTime.seconds(3), TcpFlags.ACK);
        sim.run(SimTime.seconds(3), 100);
        b.externalInterface().setUp(true);
        sendAt(SimTime.seconds(4), TcpFlags.ACK);
        sim.run(SimTime.seconds(5), 100);
        assertEquals(List.of(SimTime.seconds(4)), arrivals);
        assertEquals(1, net.counters().dropped(DropBy.BLACKHOLE));
        assertEquals(1, net.counters().dropped(DropBy.LINK_DOWN));
        assertEquals(1, net.counters().dropped(DropBy.INTERFACE_DOWN));
    }

    @Test
    @DisplayName("seeded loss drops about the configured share, the same packets for the same seed")
    void seededLoss() {
        net.connect(a, b).setLossPercent(10);
        for (int i = 0; i < 5000; i++) {
            sendAt(SimTime.millis(i), TcpFlags.ACK);
        }
        sim.run(SimTime.seconds(10), 100_000);
        long lost = 5000 - arrivals.size();
        assertTrue(lost > 400 && lost < 600, "lost " + lost);
        assertEquals(lost, net.counters().dropped(DropBy.LOSS));
    }

    @Test
    @DisplayName("a packet to the host's own address travels lo0, at the same instant")
    void loopback() {
        List<String> seen = new ArrayList<>();
        net.addTap((time, host, via, direction, packet) -> seen.add(host.name() + " " + via.name() + " " + direction));
        b.setTcp(p -> arrivals.add(sim.now()));
        sim.schedule(SimTime.seconds(1), () -> b.send(Packet.tcp(A_IP, 5, B_IP, 80).origin(Origin.INJECTED).build()));
        sim.run(SimTime.seconds(2), 100);
        assertEquals(List.of(SimTime.seconds(1)), arrivals);
        assertEquals(List.of("b lo0 OUT"), seen);
    }

    @Test
    @DisplayName("a host that is down neither sends nor receives; a crash tells its stacks to drop their state")
    void hostDownAndCrash() {
        net.connect(a, b);
        int[] lost = {0};
        b.addLifecycleListener(new Host.Lifecycle() {
            @Override
            public void stateLost() {
                lost[0]++;
            }

            @Override
            public void booted() {
            }
        });
        b.setReachable(false);
        sendAt(SimTime.seconds(1), TcpFlags.ACK);
        sim.run(SimTime.seconds(1), 100);
        b.setReachable(true);
        b.crash();
        sendAt(SimTime.seconds(2), TcpFlags.ACK);
        sim.run(SimTime.seconds(2), 100);
        sim.schedule(SimTime.seconds(3), b::reboot);
        sendAt(SimTime.seconds(4), TcpFlags.ACK);
        sim.run(SimTime.seconds(5), 100);
        assertEquals(List.of(SimTime.seconds(4)), arrivals);
        assertEquals(2, lost[0]);
        assertEquals(SimTime.seconds(3), b.bootTime());
        assertEquals(2, net.counters().dropped(DropBy.HOST_DOWN));
    }
}
