package dev.scn.engine.tcp;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.app.HttpClient;
import dev.scn.engine.app.HttpServer;
import dev.scn.fact.Origin;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facts of model-freebsd.md §5 (FreeBSD TCP around close), one test each, every expected
 * instant derived by hand in the comment above it. The link is 40 ms each way.
 */
class TcpFactsTest {
    private static final long RTT = SimTime.millis(80);

    private static TcpConnection only(TcpStack stack) {
        List<TcpConnection> all = stack.connections();
        return all.isEmpty() ? null : all.get(0);
    }

    /** The client sends a request, the server answers 20k and ends the way given; the client then vanishes silently at 2 s. */
    private static TwoHosts vanishingClient(String release, HttpServer.Ending ending) {
        TwoHosts n = new TwoHosts(release);
        n.clientTcp.setStrayPolicy(TcpStack.StrayPolicy.DROP);
        n.serverTcp.listen(80, new HttpServer(300, 20 * 1024, ending, 0));
        TcpSocket c1 = n.clientTcp.connect("c1", TwoHosts.SERVER_IP, 80, new HttpClient(300, false));
        n.sim.schedule(SimTime.seconds(2), () -> n.clientTcp.forget(c1.connection()));
        return n;
    }

    /*
     * The server closes first; the client closes on EOF. The server receives the client's FIN at
     * F and enters TIME_WAIT for 2 x MSL = 2 x 30 s = 60 s.
     * 4.11 and 14.2 end it with a callout of exactly 2MSL: gone at F + 60 s, present a
     * microsecond before.
     * 5.4 to 13.x list it with tw_time = ticks + 2MSL (ticks: whole milliseconds since boot at 0,
     * hz 1000), and tcp_slowtimo's walks, at 1 ms + k x 500 ms (pfslowtimo: first one tick after
     * domain initialisation, then every hz/2), close it at the first walk W >= floor_ms(F) + 60 s:
     * gone at W, present a microsecond before.
     */
    @ParameterizedTest(name = "{0}: TIME_WAIT ends by {1}")
    @CsvSource({"4.11, callout", "5.4, walk", "9.3, walk", "10.4, walk", "11.4, walk", "14.2, callout"})
    @DisplayName("model §5: TIME_WAIT lasts 2*MSL = 60 s, on 5.x-13.x until the next tcp_slowtimo walk")
    void timeWaitLastsTwoMsl(String release, String endedBy) {
        TwoHosts n = new TwoHosts(release);
        n.serverTcp.listen(80, new HttpServer(300, 20 * 1024, HttpServer.Ending.CLOSE, 0));
        n.clientTcp.connect("c1", TwoHosts.SERVER_IP, 80, new HttpClient(300, true));
        n.runUntil(SimTime.seconds(5));
        TcpConnection server = only(n.serverTcp);
        assertEquals(TcpState.TIME_WAIT, server.state());
        long finArrival = server.lastReceived();
        long end;
        if (endedBy.equals("callout")) {
            end = finArrival + SimTime.seconds(60);
        } else {
            long twTime = finArrival / 1000 * 1000 + SimTime.seconds(60);
            long walk = 1000;
            while (walk < twTime) {
                walk += 500_000;
            }
            end = walk;
            assertTrue(end >= finArrival + SimTime.seconds(60) - 1000 && end < finArrival + SimTime.seconds(60) + 500_000);
        }
        assertEquals(end, server.twoMslDeadline());
        n.runUntil(end - 1);
        assertEquals(1, n.serverTcp.count(TcpState.TIME_WAIT));
        n.runUntil(end);
        assertEquals(0, n.serverTcp.count(TcpState.TIME_WAIT));
        assertTrue(n.clientTcp.connections().isEmpty(), "the client's LAST_ACK ended with the server's ACK");
    }

