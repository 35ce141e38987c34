package dev.scn.engine;

import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.kernel.SimTime;

import dev.scn.engine.app.HttpClient;
import dev.scn.engine.app.HttpServer;
import dev.scn.engine.ipfw.DynamicState;
import dev.scn.engine.ipfw.Ipfw;
import dev.scn.engine.net.Direction;
import dev.scn.engine.flow.Ipv4;
import dev.scn.fact.Origin;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.os.Profiles;
import dev.scn.engine.tcp.TcpConnection;
import dev.scn.engine.tcp.TcpSocket;
import dev.scn.engine.tcp.TcpStack;
import dev.scn.engine.tcp.TcpState;
import dev.scn.observe.Observations;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The incident that started the project, through the engine's Java API: Apache on FreeBSD
 * behind {@code ipfw ... keep-state}; the client fetches 20k, the server closes actively, the
 * client vanishes without FIN or RST (its firewall drops strays).
 *
 * <p>Common derivation. Link 40 ms each way. SYN at 0, SYN-ACK at 0.04 s, ACK and the 300-byte
 * request arrive at 0.12 s. The server's cwnd is 4380 bytes (RFC 3390) plus one MSS for the ACK
 * of its SYN: 4 segments at 0.12 s; two ACKs (every second segment) at 0.20 s open it to 6
 * segments; three ACKs at 0.28 s let the last 5 segments go, the last one 40 bytes with FIN
 * (4 + 6 + 5 segments = 14 x 1460 + 40 = 20480 bytes). The client's ACK of the FIN reaches the
 * server at A = 0.36 s: FIN_WAIT_2 with the socket closed, timer armed for maxidle 600 s.
 * ipfw's state: every packet after the handshake is in BOTH_SYN(+FIN) ack tracking; the last
 * refresh happens in second 0, so expire = 0 + dyn_ack_lifetime 300 = 300.
 * ipfw's tick (2002 code) runs at 1 s after boot and every 5 s: at 1 + 5k seconds.
 */
class SeedIncidentTest {
    static final int SERVER = Ipv4.parse("192.0.2.10");
    static final int CLIENT = Ipv4.parse("198.51.100.7");
    static final long A = SimTime.millis(360);
    static final long TWO_DAYS = SimTime.seconds(2 * 86_400);

    /** The run, with every packet as it leaves its sender. */
    static final class Run {
        final Simulation sim = new Simulation(2005);
        final Machine server;
        final Machine client;
        final List<Sent> sent = new ArrayList<>();
        TcpSocket c1;

        Run(String release) {
            server = sim.addMachine("server", Profiles.exact(release).orElseThrow(), List.of(SERVER), "em0");
            client = sim.addMachine("client", Profiles.exact(release).orElseThrow(), List.of(CLIENT), "em0");
            server.loadIpfwModule(); // the kernel has ipfw: its sysctls exist before the first rule
            server.sysctl("net.inet.ip.fw.dyn_keepalive", 1);
            server.ipfw("add 100 check-state");
            server.ipfw("add 200 allow tcp from any to me 80 setup keep-state");
            server.ipfw("add 65000 deny ip from any to any");
            server.listen(80, new HttpServer(300, 20 * 1024, HttpServer.Ending.CLOSE, 0));
            client.setStrayPolicy(TcpStack.StrayPolicy.DROP);
            sim.link("client", "server").setDelay(SimTime.millis(40));
            sim.network().addTap((time, host, via, direction, packet) -> {
                if (direction == Direction.OUT) {
                    sent.add(new Sent(time, host.name(), via.name(), packet));
                }
            });
            sim.at(0, "client connect server:80 as c1",
                    () -> c1 = client.connect("c1", SERVER, 80, new HttpClient(300, false)));
            sim.at(SimTime.seconds(2), "client forget c1", () -> client.forget(c1));
        }

        void runUntil(long micros) {
            assertEquals(Simulator.RunOutcome.COMPLETED, sim.runUntil(micros, 100_000_000));
        }

