package dev.scn.engine.tcp;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.app.HttpClient;
import dev.scn.engine.app.HttpServer;
import dev.scn.engine.net.TcpFlags;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The passive close as tcp_do_segment does it (FreeBSD tcp_input.c, every release): the FIN in
 * ESTABLISHED sets TF_ACKNOW and moves to CLOSE_WAIT; tcp_output at the end of input processing
 * sends the ACK of the FIN at once (not delayed); socantrcvmore only wakes the process, whose
 * close() runs later and sends our FIN as a segment of its own.
 */
class PassiveCloseTest {

    /*
     * The server answers 300 bytes with 1000 and waits for the client (wait-for-client). The client
     * closes at 1.000 s: its FIN reaches the server at 1.040 s (link delay 40 ms). The server then
     * sends two segments at 1.040 s: first a bare ACK acknowledging the FIN (ack = FIN seq + 1,
     * seq = its snd_nxt), then FIN|ACK with the same seq, from the application's close(). The
     * client has both at 1.080 s: FIN_WAIT_2, then TIME_WAIT, and its ACK of the server's FIN ends
     * the server's LAST_ACK at 1.120 s.
     */
    @ParameterizedTest
    @ValueSource(strings = {"4.11", "5.4", "9.3", "14.2"})
    @DisplayName("passive close: the ACK of the peer's FIN goes first, our FIN follows as its own segment")
    void serverAcksThenFins(String release) {
        TwoHosts n = new TwoHosts(release);
        n.serverTcp.listen(80, new HttpServer(300, 1000, HttpServer.Ending.WAIT_FOR_CLIENT, 0));
        TcpSocket c1 = n.clientTcp.connect("c1", TwoHosts.SERVER_IP, 80, new HttpClient(300, false));
        n.sim.schedule(SimTime.seconds(1), c1::close);
        n.runUntil(SimTime.seconds(2));

        TwoHosts.Sent clientFin = n.sentBy("client").stream().filter(s -> s.packet().has(TcpFlags.FIN))
                .findFirst().orElseThrow();
        assertEquals(SimTime.seconds(1), clientFin.time());
        List<TwoHosts.Sent> answer = n.sentBy("server").stream().filter(s -> s.time() >= SimTime.seconds(1)).toList();
        assertEquals(2, answer.size(), "a bare ACK, then the FIN");
        TwoHosts.Sent ack = answer.get(0);
        TwoHosts.Sent fin = answer.get(1);
        assertEquals(SimTime.millis(1_040), ack.time(), "TF_ACKNOW: not delayed");
        assertEquals(TcpFlags.ACK, ack.packet().flags());
        assertEquals(clientFin.packet().seq() + 1, ack.packet().ack());
        assertEquals(0, ack.packet().payloadLength());
        assertEquals(SimTime.millis(1_040), fin.time());
        assertEquals(TcpFlags.FIN | TcpFlags.ACK, fin.packet().flags());
        assertEquals(ack.packet().seq(), fin.packet().seq());
        assertEquals(clientFin.packet().seq() + 1, fin.packet().ack());
        assertEquals(TcpState.TIME_WAIT, c1.state());
        assertTrue(n.serverTcp.connections().isEmpty(), "LAST_ACK ended by the client's ACK at 1.120 s");
    }

    /*
     * The mirror image: the server closes after its 1000-byte answer, and a client that closes on
     * EOF is the passive closer. The client's last two segments are the ACK of the server's FIN and,
     * at the same instant, its own FIN|ACK with the same seq.
     */
    @ParameterizedTest
    @ValueSource(strings = {"5.4", "14.2"})
    @DisplayName("a client that closes on EOF also sends ACK, then FIN")
    void clientAcksThenFins(String release) {
        TwoHosts n = new TwoHosts(release);
        n.serverTcp.listen(80, new HttpServer(300, 1000, HttpServer.Ending.CLOSE, 0));
        TcpSocket c1 = n.clientTcp.connect("c1", TwoHosts.SERVER_IP, 80, new HttpClient(300, true));
        n.runUntil(SimTime.seconds(2));

        TwoHosts.Sent serverFin = n.sentBy("server").stream().filter(s -> s.packet().has(TcpFlags.FIN))
                .findFirst().orElseThrow();
        List<TwoHosts.Sent> fromClient = n.sentBy("client");
        TwoHosts.Sent ack = fromClient.get(fromClient.size() - 2);
        TwoHosts.Sent fin = fromClient.get(fromClient.size() - 1);
        int finSeqPlusOne = serverFin.packet().seq() + serverFin.packet().payloadLength() + 1;
        assertEquals(TcpFlags.ACK, ack.packet().flags());
        assertEquals(finSeqPlusOne, ack.packet().ack());
        assertEquals(serverFin.time() + SimTime.millis(40), ack.time());
        assertEquals(TcpFlags.FIN | TcpFlags.ACK, fin.packet().flags());
        assertEquals(ack.time(), fin.time());
        assertEquals(ack.packet().seq(), fin.packet().seq());
        assertEquals(TcpState.CLOSED, c1.state());
    }
}