    /*
     * 5.x-13.x: the walk stops at the first entry whose 2MSL is not over (tcp_tw_2msl_scan's
     * break). A enters TIME_WAIT at F_A with net.inet.tcp.msl = 30 s (tw_time = F_A + 60 s); the
     * MSL is then lowered to 10 s and B enters at F_B = F_A + 5 s (tw_time = F_B + 20 s, 35 s
     * before A's). B's 2MSL is over at F_A + 25 s, but B sits behind A and stays until the walk
     * that closes A, the first at or after F_A + 60 s: both gone there, B present until then.
     */
    @Test
    @DisplayName("model §5 (5.x-13.x): a TIME_WAIT entry behind one with a later end waits for it")
    void timeWaitWalkStopsAtFirstNotDue() {
        TwoHosts n = new TwoHosts("5.4");
        n.serverTcp.listen(80, new HttpServer(300, 20 * 1024, HttpServer.Ending.CLOSE, 0));
        n.clientTcp.connect("a", TwoHosts.SERVER_IP, 80, new HttpClient(300, true));
        n.runUntil(SimTime.seconds(2));
        TcpConnection a = only(n.serverTcp);
        long fa = a.lastReceived();
        n.server.sysctls().setByAdministrator("net.inet.tcp.msl", 10_000);
        n.sim.schedule(fa + SimTime.seconds(5) - SimTime.millis(800), () -> n.clientTcp.connect("b", TwoHosts.SERVER_IP, 80,
                new HttpClient(300, true)));
        n.runUntil(fa + SimTime.seconds(10));
        assertEquals(2, n.serverTcp.count(TcpState.TIME_WAIT));
        long aEnd = fa / 1000 * 1000 + SimTime.seconds(60);
        long walk = 1000;
        while (walk < aEnd) {
            walk += 500_000;
        }
        n.runUntil(fa + SimTime.seconds(40));
        assertEquals(2, n.serverTcp.count(TcpState.TIME_WAIT), "B's 2MSL is over but A is ahead of it");
        n.runUntil(walk - 1);
        assertEquals(2, n.serverTcp.count(TcpState.TIME_WAIT));
        n.runUntil(walk);
        assertEquals(0, n.serverTcp.count(TcpState.TIME_WAIT));
    }

    /*
     * Apache closes actively: the FIN is acknowledged at A (arrival of the client's ACK), the
     * socket is closed, so the FIN_WAIT_2 timer is armed at A for maxidle = 8 x 75 = 600 s.
     */
    @Test
    @DisplayName("model §5: FIN_WAIT_1 -> FIN_WAIT_2 on the ACK of our FIN arms the timer with maxidle when the socket is closed")
    void finWait2TimerArmedWithMaxidleOnClose() {
        TwoHosts n = vanishingClient("5.4", HttpServer.Ending.CLOSE);
        n.runUntil(SimTime.seconds(1));
        TcpConnection server = only(n.serverTcp);
        assertEquals(TcpState.FIN_WAIT_2, server.state());
        assertEquals(server.lastReceived() + SimTime.seconds(600), server.twoMslDeadline());
    }

    /*
     * shutdown(SHUT_WR) only: the receive side stays open, no timer is armed, and the
     * connection stays in FIN_WAIT_2 as long as the process holds it (here a whole day).
     */
    @Test
    @DisplayName("model §5: after shutdown(SHUT_WR) alone no FIN_WAIT_2 timer is armed")
    void shutdownAloneArmsNoTimer() {
        TwoHosts n = new TwoHosts("5.4");
        n.clientTcp.setStrayPolicy(TcpStack.StrayPolicy.DROP);
        n.serverTcp.listen(80, socket -> new TcpApplication() {
            @Override
            public void readable(TcpSocket s) {
                s.read(s.available());
                s.write(100);
                s.shutdownOutput();
            }
        });
        TcpSocket c1 = n.clientTcp.connect("c1", TwoHosts.SERVER_IP, 80, new HttpClient(300, false));
        n.sim.schedule(SimTime.seconds(2), () -> n.clientTcp.forget(c1.connection()));
        n.runUntil(SimTime.seconds(86_400));
        TcpConnection server = only(n.serverTcp);
        assertEquals(TcpState.FIN_WAIT_2, server.state());
        assertEquals(-1, server.twoMslDeadline());
    }

