package dev.scn.observe;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.flow.Ipv4;
import dev.scn.fact.Origin;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TcpdumpFormatterTest {
    private static final int CLIENT = Ipv4.parse("198.51.100.7");
    private static final int SERVER = Ipv4.parse("192.0.2.10");
    private static final int CLIENT_ISN = 1_611_259_463;
    /** Close to 2^32 so that the server's numbers wrap: relative arithmetic must be unsigned. */
    private static final int SERVER_ISN = (int) 4_294_967_000L;
    private static final int ACK = TcpFlags.ACK;

    private record Seen(long micros, Packet packet) {
    }

    private static Packet.Builder fromClient() {
        return Packet.tcp(CLIENT, 1030, SERVER, 80).window(65535);
    }

    private static Packet.Builder fromServer() {
        return Packet.tcp(SERVER, 80, CLIENT, 1030).window(65535);
    }

    /**
     * Handshake, 300 bytes up, 2896 bytes down with the server's FIN on the second segment, the
     * client's ACK, then ipfw_tick's two keepalives (seq = ack - 1, window 0, research.md Q1
     * send_pkt), the server TCP's answer, and a stray RST without ACK.
     */
    private static List<Seen> trace() {
        List<Seen> trace = new ArrayList<>();
        trace.add(new Seen(0, fromClient().flags(TcpFlags.SYN).seq(CLIENT_ISN).mssOption(1460).build()));
        trace.add(new Seen(250, fromServer().flags(TcpFlags.SYN | ACK).seq(SERVER_ISN).ack(CLIENT_ISN + 1)
                .mssOption(1460).build()));
        trace.add(new Seen(500, fromClient().flags(ACK).seq(CLIENT_ISN + 1).ack(SERVER_ISN + 1).build()));
        trace.add(new Seen(1000, fromClient().flags(TcpFlags.PUSH | ACK).seq(CLIENT_ISN + 1).ack(SERVER_ISN + 1)
                .payloadLength(300).build()));
        trace.add(new Seen(1200, fromServer().flags(ACK).seq(SERVER_ISN + 1).ack(CLIENT_ISN + 301)
                .payloadLength(1448).build()));
        trace.add(new Seen(1300, fromServer().flags(TcpFlags.FIN | TcpFlags.PUSH | ACK).seq(SERVER_ISN + 1449)
                .ack(CLIENT_ISN + 301).payloadLength(1448).build()));
        trace.add(new Seen(1600, fromClient().flags(ACK).seq(CLIENT_ISN + 301).ack(SERVER_ISN + 2898).build()));
        long keepalive = SimTime.seconds(285);
        trace.add(new Seen(keepalive, fromClient().flags(ACK).window(0).seq(CLIENT_ISN + 300)
                .ack(SERVER_ISN + 2898).origin(Origin.IPFW_KEEPALIVE).build()));
        trace.add(new Seen(keepalive, fromServer().flags(ACK).window(0).seq(SERVER_ISN + 2897)
                .ack(CLIENT_ISN + 301).origin(Origin.IPFW_KEEPALIVE).build()));
        trace.add(new Seen(keepalive + 300, fromServer().flags(ACK).seq(SERVER_ISN + 2898).ack(CLIENT_ISN + 301)
                .build()));
        trace.add(new Seen(SimTime.seconds(300), fromClient().flags(TcpFlags.RST).window(0).seq(CLIENT_ISN + 301)
                .build()));
        return trace;
    }

    private static String render(TcpdumpFormatter formatter, List<Seen> trace) {
        StringBuilder out = new StringBuilder();
        for (Seen seen : trace) {
            out.append(formatter.format(seen.micros(), seen.packet())).append('\n');
        }
        return out.toString();
    }

    @Test
    @DisplayName("Handshake, data, FIN, window-0 ipfw keepalives: relative numbers per conversation (print-tcp.c tcp_print, tcp_seq_hash)")
    void traceMatchesGolden() {
        assertEquals(Golden.read("tcpdump-handshake-fin-keepalive.txt"), render(new TcpdumpFormatter(), trace()));
    }

    @Test
    @DisplayName("-S prints absolute numbers, wrapping as unsigned 32-bit (print-tcp.c tcp_print !Sflag)")
    void absoluteSequenceNumbers() {
        List<Seen> trace = trace();
        TcpdumpFormatter formatter = TcpdumpFormatter.withAbsoluteSequenceNumbers();
        String[] lines = render(formatter, trace).split("\n");
        assertEquals("00:00:00.000500 IP 198.51.100.7.1030 > 192.0.2.10.80: Flags [.], ack 4294967001,"
                + " win 65535, length 0", lines[2]);
        assertEquals("00:00:00.001300 IP 192.0.2.10.80 > 198.51.100.7.1030: Flags [FP.], seq 1153:2601,"
                + " ack 1611259764, win 65535, length 1448", lines[5]);
    }

    @Test
    @DisplayName("A SYN with ACK restarts the conversation's numbering (print-tcp.c: !th->nxt || (flags & TH_SYN))")
    void synAckRestartsNumbering() {
        TcpdumpFormatter formatter = new TcpdumpFormatter();
        formatter.format(0, fromServer().flags(TcpFlags.SYN | ACK).seq(100).ack(200).build());
        formatter.format(1, fromClient().flags(ACK).seq(200).ack(101).build());
        String again = formatter.format(2, fromServer().flags(TcpFlags.SYN | ACK).seq(5000).ack(7000).build());
        assertEquals("00:00:00.000002 IP 192.0.2.10.80 > 198.51.100.7.1030: Flags [S.], seq 5000, ack 7000,"
                + " win 65535, length 0", again);
        String next = formatter.format(3, fromClient().flags(ACK).seq(7000).ack(5001).build());
        assertEquals("00:00:00.000003 IP 198.51.100.7.1030 > 192.0.2.10.80: Flags [.], ack 1, win 65535, length 0",
                next);
    }

    @Test
    @DisplayName("Flag letters in tcp_flag_values order F S R P . U, \"none\" when empty (print-tcp.c)")
    void flagLettersFollowTcpdumpTable() {
        assertEquals("FS", TcpFlags.tcpdump(TcpFlags.SYN | TcpFlags.FIN));
        assertEquals("RP.", TcpFlags.tcpdump(TcpFlags.RST | TcpFlags.PUSH | TcpFlags.ACK));
        assertEquals(".U", TcpFlags.tcpdump(TcpFlags.URG | TcpFlags.ACK));
        assertEquals("none", TcpFlags.tcpdump(0));
    }

    @Test
    @DisplayName("UDP: \"UDP, length N\" with the payload length (print-udp.c udp_print)")
    void udpLine() {
        Packet query = Packet.udp(CLIENT, 1030, SERVER, 53).payloadLength(32).build();
        assertEquals("00:00:01.500000 IP 198.51.100.7.1030 > 192.0.2.10.53: UDP, length 32",
                TcpdumpFormatter.formatUdp(SimTime.millis(1500), query));
    }
}
