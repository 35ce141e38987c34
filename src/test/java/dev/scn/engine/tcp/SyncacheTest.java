package dev.scn.engine.tcp;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import dev.scn.fact.Origin;
import dev.scn.observe.Netstat;
import dev.scn.observe.SocketRow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The syncache per release (docs/research/freebsd-sources-4-syncache.md). Every SYN here comes
 * from the client's address 198.51.100.7 to the server's port 80; the client drops the SYN-ACKs
 * silently, as a spoofed source would.
 *
 * <p>Which flows share a bucket, by hand: SYNCACHE_HASH is (secret ^ faddr ^ (faddr >> 16) ^
 * fport ^ lport) & 511 on the fields as a little-endian CPU reads them (network byte order), so
 * a port p enters the hash as swap16(p). With one foreign address and one local port, everything
 * but swap16(fport) is the same constant C, and the bucket is C ^ (swap16(fport) & 511): two
 * flows share a bucket iff their swapped ports agree in the low 9 bits, whatever the secret.
 */
class SyncacheTest {

    /*
     * Ports 1024 + 2k (k = 0..30): swap16(1024 + 2k) = 0x0004 | (2k << 8) = 4 + 512k, whose low 9
     * bits are 4 for every k: one bucket. bucketlimit is 30 (TCP_SYNCACHE_BUCKETLIMIT), so the
     * 31st SYN overflows it: 4.x drops the bucket's first (oldest) entry, port 1024, and counts
     * tcps_sc_bucketoverflow once; 30 entries stay.
     */
    @Test
    @DisplayName("4.11: the 31st SYN into one bucket drops the bucket's oldest entry (bucketlimit 30)")
    void bucketOverflowDropsOldest() {
        TwoHosts n = flood("4.11", 31);
        n.runUntil(SimTime.seconds(1));
        assertEquals(30, n.serverTcp.syncacheSize());
        assertEquals(1, n.serverTcp.syncacheStats().bucketOverflow());
        assertEquals(31, n.serverTcp.syncacheStats().added());
        assertEquals(30, n.server.sysctls().get("net.inet.tcp.syncache.count"));
    }

    /* 30 SYNs fill the bucket exactly: no overflow. */
    @Test
    @DisplayName("4.11: 30 SYNs in one bucket fit")
    void thirtyFit() {
        TwoHosts n = flood("4.11", 30);
        n.runUntil(SimTime.seconds(1));
        assertEquals(30, n.serverTcp.syncacheSize());
        assertEquals(0, n.serverTcp.syncacheStats().bucketOverflow());
    }

    /*
     * The evicted port-1024 client then sends the handshake's ACK (ack = its SYN-ACK's seq + 1).
     * No entry: syncache_expand tries syncookie_lookup (net.inet.tcp.syncookies = 1 by default);
     * the cookie is the ISS we sent, and the overflow marked the listener 0.04 s ago (< 16 s), so
     * the connection is rebuilt: ESTABLISHED, no RST. With syncookies = 0 the same ACK gets an RST.
     */
    @Test
    @DisplayName("4.11: an entry lost to overflow still completes by its SYN cookie (syncookies=1)")
    void cookieCompletesEvictedEntry() {
        TwoHosts n = flood("4.11", 31);
        n.runUntil(SimTime.seconds(1));
        sendAck(n, 1024);
        n.runUntil(SimTime.seconds(2));
        TcpConnection tp = serverConnection(n, 1024);
        assertNotNull(tp, "the cookie rebuilt the connection");
        assertEquals(TcpState.ESTABLISHED, tp.state);
        assertEquals(1, n.serverTcp.syncacheStats().recvCookie());
        assertTrue(rstsFromServer(n).isEmpty());
    }