    /*
     * Apache 1.3 lingering close with a silent client: shutdown at S (after the response has
     * been written, when the request arrived), FIN acked at A ~ S + 80 ms (no timer: receive side
     * open), select() times out at S + 2 s, close() arms the timer at S + 2 s with maxidle 600 s.
     * At S + 602 s the last segment (at A) is 602 - 0.08 s old > 600 s: closed at S + 602 s.
     */
    @Test
    @DisplayName("model §5: close() in FIN_WAIT_2 after shutdown arms the timer at close time (Apache 1.3 lingering close)")
    void closeInFinWait2ArmsTimerAtCloseTime() {
        TwoHosts n = vanishingClient("5.4", HttpServer.Ending.SHUTDOWN);
        n.runUntil(SimTime.seconds(1));
        TcpConnection server = only(n.serverTcp);
        assertEquals(TcpState.FIN_WAIT_2, server.state());
        assertEquals(-1, server.twoMslDeadline(), "shutdown only: no timer yet");
        // The request arrives at 0.12 s (SYN 0, SYN-ACK 0.04, ACK+request 0.08, +40 ms); the
        // response is written and shutdown() called at once, so S = 0.12 s.
        long shutdownAt = SimTime.millis(120);
        n.runUntil(shutdownAt + SimTime.seconds(2));
        assertEquals(shutdownAt + SimTime.seconds(2) + SimTime.seconds(600), server.twoMslDeadline());
        n.runUntil(shutdownAt + SimTime.seconds(602) - 1);
        assertEquals(TcpState.FIN_WAIT_2, server.state());
        n.runUntil(shutdownAt + SimTime.seconds(602));
        assertNull(only(n.serverTcp));
    }

    /*
     * Apache 1.3 lingering close, client that keeps sending a byte every second: every read
     * restarts the 2 s wait, but MAX_SECS_TO_LINGER caps it at 30 s after shutdown (S = 0.12 s).
     * The client's later bytes arrive after close() and get an RST (data after close).
     */
    @Test
    @DisplayName("model §5: Apache lingering close reads for at most 30 s")
    void lingeringCloseIsCappedAtThirtySeconds() {
        TwoHosts n = new TwoHosts("5.4");
        n.serverTcp.listen(80, new HttpServer(300, 1000, HttpServer.Ending.SHUTDOWN, 0));
        TcpSocket c1 = n.clientTcp.connect("c1", TwoHosts.SERVER_IP, 80, new HttpClient(300, false));
        for (int s = 1; s <= 40; s++) {
            n.sim.schedule(SimTime.seconds(s), () -> c1.write(1));
        }
        long shutdownAt = SimTime.millis(120);
        n.runUntil(shutdownAt + SimTime.seconds(30) - 1);
        assertFalse(only(n.serverTcp).socketClosed());
        n.runUntil(shutdownAt + SimTime.seconds(30));
        assertTrue(only(n.serverTcp).socketClosed());
        n.runUntil(SimTime.seconds(33));
        assertNull(only(n.serverTcp), "a byte arriving after close() is answered with RST and the connection dropped");
        assertTrue(n.sentBy("server").stream().anyMatch(s -> s.packet().has(TcpFlags.RST)));
    }

    /*
     * 7.4 with net.inet.tcp.fast_finwait2_recycle=1: the timer is armed with finwait2_timeout
     * (60 s) at the ACK of the FIN (A), and when it fires the closed socket's connection goes,
     * even though segments (keepalive probes every 10 s here) keep arriving.
     */
    @Test
    @DisplayName("model §5: 7.0+ fast_finwait2_recycle closes after finwait2_timeout regardless of received segments")
    void fastFinwait2RecycleIgnoresActivity() {
        TwoHosts n = vanishingClient("7.4", HttpServer.Ending.CLOSE);
        n.server.sysctls().setByAdministrator("net.inet.tcp.fast_finwait2_recycle", 1);
        n.runUntil(SimTime.seconds(1));
        TcpConnection server = only(n.serverTcp);
        long armedAt = server.lastReceived();
        assertEquals(armedAt + SimTime.seconds(60), server.twoMslDeadline());
        for (int s = 10; s <= 70; s += 10) {
            n.sim.schedule(SimTime.seconds(s), () -> n.client.send(probeTo(server)));
        }
        n.runUntil(armedAt + SimTime.seconds(60) - 1);
        assertEquals(TcpState.FIN_WAIT_2, server.state());
        n.runUntil(armedAt + SimTime.seconds(60));
        assertNull(only(n.serverTcp));
    }

