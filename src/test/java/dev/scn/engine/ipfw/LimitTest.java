package dev.scn.engine.ipfw;

import dev.scn.engine.Machine;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.Simulation;
import dev.scn.engine.app.HttpClient;
import dev.scn.engine.app.HttpServer;
import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.os.Profiles;
import dev.scn.engine.tcp.TcpSocket;
import dev.scn.engine.tcp.TcpState;
import dev.scn.observe.IpfwListing;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code limit src-addr 2} as [A] install_state does it: a parent per masked flow counting its
 * sessions; at the limit the rule's expired sessions are removed first, then the packet is
 * denied; unlinking a session decrements its parent.
 */
class LimitTest {
    private static final int SERVER = Ipv4.parse("192.0.2.10");
    private static final int CLIENT = Ipv4.parse("198.51.100.7");

    @Test
    @DisplayName("model §1/§3: limit src-addr 2 admits two sessions per source, denies the third, frees a slot when a session's state is gone")
    void limitSessionsPerSource() {
        Simulation sim = new Simulation(3);
        Machine server = sim.addMachine("server", Profiles.exact("5.4").orElseThrow(), List.of(SERVER), "em0");
        Machine client = sim.addMachine("client", Profiles.exact("5.4").orElseThrow(), List.of(CLIENT), "em0");
        server.ipfw("add 100 check-state");
        server.ipfw("add 200 allow tcp from any to me 22 setup limit src-addr 2");
        server.ipfw("add 65000 deny ip from any to any");
        server.listen(22, new HttpServer(0, 0, HttpServer.Ending.WAIT_FOR_CLIENT, 0));
        sim.link("client", "server").setDelay(SimTime.millis(10));
        TcpSocket[] c = new TcpSocket[4];
        for (int i = 0; i < 3; i++) {
            int n = i;
            sim.at(SimTime.seconds(i), "connect", () -> c[n] = client.connect("c" + n, SERVER, 22, new HttpClient(0, true)));
        }
        sim.runUntil(SimTime.seconds(10), 1_000_000);
        assertEquals(TcpState.ESTABLISHED, c[0].state());
        assertEquals(TcpState.ESTABLISHED, c[1].state());
        assertEquals(TcpState.SYN_SENT, c[2].state(), "the third SYN is denied");
        Ipfw ipfw = server.ipfw().orElseThrow();
        assertEquals(3, ipfw.dynCount(), "two sessions and their parent");
        assertEquals(2, ipfw.liveCount());
        String show = IpfwListing.showDynamic(ipfw);
        assertTrue(show.contains("## Dynamic rules (3):"), show);
        assertTrue(show.contains(" PARENT 2 tcp 198.51.100.7 0 <-> 0.0.0.0 0"), show);
        assertEquals(2, show.lines().filter(l -> l.contains(" LIMIT tcp 198.51.100.7 ")).count(), show);
        assertTrue(show.contains("allow tcp from any to me dst-port 22 setup limit src-addr 2"), show);

        // c0 closes at 20 s: FIN at 20.00, the server's ACK and then its FIN at 20.01, the last ACK
        // at 20.02; FIN both ways gives the state dyn_fin_lifetime (1 s) from each packet: dead
        // after 21.02 s. c2 (first SYN at 2 s) keeps retransmitting it with tcp_syn_backoff[]
        // (5.4: +3.0, then 3 s x 1,1,1,1,2 + 0.2 s slop: 5.0, 8.2, 11.4, 14.6, 17.8, 24.0 s); every
        // one before 24.0 s is denied; at 24.0 s the parent is at its limit, the rule's dead session
        // is removed and c2 gets the slot: SYN-ACK back at 24.02 s, ESTABLISHED.
        // c3 at 30 s finds two live sessions again and is denied.
        sim.at(SimTime.seconds(20), "close c0", () -> c[0].close());
        sim.at(SimTime.seconds(30), "connect c3", () -> c[3] = client.connect("c3", SERVER, 22, new HttpClient(0, true)));
        sim.runUntil(SimTime.millis(24_019), 1_000_000);
        assertEquals(TcpState.SYN_SENT, c[2].state());
        sim.runUntil(SimTime.millis(24_020), 1_000_000);
        assertEquals(TcpState.ESTABLISHED, c[2].state());
        sim.runUntil(SimTime.seconds(31), 1_000_000);
        assertEquals(TcpState.SYN_SENT, c[3].state());
        assertEquals(TcpState.ESTABLISHED, c[1].state());
        String after = IpfwListing.showDynamic(ipfw);
        assertTrue(after.contains(" PARENT 2 tcp 198.51.100.7 0 <-> 0.0.0.0 0"), after);
        assertEquals(3, ipfw.dynCount(), "c0's dead session was removed to make room");
    }

    @Test
    @DisplayName("deleting a limit rule removes its sessions and its parent")
    void deleteRemovesParents() {
        Simulation sim = new Simulation(3);
        Machine server = sim.addMachine("server", Profiles.exact("5.4").orElseThrow(), List.of(SERVER), "em0");
        Machine client = sim.addMachine("client", Profiles.exact("5.4").orElseThrow(), List.of(CLIENT), "em0");
        server.ipfw("add 100 check-state");
        server.ipfw("add 200 allow tcp from any to me 22 setup limit src-addr 2");
        server.listen(22, new HttpServer(0, 0, HttpServer.Ending.WAIT_FOR_CLIENT, 0));
        sim.link("client", "server").setDelay(SimTime.millis(10));
        sim.at(0, "connect", () -> client.connect("c", SERVER, 22, new HttpClient(0, true)));
        sim.runUntil(SimTime.seconds(5), 1_000_000);
        Ipfw ipfw = server.ipfw().orElseThrow();
        assertEquals(2, ipfw.dynCount());
        server.ipfw("delete 200");
        assertEquals(0, ipfw.dynCount());
    }
}