        TcpConnection serverConnection() {
            List<TcpConnection> all = server.tcp().connections();
            return all.isEmpty() ? null : all.get(0);
        }

        Ipfw ipfw() {
            return server.ipfw().orElseThrow();
        }

        List<Sent> ipfwKeepalives() {
            return sent.stream().filter(s -> s.packet().origin() == Origin.IPFW_KEEPALIVE).toList();
        }
    }

    record Sent(long time, String host, String via, Packet packet) {
    }

    /*
     * 5.4, keepalives on. The state expires at 300; the first tick with 0 < 300 - t < 20 is
     * t = 281 (1 + 5 x 56). Both probes go out; the one to the server travels lo0, the server's
     * TCP answers (seq snd_nxt, ack rcv_nxt), the answer passes check-state in reverse with
     * ack == ack_rev (equal counts) and sets expire = 281 + 300 = 581; it also resets t_rcvtime.
     * Next qualifying tick: 581 - t < 20 with t = 281 + 5k => k = 57, t = 566: period 285 s.
     * Cycles at 281 + 285k <= 172800 s: k = 0..605, 606 cycles, 1212 probes. The FIN_WAIT_2 timer
     * fires at A + 600 with the last segment at 566 (34.36 s ago <= 600) and keeps re-arming.
     */
    @Test
    @DisplayName("seed incident, 5.4: after 2 days FIN_WAIT_2 and the state are alive, refreshed every 285 s")
    void finWait2KeptAliveForever() {
        Run run = new Run("5.4");
        run.runUntil(SimTime.seconds(1));
        TcpConnection server = run.serverConnection();
        assertEquals(TcpState.FIN_WAIT_2, server.state());
        assertEquals(A, server.lastReceived());
        DynamicState state = run.ipfw().states().get(0);
        assertEquals(300, state.expire());

        run.runUntil(TWO_DAYS);
        assertEquals(TcpState.FIN_WAIT_2, server.state());
        assertEquals(1, Observations.tcpStateCounts(run.server).get("FIN_WAIT_2"));
        assertEquals(1, run.ipfw().liveCount());

        List<Sent> probes = run.ipfwKeepalives();
        assertEquals(1212, probes.size());
        for (int k = 0; k < 606; k++) {
            long cycle = SimTime.seconds(281 + 285L * k);
            assertEquals(cycle, probes.get(2 * k).time(), "cycle " + k);
            assertEquals(cycle, probes.get(2 * k + 1).time(), "cycle " + k);
        }
        // The last cycle at 172706 s set expire = 173006 s.
        assertEquals(173_006, state.expire());
        assertTrue(server.twoMslDeadline() > TWO_DAYS, "the FIN_WAIT_2 timer is still armed");
    }