    /*
     * Without fast recycle, segments keep the connection: a probe every 100 s means at every
     * check the last segment is at most 100 s old <= 600 s, so the connection is still there
     * after 5000 s; the deadline is always a keepintvl step (75 s) after a check.
     */
    @Test
    @DisplayName("model §5: tcp_timer_2msl re-arms for keepintvl (75 s) while the last segment is no older than maxidle")
    void segmentsKeepFinWait2Alive() {
        TwoHosts n = vanishingClient("5.4", HttpServer.Ending.CLOSE);
        n.runUntil(SimTime.seconds(1));
        TcpConnection server = only(n.serverTcp);
        long armedAt = server.lastReceived();
        for (int s = 100; s <= 5000; s += 100) {
            n.sim.schedule(SimTime.seconds(s), () -> n.client.send(probeTo(server)));
        }
        n.runUntil(armedAt + SimTime.seconds(600));
        assertEquals(armedAt + SimTime.seconds(675), server.twoMslDeadline());
        n.runUntil(SimTime.seconds(5000));
        assertEquals(TcpState.FIN_WAIT_2, server.state());
        long sinceArming = server.twoMslDeadline() - armedAt - SimTime.seconds(600);
        assertEquals(0, sinceArming % SimTime.seconds(75));
    }

    /*
     * The last-received time is set before any validity check: a segment far outside the window
     * (seq rcv_nxt + 10^6) is dropped (after an ACK) yet resets t_rcvtime.
     */
    @Test
    @DisplayName("model §5: every segment delivered sets the last-received time before validation")
    void outOfWindowSegmentStillCountsAsActivity() {
        TwoHosts n = vanishingClient("5.4", HttpServer.Ending.CLOSE);
        n.runUntil(SimTime.seconds(10));
        TcpConnection server = only(n.serverTcp);
        int rcvNxt = server.rcvNxt();
        n.sim.schedule(SimTime.seconds(10), () -> n.client.send(Packet
                .tcp(TwoHosts.CLIENT_IP, server.foreignPort(), TwoHosts.SERVER_IP, 80)
                .seq(rcvNxt + 1_000_000).ack(server.sndMax()).flags(TcpFlags.ACK).window(1000).payloadLength(10)
                .origin(Origin.INJECTED).build()));
        n.runUntil(SimTime.seconds(11));
        assertEquals(SimTime.seconds(10) + SimTime.millis(40), server.lastReceived());
        assertEquals(rcvNxt, server.rcvNxt());
    }

    /*
     * A FIN arriving in FIN_WAIT_2 (seq = rcv_nxt) moves to TIME_WAIT, with its 60 s timer.
     */
    @Test
    @DisplayName("model §5: FIN in FIN_WAIT_2 -> TIME_WAIT (60 s)")
    void finInFinWait2GoesToTimeWait() {
        TwoHosts n = vanishingClient("5.4", HttpServer.Ending.CLOSE);
        n.runUntil(SimTime.seconds(10));
        TcpConnection server = only(n.serverTcp);
        n.sim.schedule(SimTime.seconds(10), () -> n.client.send(Packet
                .tcp(TwoHosts.CLIENT_IP, server.foreignPort(), TwoHosts.SERVER_IP, 80)
                .seq(server.rcvNxt()).ack(server.sndMax()).flags(TcpFlags.FIN | TcpFlags.ACK).window(65535)
                .origin(Origin.INJECTED).build()));
        n.runUntil(SimTime.seconds(11));
        assertEquals(TcpState.TIME_WAIT, server.state());
        // 5.4: 2MSL is over at 10.04 s + 60 s = 70.04 s; tcp_slowtimo walks at 1 ms + k x 500 ms
        // (70.001 s, 70.501 s): the one at 70.501 s closes it.
        assertEquals(SimTime.seconds(70) + SimTime.millis(501), server.twoMslDeadline());
    }

    /*
     * 5.x RST acceptance: in FIN_WAIT_2 any seq in [last_ack_sent, last_ack_sent + rcv_wnd)
     * resets; one below the window does not. In ESTABLISHED only seq == last_ack_sent does
     * (net.inet.tcp.insecure_rst=0); an in-window other seq is dropped silently.
     */
    @ParameterizedTest(name = "{0} in FIN_WAIT_2 at last_ack_sent{1}: closes={2}")
    @CsvSource({"5.4, 0, true", "5.4, 1000, true", "5.4, -1, false", "11.4, 1000, true", "14.2, 0, true",
            "14.2, 1000, false"})
    @DisplayName("model §5: RST acceptance in FIN_WAIT_2 per release (window check on 5.x, exact seq with RFC 5961)")
    void rstAcceptanceInFinWait2(String release, int offset, boolean closes) {
        TwoHosts n = vanishingClient(release, HttpServer.Ending.CLOSE);
        n.runUntil(SimTime.seconds(10));
        TcpConnection server = only(n.serverTcp);
        int seq = server.rcvNxt() + offset;
        int before = n.sentBy("server").size();
        n.sim.schedule(SimTime.seconds(10), () -> n.client.send(Packet
                .tcp(TwoHosts.CLIENT_IP, server.foreignPort(), TwoHosts.SERVER_IP, 80)
                .seq(seq).flags(TcpFlags.RST).origin(Origin.INJECTED).build()));
        n.runUntil(SimTime.seconds(11));
        assertEquals(closes, only(n.serverTcp) == null);
        if (release.equals("14.2") && !closes) {
            var challenge = n.sentBy("server").get(before).packet();
            assertEquals(TcpFlags.ACK, challenge.flags(), "RFC 5961 challenge ACK");
            assertEquals(server.rcvNxt(), challenge.ack());
        } else {
            assertEquals(before, n.sentBy("server").size(), "an RST is never answered on 5.x");
        }
    }