    @Test
    @DisplayName("4.11 with syncookies=0: the evicted entry's ACK is answered with an RST")
    void noCookiesMeansReset() {
        TwoHosts n = new TwoHosts("4.11");
        n.server.sysctls().setByAdministrator("net.inet.tcp.syncookies", 0);
        sendSyns(n, 31);
        n.runUntil(SimTime.seconds(1));
        sendAck(n, 1024);
        n.runUntil(SimTime.seconds(2));
        assertEquals(null, serverConnection(n, 1024));
        assertEquals(1, rstsFromServer(n).size());
    }

    /*
     * The cookie is refused when the listener's overflow mark is older than SYNCOOKIE_TIMEOUT
     * (16 s): the ACK at 20 s gets an RST.
     */
    @Test
    @DisplayName("4.11: a cookie is refused more than 16 s after the overflow")
    void cookieTooOld() {
        TwoHosts n = flood("4.11", 31);
        n.runUntil(SimTime.seconds(20));
        sendAck(n, 1024);
        n.runUntil(SimTime.seconds(21));
        assertEquals(null, serverConnection(n, 1024));
        assertEquals(1, rstsFromServer(n).size());
    }

    /*
     * Cache overflow on 4.11: cachelimit = 512 x 30 - 1 = 15359. Ports chosen so that each bucket
     * gets exactly 30 flows: swap16(port) = b | (k << 9) for b = 0..511, k = 1..30 (k outer), i.e.
     * port = swap16(b | k << 9). After 29 full rounds (14848) and 511 more (k = 30, b < 511), the
     * cache holds 15359; the last SYN (b = 511) finds its bucket at 29 < 30 but cache_count >=
     * cache_limit: the front entry of the highest non-empty timer slot goes (all entries are still
     * in slot 0, so the first inserted, k = 1, b = 0). tcps_sc_cacheoverflow = 1, no bucket
     * overflow, 15359 entries.
     */
    @Test
    @DisplayName("4.11: the cache holds at most cachelimit = 15359 entries; the oldest goes first")
    void cacheOverflow() {
        TwoHosts n = new TwoHosts("4.11");
        n.serverTcp.listen(80, s -> new TcpApplication() { });
        n.clientTcp.setStrayPolicy(TcpStack.StrayPolicy.DROP);
        assertEquals(15_359, n.server.sysctls().get("net.inet.tcp.syncache.cachelimit"));
        for (int k = 1; k <= 30; k++) {
            for (int b = 0; b < 512; b++) {
                syn(n, Syncache.swap16(b | (k << 9)));
            }
        }
        n.runUntil(SimTime.seconds(1));
        assertEquals(15_359, n.serverTcp.syncacheSize());
        assertEquals(1, n.serverTcp.syncacheStats().cacheOverflow());
        assertEquals(0, n.serverTcp.syncacheStats().bucketOverflow());
    }

    /*
     * 9.3's zone: cachelimit 15360 (no "- 1" after the 2006 rewrite). The same 30 x 512 flows fill
     * it exactly; one more SYN (k = 31, b = 0) fails uma_zalloc: tcps_sc_zonefail, the oldest
     * entry of its bucket (k = 1, b = 0) goes, the new one is inserted: still 15360 entries.
     */
    @Test
    @DisplayName("9.3: a full zone (cachelimit 15360) drops the oldest entry of the SYN's bucket")
    void zoneFail() {
        TwoHosts n = new TwoHosts("9.3");
        n.serverTcp.listen(80, s -> new TcpApplication() { });
        n.clientTcp.setStrayPolicy(TcpStack.StrayPolicy.DROP);
        for (int k = 1; k <= 30; k++) {
            for (int b = 0; b < 512; b++) {
                syn(n, Syncache.swap16(b | (k << 9)));
            }
        }
        syn(n, Syncache.swap16(31 << 9));
        n.runUntil(SimTime.seconds(1));
        assertEquals(15_360, n.serverTcp.syncacheSize());
        assertEquals(1, n.serverTcp.syncacheStats().zoneFail());
        assertEquals(0, n.serverTcp.syncacheStats().bucketOverflow());
    }

