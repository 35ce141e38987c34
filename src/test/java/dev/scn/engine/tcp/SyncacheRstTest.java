package dev.scn.engine.tcp;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import dev.scn.fact.Origin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An RST for a syncache entry (syncache_chkrst), per release, as the FreeBSD test suite's
 * state-event-engine/rcv-rst-syn-rcvd/*via-listen* scripts show it on 14.x.
 */
class SyncacheRstTest {
    private static final int IRS = 1000;

    /*
     * A SYN (seq 1000 = irs) reaches the listening server at 0.04 s and is answered by a SYN-ACK
     * offering a 65535-byte window; an RST from the peer arrives at 0.14 s with seq irs + offset.
     *
     * 14.2 (12.x-era tcp_syncache.c syncache_chkrst, RFC 5961): the window is [irs + 1, irs + 1 +
     * 65535). seq == irs + 1 removes the entry (left-edge-secure: SYN_RCVD count 0 afterwards);
     * irs + 65535, in the window but not exact, keeps it and draws syncache_respond(TH_ACK):
     * seq iss + 1, ack irs + 1, window 65535 (right-edge-secure: ". 1:1(0) ack 1 win 65535");
     * seq irs is left of the window and ignored (outside-left: the handshake completes later).
     * With insecure_rst=1 the in-window inexact RST removes the entry (right-edge-insecure).
     * 11.4 (pre-RFC 5961 window [irs, irs + wnd]): seq irs and irs + 1000 both remove it, silently.
     */
    @ParameterizedTest(name = "{0} insecure_rst={1}, RST at irs+{2}: entry kept={3}, challenge ACK={4}")
    @CsvSource({"14.2, 0, 1, false, false", "14.2, 0, 65535, true, true", "14.2, 0, 0, true, false",
            "14.2, 1, 65535, false, false", "11.4, 0, 0, false, false", "11.4, 0, 1000, false, false"})
    @DisplayName("syncache_chkrst: exact RST removes the entry; on 14.2 an inexact in-window one draws a challenge ACK")
    void rstToSyncacheEntry(String release, int insecureRst, int offset, boolean kept, boolean challenge) {
        TwoHosts n = new TwoHosts(release);
        n.serverTcp.listen(80, s -> new TcpApplication() { });
        n.clientTcp.setStrayPolicy(TcpStack.StrayPolicy.DROP);
        n.server.sysctls().setByAdministrator("net.inet.tcp.insecure_rst", insecureRst);
        n.client.send(Packet.tcp(TwoHosts.CLIENT_IP, 4000, TwoHosts.SERVER_IP, 80).seq(IRS)
                .flags(TcpFlags.SYN).window(32767).mssOption(1460).origin(Origin.INJECTED).build());
        n.sim.schedule(SimTime.millis(100), () -> n.client.send(Packet.tcp(TwoHosts.CLIENT_IP, 4000,
                TwoHosts.SERVER_IP, 80).seq(IRS + offset).flags(TcpFlags.RST).window(32767)
                .origin(Origin.INJECTED).build()));
        n.runUntil(SimTime.millis(500));
        List<TwoHosts.Sent> sent = n.sentBy("server");
        Packet synAck = sent.get(0).packet();
        assertEquals(kept ? 1 : 0, n.serverTcp.syncacheSize());
        assertEquals(challenge ? 2 : 1, sent.size());
        if (challenge) {
            Packet ack = sent.get(1).packet();
            assertEquals(SimTime.millis(140), sent.get(1).time());
            assertEquals(TcpFlags.ACK, ack.flags());
            assertEquals(synAck.seq() + 1, ack.seq());
            assertEquals(IRS + 1, ack.ack());
            assertEquals(65535, ack.window());
        }
    }
}