    /*
     * One cycle, at 566 s, exactly. rcv_nxt = client ISS + 1 + 300, snd_nxt = snd_max = server
     * ISS + 1 + 20480 + 1 (the FIN). ack_fwd = snd_max (the client's last ACK), ack_rev =
     * rcv_nxt (the server's last ack). [A] ipfw_tick: send_pkt(id, ack_rev - 1, ack_fwd, TH_SYN)
     * toward the server, send_pkt(id, ack_fwd - 1, ack_rev, 0) toward the client, both plain
     * ACKs with window 0 and no options (th_off 5). The server's answer to the first: seq
     * snd_nxt, ack rcv_nxt, window field 33304: both 5.4 ends agreed on window scaling, the server
     * requesting shift 1 (the smallest with 65535 << s >= sb_hiwat = recvspace 65536, tcp_syncache.c
     * of 4.x-6.x); tcp_mss then rounded the receive buffer up to whole segments of t_maxseg less
     * the timestamp option (1448): 46 x 1448 = 66608, so recwin 66608 (nothing buffered, below
     * 65535 << 1) goes out as 66608 >> 1 = 33304.
     * 5.4 has no missing-timestamp rule, so the option-less keepalive is answered.
     */
    @Test
    @DisplayName("seed incident, 5.4: the exact packets of one keepalive/refresh cycle")
    void oneCycleExactly() {
        Run run = new Run("5.4");
        run.runUntil(SimTime.seconds(565));
        TcpConnection server = run.serverConnection();
        int rcvNxt = server.irs() + 1 + 300;
        int sndMax = server.iss() + 1 + 20480 + 1;
        assertEquals(rcvNxt, server.rcvNxt());
        assertEquals(sndMax, server.sndMax());
        int clientPort = server.foreignPort();
        int before = run.sent.size();
        run.runUntil(SimTime.seconds(567));
        List<Sent> cycle = run.sent.subList(before, run.sent.size());
        assertEquals(3, cycle.size(), cycle.toString());

        Sent toServer = cycle.stream().filter(s -> s.via().equals("lo0")).findFirst().orElseThrow();
        assertEquals(SimTime.seconds(566), toServer.time());
        assertPacket(toServer.packet(), CLIENT, clientPort, SERVER, 80, rcvNxt - 1, sndMax, TcpFlags.ACK, 0);
        assertEquals(Origin.IPFW_KEEPALIVE, toServer.packet().origin());

        Sent toClient = cycle.stream().filter(s -> s.packet().origin() == Origin.IPFW_KEEPALIVE
                && s.via().equals("em0")).findFirst().orElseThrow();
        assertEquals(SimTime.seconds(566), toClient.time());
        assertPacket(toClient.packet(), SERVER, 80, CLIENT, clientPort, sndMax - 1, rcvNxt, TcpFlags.ACK, 0);

        Sent answer = cycle.stream().filter(s -> s.packet().origin() == Origin.TCP).findFirst().orElseThrow();
        assertEquals(SimTime.seconds(566), answer.time());
        assertEquals("em0", answer.via());
        assertPacket(answer.packet(), SERVER, 80, CLIENT, clientPort, sndMax, rcvNxt, TcpFlags.ACK, 33304);

        assertEquals(SimTime.seconds(566), server.lastReceived());
        assertEquals(866, run.ipfw().states().get(0).expire());
    }

    /*
     * Fix: net.inet.ip.fw.dyn_keepalive=0. No probes ever. The state's life ends at 300 s (dead
     * when expire <= now); 5.4 reaps lazily, so dyn_count keeps counting it and `ipfw -d show`
     * prints "## Dynamic rules (1):" with no line. TCP: the timer fires at A + 600 with the last
     * segment exactly 600 s old (600 <= maxidle: re-armed 75 s), then at A + 675 with 675 s > 600:
     * the connection is gone at 675.36 s.
     */
    @Test
    @DisplayName("seed incident, 5.4 with dyn_keepalive=0: the state dies at 300 s, FIN_WAIT_2 at 675.36 s")
    void fixWithoutKeepalives() {
        Run run = new Run("5.4");
        run.server.sysctl("net.inet.ip.fw.dyn_keepalive", 0);
        run.runUntil(SimTime.seconds(300) - 1);
        assertEquals(1, run.ipfw().liveCount());
        run.runUntil(SimTime.seconds(300));
        assertEquals(0, run.ipfw().liveCount());
        run.runUntil(A + SimTime.seconds(675) - 1);
        assertNotNull(run.serverConnection());
        run.runUntil(A + SimTime.seconds(675));
        assertNull(run.serverConnection());
        run.runUntil(TWO_DAYS);
        assertTrue(run.ipfwKeepalives().isEmpty());
        assertEquals(1, run.ipfw().dynCount(), "lazy expiry: nothing walked the state's bucket");
        String show = Observations.ipfwDynamicShow(run.server);
        assertTrue(show.contains("## Dynamic rules (1):\n"), show);
        assertFalse(show.contains("STATE"), show);
        assertEquals(0, Observations.tcpStateCounts(run.server).get("FIN_WAIT_2"));
    }