    /*
     * syncookies_only (9.3): the SYN is answered with a cookie and no entry: no SYN-ACK
     * retransmission (one SYN-ACK in 60 s), nothing in netstat, and the ACK still completes.
     */
    @Test
    @DisplayName("9.3 syncookies_only: no entry, one SYN-ACK, the ACK completes by the cookie")
    void cookiesOnly() {
        TwoHosts n = new TwoHosts("9.3");
        n.server.sysctls().setByAdministrator("net.inet.tcp.syncookies_only", 1);
        n.serverTcp.listen(80, s -> new TcpApplication() { });
        n.clientTcp.setStrayPolicy(TcpStack.StrayPolicy.DROP);
        syn(n, 1024);
        n.runUntil(SimTime.seconds(1));
        assertEquals(0, n.serverTcp.syncacheSize());
        assertEquals(0, n.serverTcp.count(TcpState.SYN_RECEIVED));
        sendAck(n, 1024);
        n.runUntil(SimTime.seconds(60));
        assertEquals(1, n.sentBy("server").stream().filter(s -> s.packet().has(TcpFlags.SYN)).count());
        assertEquals(TcpState.ESTABLISHED, serverConnection(n, 1024).state);
    }

    /*
     * netstat: 7.x and later export entries through syncache_pcblist as TCPS_SYN_RECEIVED before
     * the pcbs, so 14.2 prints the entry on the first row with queues 0 0; 5.4 has no such export
     * and prints the listener only.
     */
    @Test
    @DisplayName("netstat lists a syncache entry as SYN_RCVD on 14.2, not on 5.4")
    void netstatShowsEntries() {
        for (String release : List.of("14.2", "5.4")) {
            TwoHosts n = new TwoHosts(release);
            n.serverTcp.listen(80, s -> new TcpApplication() { });
            n.clientTcp.setStrayPolicy(TcpStack.StrayPolicy.DROP);
            syn(n, 1024);
            n.runUntil(SimTime.seconds(1));
            String table = Netstat.tcpTable(n.server.profile(), rows(n.serverTcp));
            String[] lines = table.split("\n");
            if (release.equals("14.2")) {
                assertEquals("tcp4       0      0 192.0.2.10.80          198.51.100.7.1024      SYN_RCVD   ", lines[2]);
                assertEquals(1, n.serverTcp.count(TcpState.SYN_RECEIVED));
            } else {
                assertEquals(3, lines.length, table);
                assertFalse(table.contains("SYN_RCVD"));
                assertEquals(0, n.serverTcp.count(TcpState.SYN_RECEIVED));
                assertEquals(1, n.serverTcp.syncacheSize());
            }
        }
    }

    /*
     * net.inet.tcp.syncache.rexmtlimit = 1: 9.3 drops the entry once sc_rxmits (2 at the second
     * expiry) exceeds 1: SYN-ACKs at 0 and 3 s only, entry gone at 3 + 6 = 9 s.
     */
    @Test
    @DisplayName("9.3 rexmtlimit=1: one SYN-ACK retransmission, entry dropped at 9 s")
    void rexmtLimit() {
        TwoHosts n = new TwoHosts("9.3");
        n.server.sysctls().setByAdministrator("net.inet.tcp.syncache.rexmtlimit", 1);
        n.serverTcp.listen(80, s -> new TcpApplication() { });
        n.clientTcp.setStrayPolicy(TcpStack.StrayPolicy.DROP);
        syn(n, 1024);
        n.runUntil(SimTime.millis(9_030));
        assertEquals(1, n.serverTcp.syncacheSize());
        n.runUntil(SimTime.millis(9_050));
        assertEquals(0, n.serverTcp.syncacheSize());
        long arrival = SimTime.millis(40);
        assertEquals(List.of(arrival, arrival + SimTime.seconds(3)),
                n.sentBy("server").stream().map(TwoHosts.Sent::time).toList());
        assertEquals(1, n.serverTcp.syncacheStats().stale());
    }