    /*
     * RFC 5961 stacks drop the connection "if (V_tcp_insecure_rst || tp->last_ack_sent ==
     * th->th_seq)" (tcp_input.c tcp_do_segment, 12.x-era and 15.1 texts): with
     * net.inet.tcp.insecure_rst=1 an RST at last_ack_sent + 1000 (in the window) closes the
     * FIN_WAIT_2 connection at once and no challenge ACK is sent (0 segments from the server).
     * Failed at e094ba5: the challenge ACK was sent before insecure_rst was read.
     */
    @Test
    @DisplayName("model §5: 14.2 with insecure_rst=1 accepts an in-window inexact RST, no challenge ACK")
    void insecureRstAcceptsInexactRstOnRfc5961Stacks() {
        TwoHosts n = vanishingClient("14.2", HttpServer.Ending.CLOSE);
        n.server.sysctls().setByAdministrator("net.inet.tcp.insecure_rst", 1);
        n.runUntil(SimTime.seconds(10));
        TcpConnection server = only(n.serverTcp);
        assertEquals(TcpState.FIN_WAIT_2, server.state());
        int seq = server.rcvNxt() + 1000;
        int before = n.sentBy("server").size();
        n.sim.schedule(SimTime.seconds(10), () -> n.client.send(Packet
                .tcp(TwoHosts.CLIENT_IP, server.foreignPort(), TwoHosts.SERVER_IP, 80)
                .seq(seq).flags(TcpFlags.RST).origin(Origin.INJECTED).build()));
        n.runUntil(SimTime.seconds(11));
        assertNull(only(n.serverTcp));
        assertEquals(before, n.sentBy("server").size(), "no challenge ACK with insecure_rst=1");
    }

    @Test
    @DisplayName("model §5: 5.x in ESTABLISHED accepts an RST only at exactly last_ack_sent")
    void establishedNeedsExactRstOn5x() {
        TwoHosts n = new TwoHosts("5.4");
        n.serverTcp.listen(80, new HttpServer(300, 0, HttpServer.Ending.WAIT_FOR_CLIENT, 0));
        n.clientTcp.connect("c1", TwoHosts.SERVER_IP, 80, new HttpClient(300, false));
        n.runUntil(SimTime.seconds(1));
        TcpConnection server = only(n.serverTcp);
        assertEquals(TcpState.ESTABLISHED, server.state());
        int rcvNxt = server.rcvNxt();
        n.sim.schedule(SimTime.seconds(1), () -> n.client.send(Packet
                .tcp(TwoHosts.CLIENT_IP, server.foreignPort(), TwoHosts.SERVER_IP, 80)
                .seq(rcvNxt + 5).flags(TcpFlags.RST).origin(Origin.INJECTED).build()));
        n.runUntil(SimTime.seconds(2));
        assertEquals(TcpState.ESTABLISHED, server.state());
        n.sim.schedule(SimTime.seconds(2), () -> n.client.send(Packet
                .tcp(TwoHosts.CLIENT_IP, server.foreignPort(), TwoHosts.SERVER_IP, 80)
                .seq(rcvNxt).flags(TcpFlags.RST).origin(Origin.INJECTED).build()));
        n.runUntil(SimTime.seconds(3));
        assertNull(only(n.serverTcp));
    }