    /*
     * 9.3 (2012 logic, [F]). An in-sequence ack sets ACK_FWD (client->server) or ACK_REV; when
     * both are set the state is refreshed and both cleared. At the end of the transfer the server's
     * FIN set ACK_REV; the client's first ACK (at 0.36 s) completes the pair: refresh to 300, both
     * cleared; its two following ACKs set ACK_FWD again. So at tick 281 the client side counts as
     * having answered: only the server-side probe goes; the server's answer sets ACK_REV, both are
     * set: expire = 281 + 300 = 581, both cleared. Tick 566: both probes; the server answers
     * (ACK_REV), the client never: ticks 571 and 576 probe the client side only; dead at 581.
     * TCP: last segment at 566 s; the checks at A + 600 + 75k re-arm while 0.36 + 600 + 75k - 566
     * <= 600, i.e. k <= 7; at k = 8 idle is 634.36 s: gone at A + 1200 = 1200.36 s.
     */
    @Test
    @DisplayName("seed incident, 9.3: refresh needs both sides; one stale ACK_FWD buys one cycle; state dies at 581 s, FIN_WAIT_2 at 1200.36 s")
    void bothSidesLogicEndsTheLoop() {
        Run run = new Run("9.3");
        run.runUntil(SimTime.seconds(565));
        List<Sent> first = run.ipfwKeepalives();
        assertEquals(1, first.size(), first.toString());
        assertEquals(SimTime.seconds(281), first.get(0).time());
        assertEquals(SERVER, first.get(0).packet().destination(), "only the server side is probed at 281 s");
        assertEquals(581, run.ipfw().states().get(0).expire());

        run.runUntil(SimTime.seconds(580));
        List<Sent> probes = run.ipfwKeepalives();
        assertEquals(5, probes.size(), probes.toString());
        assertEquals(2, probes.stream().filter(s -> s.time() == SimTime.seconds(566)).count());
        for (long t : new long[] {571, 576}) {
            List<Sent> at = probes.stream().filter(s -> s.time() == SimTime.seconds(t)).toList();
            assertEquals(1, at.size());
            assertEquals(CLIENT, at.get(0).packet().destination(), "ACK_REV suppresses the server-side probe");
        }
        assertEquals(1, run.ipfw().liveCount());
        run.runUntil(SimTime.seconds(581));
        assertEquals(0, run.ipfw().liveCount());
        TcpConnection server = run.serverConnection();
        assertEquals(SimTime.seconds(566), server.lastReceived());
        run.runUntil(A + SimTime.seconds(1200) - 1);
        assertNotNull(run.serverConnection());
        run.runUntil(A + SimTime.seconds(1200));
        assertNull(run.serverConnection());
        run.runUntil(TWO_DAYS);
        assertEquals(5, run.ipfwKeepalives().size());
    }

    /*
     * 7.4 with net.inet.tcp.fast_finwait2_recycle=1: the FIN_WAIT_2 timer is armed at A with
     * finwait2_timeout 60 s and closes the connection at 60.36 s. ipfw (2002 logic) still probes
     * at 281; the server has no connection any more, its listener on port 80 answers the probe's
     * ACK with an RST (seq = the probe's ack), which passes check-state in reverse: the state gets
     * an RST bit and expire = 281 + dyn_rst_lifetime 1 = 282.
     */
    @Test
    @DisplayName("seed incident, 7.4 + fast_finwait2_recycle=1: FIN_WAIT_2 gone at 60.36 s, state at 282 s")
    void fastRecycleEndsIt() {
        Run run = new Run("7.4");
        run.server.sysctl("net.inet.tcp.fast_finwait2_recycle", 1);
        run.runUntil(A + SimTime.seconds(60) - 1);
        assertNotNull(run.serverConnection());
        run.runUntil(A + SimTime.seconds(60));
        assertNull(run.serverConnection());
        run.runUntil(SimTime.seconds(282) - 1);
        assertEquals(1, run.ipfw().liveCount());
        Sent rst = run.sent.stream().filter(s -> s.host().equals("server") && s.packet().has(TcpFlags.RST))
                .findFirst().orElseThrow();
        assertEquals(SimTime.seconds(281), rst.time());
        run.runUntil(SimTime.seconds(282));
        assertEquals(0, run.ipfw().liveCount());
        run.runUntil(TWO_DAYS);
        assertEquals(2, run.ipfwKeepalives().size());
        Map<String, Integer> counts = Observations.tcpStateCounts(run.server);
        assertEquals(0, counts.get("FIN_WAIT_2"));
    }

