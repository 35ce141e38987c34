package dev.scn.engine.tcp;

import dev.scn.fact.Origin;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.net.TcpFlags;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetransmissionTest {

    /*
     * A SYN into a blackhole. 5.4: t_rxtcur = TCPTV_RTOBASE 3 s; each expiry backs off with
     * tcp_syn_backoff[] = 1, 1, 1, 1, 1, 2, 4, 8 (RELENG_4 and RELENG_5 tcp_timer.c have the table;
     * TCPT_RANGESET adds rexmit_slop 200 ms to REXMTVAL 3 s x backoff): retransmissions at 3, 6.2,
     * 9.4, 12.6, 15.8, then +6.2 = 22.0, +12.2 = 34.2, +24.2 = 58.4 s; the connection-establishment
     * timer (keepinit 75 s) drops it at 75 s before the next one (106.6 s). Before issue 10 the
     * engine used tcp_backoff[] here (3, 9.2, 21.4, 45.6 s).
     */
    @Test
    @DisplayName("model §5: SYN retransmissions back off from TCPTV_RTOBASE; keepinit ends connect() at 75 s")
    void synBackoffAndConnectTimeout() {
        TwoHosts n = new TwoHosts("5.4");
        n.link.from(n.client).setBlackhole(true);
        TcpSocket c = n.clientTcp.connect("c", TwoHosts.SERVER_IP, 80, null);
        n.runUntil(SimTime.seconds(80));
        List<Long> syns = n.sentBy("client").stream().filter(s -> s.packet().has(TcpFlags.SYN))
                .map(TwoHosts.Sent::time).toList();
        assertEquals(List.of(0L, SimTime.seconds(3), SimTime.millis(6_200), SimTime.millis(9_400),
                SimTime.millis(12_600), SimTime.millis(15_800), SimTime.millis(22_000), SimTime.millis(34_200),
                SimTime.millis(58_400)), syns);
        assertTrue(n.clientTcp.connections().isEmpty());
        assertEquals(TcpState.CLOSED, c.state());
    }

    /*
     * 6.4 (and 9.3): tcp_syn_backoff[] = 1, 1, 1, 1, 1, 2, 4, 8: with REXMTVAL 3 s + slop 0.2 s the
     * SYN goes at 0, 3, 6.2, 9.4, 12.6, 15.8, then +6.2 = 22.0, +12.2 = 34.2, +24.2 = 58.4 s; keepinit
     * (75 s) ends it before the next.
     */
    @Test
    @DisplayName("model §5: from 6.x a SYN backs off with tcp_syn_backoff[]")
    void synBackoffFromSix() {
        TwoHosts n = new TwoHosts("6.4");
        n.link.from(n.client).setBlackhole(true);
        n.clientTcp.connect("c", TwoHosts.SERVER_IP, 80, null);
        n.runUntil(SimTime.seconds(80));
        List<Long> syns = n.sentBy("client").stream().filter(s -> s.packet().has(TcpFlags.SYN))
                .map(TwoHosts.Sent::time).toList();
        assertEquals(List.of(0L, SimTime.seconds(3), SimTime.millis(6_200), SimTime.millis(9_400),
                SimTime.millis(12_600), SimTime.millis(15_800), SimTime.millis(22_000), SimTime.millis(34_200),
                SimTime.millis(58_400)), syns);
        assertTrue(n.clientTcp.connections().isEmpty());
    }

    /*
     * 14.2: TCPTV_RTOBASE is 1 s (RFC 6298), so the first SYN retransmission comes at 1 s.
     */
    @Test
    @DisplayName("14.x starts with a 1 s RTO (TCPTV_RTOBASE)")
    void modernInitialRto() {
        TwoHosts n = new TwoHosts("14.2");
        n.link.from(n.client).setBlackhole(true);
        n.clientTcp.connect("c", TwoHosts.SERVER_IP, 80, null);
        n.runUntil(SimTime.seconds(2));
        List<Long> syns = n.sentBy("client").stream().filter(s -> s.packet().has(TcpFlags.SYN))
                .map(TwoHosts.Sent::time).toList();
        assertEquals(List.of(0L, SimTime.seconds(1)), syns);
    }

    /*
     * The server's SYN-ACK into a blackhole: the syncache retransmits it at TCPTV_RTOBASE x
     * tcp_backoff[n] = 3, 6, 12 s after each previous one (3, 9, 21 s) and drops the entry after
     * SYNCACHE_MAXREXMTS = 3 retransmissions, 24 s later (45 s): no RST, nothing in netstat.
     */
    @Test
    @DisplayName("syncache: SYN-ACK at 0, 3, 9, 21 s after the SYN, entry dropped at 45 s")
    void syncacheRetransmissions() {
        TwoHosts n = new TwoHosts("5.4");
        n.serverTcp.listen(80, s -> new TcpApplication() { });
        n.link.from(n.server).setBlackhole(true);
        n.clientTcp.setStrayPolicy(TcpStack.StrayPolicy.DROP);
        n.client.send(dev.scn.engine.net.Packet.tcp(TwoHosts.CLIENT_IP, 4000, TwoHosts.SERVER_IP, 80)
                .seq(1000).flags(TcpFlags.SYN).window(65535).mssOption(1460)
                .origin(dev.scn.fact.Origin.INJECTED).build());
        n.runUntil(SimTime.seconds(44));
        assertEquals(1, n.serverTcp.syncacheSize());
        n.runUntil(SimTime.seconds(60));
        List<Long> synAcks = n.sentBy("server").stream().map(TwoHosts.Sent::time).toList();
        long arrival = SimTime.millis(40);
        assertEquals(List.of(arrival, arrival + SimTime.seconds(3), arrival + SimTime.seconds(9),
                arrival + SimTime.seconds(21)), synAcks);
        assertEquals(0, n.serverTcp.syncacheSize());
        assertTrue(n.serverTcp.connections().isEmpty(), "half-open connections are not pcbs");
    }
}