    /*
     * Data for a connection whose socket is closed (FIN_WAIT_2, SS_NOFDREF): the connection is
     * closed and an RST goes back with seq = the segment's ack (it carries ACK).
     */
    @Test
    @DisplayName("model §5: data arriving after close gets an RST and closes the connection")
    void dataAfterCloseIsReset() {
        TwoHosts n = vanishingClient("5.4", HttpServer.Ending.CLOSE);
        n.runUntil(SimTime.seconds(10));
        TcpConnection server = only(n.serverTcp);
        int before = n.sentBy("server").size();
        n.sim.schedule(SimTime.seconds(10), () -> n.client.send(Packet
                .tcp(TwoHosts.CLIENT_IP, server.foreignPort(), TwoHosts.SERVER_IP, 80)
                .seq(server.rcvNxt()).ack(server.sndMax()).flags(TcpFlags.ACK | TcpFlags.PUSH).window(65535)
                .payloadLength(5).origin(Origin.INJECTED).build()));
        n.runUntil(SimTime.seconds(11));
        assertNull(only(n.serverTcp));
        Packet rst = n.sentBy("server").get(before).packet();
        assertEquals(TcpFlags.RST, rst.flags());
        assertEquals(server.sndMax(), rst.seq());
    }

    /*
     * With net.inet.tcp.keepidle = 10 s (10000 ms) the server's TCP probes an idle ESTABLISHED
     * connection at 10 s of silence, with seq = snd_una - 1, ack = rcv_nxt; a connection in
     * FIN_WAIT_2 (state > CLOSING) is never probed.
     */
    @Test
    @DisplayName("model §5: TCP's own keepalive probes ESTABLISHED but never FIN_WAIT_2")
    void ownKeepaliveNeverProbesFinWait2() {
        TwoHosts established = new TwoHosts("5.4");
        established.server.sysctls().setByAdministrator("net.inet.tcp.keepidle", 10_000);
        established.serverTcp.listen(80, new HttpServer(300, 0, HttpServer.Ending.WAIT_FOR_CLIENT, 0));
        established.clientTcp.connect("c1", TwoHosts.SERVER_IP, 80, new HttpClient(300, false));
        established.runUntil(SimTime.seconds(11));
        TcpConnection server = only(established.serverTcp);
        long lastRequestSegment = SimTime.millis(120);
        List<TwoHosts.Sent> probes = established.sentBy("server").stream()
                .filter(s -> s.packet().origin() == Origin.TCP_TIMER && s.packet().payloadLength() == 0
                        && s.time() > SimTime.seconds(1))
                .toList();
        assertEquals(1, probes.size());
        assertEquals(lastRequestSegment + SimTime.seconds(10), probes.get(0).time());
        assertEquals(server.sndUna() - 1, probes.get(0).packet().seq());
        assertEquals(server.rcvNxt(), probes.get(0).packet().ack());

        TwoHosts closing = vanishingClient("5.4", HttpServer.Ending.CLOSE);
        closing.server.sysctls().setByAdministrator("net.inet.tcp.keepidle", 10_000);
        closing.runUntil(SimTime.seconds(300));
        assertTrue(closing.sentBy("server").stream().noneMatch(s -> s.time() > SimTime.seconds(1)));
    }

    /*
     * close() with SO_LINGER {1, 0} on ESTABLISHED: tcp_drop sends RST|ACK with seq = snd_nxt,
     * ack = rcv_nxt, and the connection is gone at once.
     */
    @Test
    @DisplayName("model §5: close() with SO_LINGER 0 drops the connection with RST")
    void abortSendsRst() {
        TwoHosts n = new TwoHosts("5.4");
        n.serverTcp.listen(80, new HttpServer(300, 1000, HttpServer.Ending.LINGER, 0));
        n.clientTcp.connect("c1", TwoHosts.SERVER_IP, 80, new HttpClient(300, false));
        n.runUntil(SimTime.seconds(1));
        assertNull(only(n.serverTcp));
        TwoHosts.Sent rst = n.sentBy("server").stream().filter(s -> s.packet().has(TcpFlags.RST)).findFirst()
                .orElseThrow();
        assertEquals(TcpFlags.RST | TcpFlags.ACK, rst.packet().flags());
        assertTrue(n.clientTcp.connections().isEmpty(), "the client's ESTABLISHED accepts the exact RST");
    }

    private static Packet probeTo(TcpConnection server) {
        return Packet.tcp(TwoHosts.CLIENT_IP, server.foreignPort(), TwoHosts.SERVER_IP, 80)
                .seq(server.rcvNxt() - 1).ack(server.sndMax()).flags(TcpFlags.ACK).window(0)
                .origin(Origin.INJECTED).build();
    }
}