    /*
     * The causal trace at 1 day (86400 s). The last cycle before it is at 281 + 285 x 302 =
     * 86351 s: the server's idle timer was last reset then, by the ipfw keepalive delivered over
     * lo0; the state was last refreshed then too, by the server's answer, with dyn_ack_lifetime.
     * Both chains lead back to the keepalive, and from it to the ipfw configuration.
     */
    @Test
    @DisplayName("seed incident, 5.4: the causal trace names the keepalive behind the last idle reset and refresh")
    void causalTraceExplainsTheLoop() {
        Run run = new Run("5.4");
        run.runUntil(SimTime.seconds(86_400));
        TcpConnection server = run.serverConnection();
        var tcp = dev.scn.engine.trace.Explanation.of(run.sim.trace(), server.flow(), "server",
                SimTime.seconds(86_400), java.util.EnumSet.of(dev.scn.engine.trace.TraceKind.TCP_IDLE_RESET));
        assertEquals(SimTime.seconds(86_351), tcp.lastRenewal().time());
        assertTrue(tcp.lastState().detail().contains("FIN_WAIT_2"), tcp.lastState().detail());
        assertTrue(tcp.chainContains(dev.scn.engine.trace.TraceKind.IPFW_KEEPALIVE), tcp.chain().toString());
        assertTrue(tcp.chain().stream().anyMatch(r -> r.detail().contains("to the server side")));
        assertEquals(dev.scn.engine.trace.TraceKind.COMMAND, tcp.chain().get(tcp.chain().size() - 1).kind(),
                "the first cause is a configuration command");

        var dyn = dev.scn.engine.trace.Explanation.of(run.sim.trace(), server.flow(), "server",
                SimTime.seconds(86_400), java.util.EnumSet.of(dev.scn.engine.trace.TraceKind.DYN_REFRESHED));
        assertEquals(SimTime.seconds(86_351), dyn.lastRenewal().time());
        assertTrue(dyn.lastRenewal().detail().contains("dyn_ack_lifetime"), dyn.lastRenewal().detail());
        assertTrue(dyn.chainContains(dev.scn.engine.trace.TraceKind.IPFW_KEEPALIVE));
    }

    /*
     * sysctl net.inet.ip.fw.dyn_keepalive=0 at 600 s, mid-run: ipfw_tick reads it at its next run,
     * so the cycle at 566 s has already refreshed the state to 866 and no later probe goes out:
     * dead at 866. TCP: last segment at 566; checks at A + 600 + 75k re-arm while
     * 0.36 + 600 + 75k - 566 <= 600 (k <= 7); gone at A + 600 + 600 = 1200.36 s.
     */
    @Test
    @DisplayName("model §2 + sysctl: dyn_keepalive=0 set mid-run takes effect at the next tick")
    void keepaliveSwitchedOffMidRun() {
        Run run = new Run("5.4");
        run.sim.at(SimTime.seconds(600), "on server sysctl net.inet.ip.fw.dyn_keepalive=0",
                () -> run.server.sysctl("net.inet.ip.fw.dyn_keepalive", 0));
        run.runUntil(SimTime.seconds(866) - 1);
        assertEquals(1, run.ipfw().liveCount());
        run.runUntil(SimTime.seconds(866));
        assertEquals(0, run.ipfw().liveCount());
        run.runUntil(A + SimTime.seconds(1200) - 1);
        assertNotNull(run.serverConnection());
        run.runUntil(A + SimTime.seconds(1200));
        assertNull(run.serverConnection());
        assertEquals(4, run.ipfwKeepalives().size(), "the cycles at 281 and 566 s only");
    }

