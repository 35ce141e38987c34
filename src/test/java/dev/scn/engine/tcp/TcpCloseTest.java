package dev.scn.engine.tcp;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.app.HttpClient;
import dev.scn.engine.app.HttpServer;
import dev.scn.fact.Origin;
import dev.scn.engine.net.TcpFlags;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpCloseTest {

    private static TcpConnection serverSide(TwoHosts n) {
        return n.serverTcp.connections().stream().findFirst().orElse(null);
    }

    @Test
    @DisplayName("handshake, request, 20k response in MSS segments, FIN: sequence numbers add up")
    void handshakeDataAndFin() {
        TwoHosts n = new TwoHosts("5.4");
        n.serverTcp.listen(80, new HttpServer(300, 20 * 1024, HttpServer.Ending.CLOSE, 0));
        TcpSocket c1 = n.clientTcp.connect("c1", TwoHosts.SERVER_IP, 80, new HttpClient(300, false));
        n.runUntil(SimTime.seconds(1));

        var syn = n.sent.get(0);
        assertEquals("client", syn.host());
        assertEquals(TcpFlags.SYN, syn.packet().flags());
        assertEquals(1460, syn.packet().mssOption());
        var synAck = n.sent.get(1);
        assertEquals(TcpFlags.SYN | TcpFlags.ACK, synAck.packet().flags());
        assertEquals(syn.packet().seq() + 1, synAck.packet().ack());
        assertEquals(SimTime.millis(40), synAck.time());

        TcpConnection server = serverSide(n);
        assertNotNull(server);
        // The server sent 20480 bytes and a FIN: snd_max = iss + 1 + 20480 + 1, all acknowledged.
        assertEquals(server.iss() + 1 + 20480 + 1, server.sndMax());
        assertEquals(server.sndMax(), server.sndUna());
        // It received 300 bytes after the client's SYN.
        assertEquals(server.irs() + 1 + 300, server.rcvNxt());
        assertEquals(TcpState.FIN_WAIT_2, server.state());
        assertEquals(TcpState.CLOSE_WAIT, c1.state());
        long dataSegments = n.sentBy("server").stream().filter(s -> s.packet().payloadLength() > 0).count();
        assertEquals(15, dataSegments, "20480 bytes = 14 x 1460 + 40");
        assertTrue(n.sentBy("server").stream().allMatch(s -> s.packet().payloadLength() <= 1460));
        assertTrue(n.sent.stream().filter(s -> s.packet().payloadLength() > 0)
                .allMatch(s -> s.packet().origin() == Origin.APPLICATION));
    }

    /*
     * Derivation (model §5): the client acknowledges the server's FIN at T, which moves the server
     * to FIN_WAIT_2 with the socket closed, so the 2MSL timer is armed for maxidle = 8 x 75 s =
     * 600 s at T. At T+600 the last segment arrived exactly 600 s ago: 600 <= maxidle, re-armed
     * for keepintvl 75 s. At T+675 idle is 675 s > 600 s: closed. T is the arrival of the
     * client's ACK of the FIN.
     */
    @Test
    @DisplayName("model §5: a vanished client leaves FIN_WAIT_2 for maxidle + one 75 s re-check")
    void finWait2WithoutIpfwClosesAfterMaxidlePlusKeepintvl() {
        TwoHosts n = new TwoHosts("5.4");
        n.serverTcp.listen(80, new HttpServer(300, 20 * 1024, HttpServer.Ending.CLOSE, 0));
        n.clientTcp.setStrayPolicy(TcpStack.StrayPolicy.DROP);
        TcpSocket c1 = n.clientTcp.connect("c1", TwoHosts.SERVER_IP, 80, new HttpClient(300, false));
        n.sim.schedule(SimTime.seconds(2), () -> n.clientTcp.forget(c1.connection()));
        n.runUntil(SimTime.seconds(2));
        TcpConnection server = serverSide(n);
        assertEquals(TcpState.FIN_WAIT_2, server.state());
        long finAckArrival = server.lastReceived();
        assertEquals(finAckArrival + SimTime.seconds(600), server.twoMslDeadline());

        n.runUntil(finAckArrival + SimTime.seconds(600));
        assertEquals(TcpState.FIN_WAIT_2, server.state());
        assertEquals(finAckArrival + SimTime.seconds(675), server.twoMslDeadline());
        n.runUntil(finAckArrival + SimTime.seconds(675) - 1);
        assertEquals(1, n.serverTcp.count(TcpState.FIN_WAIT_2));
        n.runUntil(finAckArrival + SimTime.seconds(675));
        assertEquals(0, n.serverTcp.count(TcpState.FIN_WAIT_2));
        assertNull(n.serverTcp.connection(server.flow()));
    }

    @Test
    @DisplayName("model §5: a keepalive probe (seq = rcv_nxt - 1, no data) is answered with seq = snd_nxt, ack = rcv_nxt")
    void keepaliveProbeAnswered() {
        TwoHosts n = new TwoHosts("5.4");
        n.serverTcp.listen(80, new HttpServer(300, 20 * 1024, HttpServer.Ending.CLOSE, 0));
        n.clientTcp.setStrayPolicy(TcpStack.StrayPolicy.DROP);
        TcpSocket c1 = n.clientTcp.connect("c1", TwoHosts.SERVER_IP, 80, new HttpClient(300, false));
        n.sim.schedule(SimTime.seconds(2), () -> n.clientTcp.forget(c1.connection()));
        n.runUntil(SimTime.seconds(100));
        TcpConnection server = serverSide(n);
        int before = n.sent.size();
        long probeAt = SimTime.seconds(100);
        n.sim.schedule(probeAt, () -> n.client.send(dev.scn.engine.net.Packet
                .tcp(TwoHosts.CLIENT_IP, server.foreignPort(), TwoHosts.SERVER_IP, 80)
                .seq(server.rcvNxt() - 1).ack(server.sndMax()).flags(TcpFlags.ACK).window(0)
                .origin(Origin.INJECTED).build()));
        n.runUntil(SimTime.seconds(101));
        var answer = n.sent.get(before + 1);
        assertEquals("server", answer.host());
        assertEquals(TcpFlags.ACK, answer.packet().flags());
        assertEquals(server.sndNxt(), answer.packet().seq());
        assertEquals(server.rcvNxt(), answer.packet().ack());
        assertEquals(probeAt + SimTime.millis(40), answer.time());
        assertEquals(probeAt + SimTime.millis(40), server.lastReceived(), "t_rcvtime reset by the probe");
        assertEquals(TcpState.FIN_WAIT_2, server.state());
    }
}
