package dev.scn.observe;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.ipfw.Ipfw;
import dev.scn.engine.ipfw.IpfwCommand;
import dev.scn.engine.net.Host;
import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.net.Network;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.os.Profiles;
import dev.scn.engine.trace.CausalTrace;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpfwListingTest {
    private static final int SERVER = Ipv4.parse("192.0.2.10");
    private static final int CLIENT = Ipv4.parse("198.51.100.7");

    private final Simulator sim = new Simulator(1, CausalTrace.withDefaults());
    private final Network network = new Network(sim);

    private Ipfw incident(String release) {
        Host server = new Host(network, "server", Profiles.exact(release).orElseThrow(), List.of(SERVER), "em0");
        Host client = new Host(network, "client", Profiles.exact(release).orElseThrow(), List.of(CLIENT), "em0");
        network.addHost(server);
        network.addHost(client);
        network.connect(client, server).setDelay(SimTime.millis(40));
        Ipfw ipfw = new Ipfw(server);
        for (String c : List.of("add 100 check-state", "add 200 allow tcp from any to me 80 setup keep-state",
                "add 300 allow tcp from any to me 80 keep-state", "add 65000 deny ip from any to any")) {
            ipfw.execute(IpfwCommand.parse(c));
        }
        // connection 1: handshake and a request; connection 2: a lone ACK (1 s state, dead later)
        sim.schedule(SimTime.seconds(1), () -> client.send(Packet.tcp(CLIENT, 1030, SERVER, 80)
                .flags(TcpFlags.SYN).seq(1000).mssOption(1460).build()));
        sim.schedule(SimTime.millis(1050), () -> server.send(Packet.tcp(SERVER, 80, CLIENT, 1030)
                .flags(TcpFlags.SYN | TcpFlags.ACK).seq(5000).ack(1001).mssOption(1460).build()));
        sim.schedule(SimTime.millis(1100), () -> client.send(Packet.tcp(CLIENT, 1030, SERVER, 80)
                .flags(TcpFlags.ACK | TcpFlags.PUSH).seq(1001).ack(5001).payloadLength(300).build()));
        sim.schedule(SimTime.seconds(5), () -> client.send(Packet.tcp(CLIENT, 1031, SERVER, 80)
                .flags(TcpFlags.ACK).seq(1).ack(1).build()));
        sim.run(SimTime.seconds(12), 1_000_000);
        return ipfw;
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = IpfwListingTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("model §4: ipfw -d show on 5.4: widths from the widest counter, header counts a dead state")
    void dynamicShowGolden() throws IOException {
        Ipfw ipfw = incident("5.4");
        assertEquals(golden("ipfw-d-show-5.4.txt"), IpfwListing.showDynamic(ipfw));
    }

    @Test
    @DisplayName("model §4: ipfw -d -e show also prints the dead state with (0s)")
    void dynamicExpiredShowGolden() throws IOException {
        Ipfw ipfw = incident("5.4");
        assertEquals(golden("ipfw-d-e-show-5.4.txt"), IpfwListing.showDynamicExpired(ipfw));
    }

    @Test
    @DisplayName("model §4: ipfw list prints rule bodies without counters")
    void listGolden() throws IOException {
        Ipfw ipfw = incident("5.4");
        assertEquals(golden("ipfw-list-5.4.txt"), IpfwListing.list(ipfw));
    }

    @Test
    @DisplayName("model §4: 4.x ipfw2 userland prints fixed %10qu counters")
    void fixedWidthsOn411() {
        Ipfw ipfw = incident("4.11");
        String text = IpfwListing.showDynamic(ipfw);
        assertTrue(text.startsWith("00100          0          0 check-state\n"), text);
        assertTrue(text.contains("\n00200          2        384 (289s) STATE tcp 198.51.100.7 1030 <-> 192.0.2.10 80\n"),
                text);
    }

    @Test
    @DisplayName("model §4: on 10.4 the swept dead state is neither counted nor listed")
    void sweptStateNotListed() {
        Ipfw ipfw = incident("10.4");
        assertTrue(IpfwListing.showDynamic(ipfw).contains("## Dynamic rules (1):\n"), IpfwListing.showDynamic(ipfw));
    }
}