    /*
     * ipfw flush at 1000 s followed by the same rules again: flushing deletes rule 200 and with it
     * its state (model §4), so no keepalive follows. The last segment was the probe of 851 s;
     * checks at A + 600 + 75k re-arm while 0.36 + 600 + 75k - 851 <= 600 (k <= 11): gone at
     * A + 1500 = 1500.36 s. ifconfig em0 down/up at 1100/1110 s changes nothing for TCP.
     */
    @Test
    @DisplayName("model §4: ipfw flush removes the rule's states; FIN_WAIT_2 then ends on its own timer")
    void flushEndsTheLoopButNotAtOnce() {
        Run run = new Run("5.4");
        run.sim.at(SimTime.seconds(1000), "on server ipfw -f flush; re-add the rules", () -> {
            run.server.ipfw("-f flush");
            run.server.ipfw("add 100 check-state");
            run.server.ipfw("add 200 allow tcp from any to me 80 setup keep-state");
            run.server.ipfw("add 65000 deny ip from any to any");
        });
        run.sim.at(SimTime.seconds(1100), "on server ifconfig em0 down", () -> run.server.ifconfig("em0", false));
        run.sim.at(SimTime.seconds(1110), "on server ifconfig em0 up", () -> run.server.ifconfig("em0", true));
        run.runUntil(SimTime.seconds(1000));
        assertEquals(0, run.ipfw().dynCount());
        assertEquals(TcpState.FIN_WAIT_2, run.serverConnection().state(), "flush does not touch TCP");
        run.runUntil(SimTime.seconds(1110));
        assertEquals(TcpState.FIN_WAIT_2, run.serverConnection().state(), "nor does ifconfig down/up");
        run.runUntil(A + SimTime.seconds(1500) - 1);
        assertNotNull(run.serverConnection());
        run.runUntil(A + SimTime.seconds(1500));
        assertNull(run.serverConnection());
    }

    /*
     * ifconfig em0 down from 500 s to 600 s, across the cycle at 566 s: the probe to the server
     * travels lo0 (up), the server's answer goes through ipfw's output check first (check-state
     * refreshes the state to 566 + 300 = 866) and only then fails on the down em0 (ENETDOWN in
     * ether_output), as does the probe toward the client. So the loop survives the outage: the
     * state is alive at 2 days, and the server's idle time was reset at 566 s.
     */
    @Test
    @DisplayName("ifconfig down does not break the loop: ipfw checks (and refreshes on) output before the interface refuses")
    void interfaceDownDuringACycle() {
        Run run = new Run("5.4");
        run.sim.at(SimTime.seconds(500), "on server ifconfig em0 down", () -> run.server.ifconfig("em0", false));
        run.sim.at(SimTime.seconds(600), "on server ifconfig em0 up", () -> run.server.ifconfig("em0", true));
        run.runUntil(SimTime.seconds(567));
        assertEquals(866, run.ipfw().states().get(0).expire());
        assertEquals(SimTime.seconds(566), run.serverConnection().lastReceived());
        assertTrue(run.sent.stream().noneMatch(s -> s.time() == SimTime.seconds(566) && s.via().equals("em0")),
                "nothing left em0 while it was down");
        run.runUntil(TWO_DAYS);
        assertEquals(TcpState.FIN_WAIT_2, run.serverConnection().state());
        assertEquals(1, run.ipfw().liveCount());
    }

    private static void assertPacket(Packet p, int src, int sport, int dst, int dport, int seq, int ack, int flags,
                                     int window) {
        assertEquals(Ipv4.format(src) + "." + sport + " > " + Ipv4.format(dst) + "." + dport,
                Ipv4.format(p.source()) + "." + p.sourcePort() + " > " + Ipv4.format(p.destination()) + "."
                        + p.destinationPort());
        assertEquals(Integer.toUnsignedString(seq), Integer.toUnsignedString(p.seq()), "seq");
        assertEquals(Integer.toUnsignedString(ack), Integer.toUnsignedString(p.ack()), "ack");
        assertEquals(TcpFlags.tcpdump(flags), TcpFlags.tcpdump(p.flags()), "flags");
        assertEquals(window, p.window(), "window");
        assertEquals(0, p.payloadLength(), "length");
    }
}
