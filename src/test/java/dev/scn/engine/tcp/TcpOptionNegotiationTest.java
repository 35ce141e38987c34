package dev.scn.engine.tcp;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.app.HttpClient;
import dev.scn.engine.app.HttpServer;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.net.TcpOption;
import dev.scn.fact.Origin;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Options negotiated between two simulated FreeBSD hosts, per release and per sysctl. Every
 * expectation is derived in its comment from the source cited in TcpOptionWriter, TcpOptionState,
 * TcpOptionConfig and TcpOptionInput.
 */
class TcpOptionNegotiationTest {
    private static final TcpOption NOP = new TcpOption.Nop();

    private static TwoHosts exchange(String release, int responseBytes) {
        TwoHosts n = new TwoHosts(release);
        n.serverTcp.listen(80, new HttpServer(300, responseBytes, HttpServer.Ending.WAIT_FOR_CLIENT, 0));
        n.clientTcp.connect("c1", TwoHosts.SERVER_IP, 80, new HttpClient(300, false));
        return n;
    }

    private static Packet first(TwoHosts n, String host, int flags) {
        return n.sentBy(host).stream().map(TwoHosts.Sent::packet).filter(p -> p.flags() == flags).findFirst()
                .orElseThrow();
    }

    /*
     * 14.2: rfc1323=1 and sack.enable=1 give TF_REQ_SCALE|TF_REQ_TSTMP|TF_SACK_PERMIT; the scale
     * requested is the smallest s with 65535 << s >= kern.ipc.maxsockbuf = 2097152: 65535 << 5 =
     * 2097120 < 2097152, 65535 << 6 = 4194240, so 6. The SYN window is never scaled: min(65536,
     * 65535) = 65535. The SYN-ACK echoes the SYN's TSval.
     */
    @Test
    void freebsd14SynAndSynAckCarryMssWscaleSackOkAndTimestamps() {
        TwoHosts n = exchange("14.2", 1000);
        n.runUntil(SimTime.seconds(1));
        Packet syn = first(n, "client", TcpFlags.SYN);
        assertEquals(List.of(new TcpOption.Mss(1460), NOP, new TcpOption.WindowScale(6), new TcpOption.SackPermitted()),
                syn.options().items().subList(0, 4));
        assertTrue(syn.options().hasTimestamp());
        assertEquals(0, syn.options().tsEcr());
        assertEquals(65535, syn.window());
        Packet synAck = first(n, "server", TcpFlags.SYN | TcpFlags.ACK);
        assertEquals(6, synAck.options().wscale());
        assertTrue(synAck.options().sackPermitted());
        assertEquals(syn.options().tsVal(), synAck.options().tsEcr());
        assertEquals(65535, synAck.window());
    }

    /*
     * After the handshake both ends scale by 6: the client's window field is recwin >> 6, rounded
     * up (12.x and later). tcp_mss rounded the receive buffer to whole t_maxseg, which 14.x keeps at
     * 1460 (the timestamp's 12 bytes come off only when sizing segments): 65536 -> 45 x 1460 = 65700,
     * so recwin = min(sbspace 65700, 65535 << 6) = 65700 and (65700 + 63) >> 6 = 1027. Every
     * segment then carries NOP,NOP,TS (12 bytes), so a full segment holds 1460 - 12 = 1448 bytes:
     * the 4000-byte response goes as 1448 + 1448 + 1104.
     */
    @Test
    void freebsd14ScalesTheWindowFieldAndPutsTimestampsOnEverySegment() {
        TwoHosts n = exchange("14.2", 4000);
        n.runUntil(SimTime.seconds(2));
        List<Packet> afterSyn = n.sentBy("client").stream().map(TwoHosts.Sent::packet)
                .filter(p -> !p.has(TcpFlags.SYN)).toList();
        assertEquals(1027, afterSyn.get(0).window());
        assertTrue(afterSyn.stream().allMatch(p -> p.options().items().equals(List.of(NOP, NOP,
                new TcpOption.Timestamp(p.options().tsVal(), p.options().tsEcr())))));
        List<Integer> data = n.sentBy("server").stream().map(s -> s.packet().payloadLength()).filter(l -> l > 0).toList();
        assertEquals(List.of(1448, 1448, 1104), data);
    }

    /*
     * 5.4 (inline options, scale from sb_hiwat = recvspace 65536: 65535 << 1 >= 65536, so 1):
     * <mss 1460,nop,nop,sackOK,nop,wscale 1,nop,nop,TS>. tcp_mss takes TCPOLEN_TSTAMP_APPA off
     * t_maxseg: 1448-byte segments here too.
     */
    @Test
    void freebsd54BuildsTheSynInlineAndScalesByTheReceiveBuffer() {
        TwoHosts n = exchange("5.4", 4000);
        n.runUntil(SimTime.seconds(2));
        Packet syn = first(n, "client", TcpFlags.SYN);
        assertEquals(List.of(new TcpOption.Mss(1460), NOP, NOP, new TcpOption.SackPermitted(), NOP,
                new TcpOption.WindowScale(1)), syn.options().items().subList(0, 6));
        assertEquals(24, syn.options().length());
        List<Integer> data = n.sentBy("server").stream().map(s -> s.packet().payloadLength()).filter(l -> l > 0).toList();
        assertEquals(List.of(1448, 1448, 1104), data);
        // 5.x tcp_mss takes the timestamp's 12 bytes off t_maxseg before rounding the receive buffer:
        // 65536 -> 46 x 1448 = 66608; recwin 66608 >> 1 = 33304 (no round-up before 12.x).
        Packet ack = n.sentBy("client").stream().map(TwoHosts.Sent::packet).filter(p -> !p.has(TcpFlags.SYN))
                .findFirst().orElseThrow();
        assertEquals(33304, ack.window());
    }