    /*
     * A cookie for an entry the timer dropped (rexmtlimit = 0: dropped at the first expiry, 3 s
     * on 9.3, 1 s on 14.2), the ACK coming 1 s later, well inside the 16 s cookie lifetime, with
     * no overflow ever. 9.3 ([SC-9x]/[SC-7c]: no overflow mark checked) rebuilds the connection;
     * 14.2 (HEAD: the bucket's sch_last_overflow is older than SYNCOOKIE_LIFETIME) and 4.11 (the
     * listener's ts_recent mark is older than SYNCOOKIE_TIMEOUT) refuse it with an RST.
     */
    @Test
    @DisplayName("a cookie without a recent overflow: accepted on 9.3, refused on 14.2 and 4.11")
    void cookieNeedsOverflowWhereTheSourceSaysSo() {
        for (String release : List.of("9.3", "14.2", "4.11")) {
            TwoHosts n = new TwoHosts(release);
            n.server.sysctls().setByAdministrator("net.inet.tcp.syncache.rexmtlimit", 0);
            n.serverTcp.listen(80, s -> new TcpApplication() { });
            n.clientTcp.setStrayPolicy(TcpStack.StrayPolicy.DROP);
            syn(n, 1024);
            n.runUntil(SimTime.seconds(4));
            assertEquals(0, n.serverTcp.syncacheSize(), release);
            sendAck(n, 1024);
            n.runUntil(SimTime.seconds(5));
            boolean accepted = release.equals("9.3");
            assertEquals(accepted, serverConnection(n, 1024) != null, release);
            assertEquals(accepted ? 0 : 1, rstsFromServer(n).size(), release);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static TwoHosts flood(String release, int syns) {
        TwoHosts n = new TwoHosts(release);
        sendSyns(n, syns);
        return n;
    }

    private static void sendSyns(TwoHosts n, int syns) {
        n.serverTcp.listen(80, s -> new TcpApplication() { });
        n.clientTcp.setStrayPolicy(TcpStack.StrayPolicy.DROP);
        for (int k = 0; k < syns; k++) {
            syn(n, 1024 + 2 * k);
        }
    }

    private static void syn(TwoHosts n, int port) {
        n.client.send(Packet.tcp(TwoHosts.CLIENT_IP, port, TwoHosts.SERVER_IP, 80).seq(1000 + port)
                .flags(TcpFlags.SYN).window(65535).mssOption(1460).origin(Origin.INJECTED).build());
    }

    /** The handshake's ACK for the (last) SYN-ACK the server sent to this port. */
    private static void sendAck(TwoHosts n, int port) {
        Packet synAck = n.sentBy("server").stream().map(TwoHosts.Sent::packet)
                .filter(p -> p.destinationPort() == port && p.has(TcpFlags.SYN)).reduce((a, b) -> b).orElseThrow();
        n.client.send(Packet.tcp(TwoHosts.CLIENT_IP, port, TwoHosts.SERVER_IP, 80).seq(1000 + port + 1)
                .ack(synAck.seq() + 1).flags(TcpFlags.ACK).window(65535).origin(Origin.INJECTED).build());
    }

    private static TcpConnection serverConnection(TwoHosts n, int port) {
        return n.serverTcp.connections().stream().filter(c -> c.foreignPort == port).findFirst().orElse(null);
    }

    private static List<Packet> rstsFromServer(TwoHosts n) {
        return n.sentBy("server").stream().map(TwoHosts.Sent::packet).filter(p -> p.has(TcpFlags.RST)).toList();
    }

    private static List<SocketRow> rows(TcpStack tcp) {
        List<SocketRow> rows = new ArrayList<>();
        for (TcpStack.SocketEntry s : tcp.sockets()) {
            rows.add(new SocketRow(s.localAddress(), s.localPort(), s.foreignAddress(), s.foreignPort(),
                    s.receiveQueue(), s.sendQueue(), s.state().netstatName()));
        }
        return rows;
    }
}