    /* RELENG_4 has no SACK: <mss 1460,nop,wscale 1,nop,nop,TS>. */
    @Test
    void freebsd411OffersNoSack() {
        TwoHosts n = exchange("4.11", 100);
        n.runUntil(SimTime.seconds(1));
        Packet syn = first(n, "client", TcpFlags.SYN);
        assertFalse(syn.options().sackPermitted());
        assertEquals(List.of(new TcpOption.Mss(1460), NOP, new TcpOption.WindowScale(1), NOP, NOP),
                syn.options().items().subList(0, 5));
    }

    /* rfc1323=0 on the client: no scale, no TS; mss 4 + sackOK 2, EOL, pad = <mss 1460,sackOK,eol,eol>. */
    @Test
    void rfc1323OffLeavesMssAndSackOk() {
        TwoHosts n = new TwoHosts("14.2");
        n.client.sysctls().setByAdministrator("net.inet.tcp.rfc1323", 0);
        n.serverTcp.listen(80, new HttpServer(300, 4000, HttpServer.Ending.WAIT_FOR_CLIENT, 0));
        n.clientTcp.connect("c1", TwoHosts.SERVER_IP, 80, new HttpClient(300, false));
        n.runUntil(SimTime.seconds(2));
        Packet syn = first(n, "client", TcpFlags.SYN);
        assertEquals(List.of(new TcpOption.Mss(1460), new TcpOption.SackPermitted(), new TcpOption.Eol(),
                new TcpOption.Eol()), syn.options().items());
        // The server echoes what was offered: the same list on its SYN-ACK, and no TS after it,
        // so full 1460-byte segments: 1460 + 1460 + 1080.
        assertEquals(syn.options(), first(n, "server", TcpFlags.SYN | TcpFlags.ACK).options());
        List<Integer> data = n.sentBy("server").stream().map(s -> s.packet().payloadLength()).filter(l -> l > 0).toList();
        assertEquals(List.of(1460, 1460, 1080), data);
    }

    /*
     * An ipfw keepalive (ACK, no options, seq = rcv_nxt - 1) to a 14.2 server whose connection
     * negotiated timestamps. With tolerate_missing_ts = 1 (the default) it goes on to the left-edge
     * trim, which sets TF_ACKNOW: one ACK back. With 0 it is dropped before any of that: silence.
     */
    @Test
    void missingTimestampIsAnsweredOnlyWhenTolerated() {
        assertEquals(1, repliesToKeepalive(1));
        assertEquals(0, repliesToKeepalive(0));
    }

    private static long repliesToKeepalive(long tolerate) {
        TwoHosts n = exchange("14.2", 1000);
        n.server.sysctls().setByAdministrator("net.inet.tcp.tolerate_missing_ts", tolerate);
        n.runUntil(SimTime.seconds(5));
        TcpConnection server = n.serverTcp.connections().stream().findFirst().orElseThrow();
        assertTrue(server.opts.timestampsOn());
        long before = n.sentBy("server").size();
        n.client.send(Packet.tcp(TwoHosts.CLIENT_IP, server.foreignPort(), TwoHosts.SERVER_IP, 80)
                .seq(server.rcvNxt() - 1).ack(server.sndNxt()).flags(TcpFlags.ACK).window(0)
                .origin(Origin.INJECTED).build());
        n.runUntil(SimTime.seconds(6));
        return n.sentBy("server").size() - before;
    }

    /* 5.4 has no missing-timestamp rule and no such sysctl: the keepalive is answered. */
    @Test
    void freebsd54AnswersAKeepaliveWithoutTimestamp() {
        TwoHosts n = exchange("5.4", 1000);
        assertFalse(n.server.sysctls().exists("net.inet.tcp.tolerate_missing_ts"));
        n.runUntil(SimTime.seconds(5));
        TcpConnection server = n.serverTcp.connections().stream().findFirst().orElseThrow();
        long before = n.sentBy("server").size();
        n.client.send(Packet.tcp(TwoHosts.CLIENT_IP, server.foreignPort(), TwoHosts.SERVER_IP, 80)
                .seq(server.rcvNxt() - 1).ack(server.sndNxt()).flags(TcpFlags.ACK).window(0)
                .origin(Origin.INJECTED).build());
        n.runUntil(SimTime.seconds(6));
        assertEquals(1, n.sentBy("server").size() - before);
    }

    /*
     * PAWS: a data segment whose TSval is older than ts_recent is dropped with an ACK (7.x and
     * later ACK only when it carried data), and its bytes are not taken.
     */
    @Test
    void pawsDropsAnOldTimestamp() {
        TwoHosts n = exchange("14.2", 1000);
        n.runUntil(SimTime.seconds(5));
        TcpConnection server = n.serverTcp.connections().stream().findFirst().orElseThrow();
        int rcvNxt = server.rcvNxt();
        long before = n.sentBy("server").size();
        n.client.send(Packet.tcp(TwoHosts.CLIENT_IP, server.foreignPort(), TwoHosts.SERVER_IP, 80)
                .seq(rcvNxt).ack(server.sndNxt()).flags(TcpFlags.ACK).window(1024).payloadLength(10)
                .options(dev.scn.engine.net.TcpOptions.of(NOP, NOP,
                        new TcpOption.Timestamp(server.opts.tsRecent - 1, 0)))
                .origin(Origin.INJECTED).build());
        n.runUntil(SimTime.seconds(6));
        assertEquals(rcvNxt, server.rcvNxt());
        assertEquals(1, n.sentBy("server").size() - before);
    }
}
