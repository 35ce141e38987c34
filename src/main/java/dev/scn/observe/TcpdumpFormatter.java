package dev.scn.observe;

import dev.scn.engine.SimTime;
import dev.scn.engine.net.Ipv4;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.Protocol;
import dev.scn.engine.net.TcpFlags;

import java.util.HashMap;
import java.util.Map;

/**
 * One line per packet as {@code tcpdump -n} 4.x prints it, following tcpdump's print-tcp.c
 * {@code tcp_print} (the-tcpdump-group/tcpdump@29d83dbb) and print-udp.c {@code udp_print}.
 * The time column is relative to the scenario start ({@link SimTime#tcpdumpClock}).
 *
 * <p>Stateful, like tcpdump: relative sequence numbers come from {@code tcp_seq_hash}, one entry
 * per conversation. Feed every packet of a capture point to one formatter, in order.
 */
public final class TcpdumpFormatter {
    private final boolean absoluteSequenceNumbers;
    private final Map<Conversation, InitialSequence> conversations = new HashMap<>();

    /** Relative sequence numbers, tcpdump's default. */
    public TcpdumpFormatter() {
        this(false);
    }

    private TcpdumpFormatter(boolean absoluteSequenceNumbers) {
        this.absoluteSequenceNumbers = absoluteSequenceNumbers;
    }

    /** {@code tcpdump -S}: print absolute sequence numbers, keep no conversation state. */
    public static TcpdumpFormatter withAbsoluteSequenceNumbers() {
        return new TcpdumpFormatter(true);
    }

    /** The line for a packet seen {@code micros} after the scenario started, without newline. */
    public String format(long micros, Packet packet) {
        return switch (packet.protocol()) {
            case TCP -> SimTime.tcpdumpClock(micros) + " IP " + tcp(packet);
            case UDP -> formatUdp(micros, packet);
            case ICMP -> throw new IllegalArgumentException("tcpdump lines for ICMP are not modelled: " + packet);
        };
    }

    /**
     * print-udp.c udp_print, no port-specific decoder: {@code "UDP, length %u"} with the UDP
     * payload length ({@code ulen - sizeof(struct udphdr)}). The "IP " prefix and the
     * {@code a.p > b.q: } address part are as for TCP (UNVERIFIED: read from tcp_print only;
     * udpipaddr_print was not read).
     */
    public static String formatUdp(long micros, Packet packet) {
        if (packet.protocol() != Protocol.UDP) {
            throw new IllegalArgumentException("not a UDP packet: " + packet);
        }
        return SimTime.tcpdumpClock(micros) + " IP " + endpoints(packet) + "UDP, length " + packet.payloadLength();
    }

    /** The full line and the label of one packet, with one update of the conversation state. */
    public Described describe(long micros, Packet packet) {
        if (packet.protocol() != Protocol.TCP) {
            String line = format(micros, packet);
            return new Described(line, packet.protocol().name());
        }
        Numbers n = numbers(packet);
        return new Described(SimTime.tcpdumpClock(micros) + " IP " + tcp(packet, n), "[" + TcpFlags.tcpdump(packet.flags())
                + "]" + (n.seq() == null ? "" : " seq " + n.seq()) + (n.ack() == null ? "" : " ack " + n.ack()));
    }

    /** A packet's tcpdump line and its short label. */
    public record Described(String line, String label) {
    }

    /** What tcp_print shows of the numbers: {@code seq} (maybe {@code A:B}) and {@code ack}, or null when not printed. */
    private record Numbers(String seq, String ack) {
    }

    private Numbers numbers(Packet p) {
        int flags = p.flags();
        long seq = Integer.toUnsignedLong(p.seq());
        long ack = Integer.toUnsignedLong(p.ack());
        if (!absoluteSequenceNumbers && TcpFlags.has(flags, TcpFlags.ACK)) {
            long[] relative = relativize(p, seq, ack);
            seq = relative[0];
            ack = relative[1];
        }
        int length = p.payloadLength();
        String seqText = null;
        // tcp_print: seq only when vflag > 1, data present, or SYN/FIN/RST; "seq A:B" with data
        if (length > 0 || (flags & (TcpFlags.SYN | TcpFlags.FIN | TcpFlags.RST)) != 0) {
            seqText = length > 0 ? seq + ":" + ((seq + length) & 0xffff_ffffL) : Long.toString(seq);
        }
        return new Numbers(seqText, TcpFlags.has(flags, TcpFlags.ACK) ? Long.toString(ack) : null);
    }

    private String tcp(Packet p) {
        return tcp(p, numbers(p));
    }

    private static String tcp(Packet p, Numbers n) {
        StringBuilder out = new StringBuilder(endpoints(p));
        int flags = p.flags();
        out.append("Flags [").append(TcpFlags.tcpdump(flags)).append(']');
        if (n.seq() != null) {
            out.append(", seq ").append(n.seq());
        }
        if (n.ack() != null) {
            out.append(", ack ").append(n.ack());
        }
        out.append(", win ").append(p.window());
        if (TcpFlags.has(flags, TcpFlags.URG)) {
            // Packet carries no urgent pointer; the engine never sends one, so it reads as 0.
            out.append(", urg 0");
        }
        if (p.mssOption() != 0) {
            // options are printed "options [" + tok2str(tcp_option_values) + " %u" + "]"
            out.append(", options [mss ").append(p.mssOption()).append(']');
        }
        out.append(", length ").append(p.payloadLength());
        return out.toString();
    }

    /**
     * tcp_print's tcp_seq_hash: the conversation is keyed with the lower port first (on equal
     * ports, the lower address); {@code rev} is set when the packet goes from the higher port.
     * A new entry, or any SYN, records the numbers of this packet and prints them as they are;
     * later packets print {@code seq - isn} and {@code ack - isn} of their direction, all in
     * 32-bit unsigned arithmetic. Only packets with ACK reach here, as in tcp_print.
     */
    private long[] relativize(Packet p, long seq, long ack) {
        boolean rev = p.sourcePort() > p.destinationPort()
                || (p.sourcePort() == p.destinationPort()
                    && Integer.compareUnsigned(p.source(), p.destination()) > 0);
        Conversation key = rev
                ? new Conversation(p.destination(), p.source(), p.destinationPort() << 16 | p.sourcePort())
                : new Conversation(p.source(), p.destination(), p.sourcePort() << 16 | p.destinationPort());
        InitialSequence known = conversations.get(key);
        if (known == null || TcpFlags.has(p.flags(), TcpFlags.SYN)) {
            long minusOne = (ack - 1) & 0xffff_ffffL;
            conversations.put(key, rev ? new InitialSequence(minusOne, seq) : new InitialSequence(seq, minusOne));
            return new long[] {seq, ack};
        }
        return rev
                ? new long[] {(seq - known.ack()) & 0xffff_ffffL, (ack - known.seq()) & 0xffff_ffffL}
                : new long[] {(seq - known.seq()) & 0xffff_ffffL, (ack - known.ack()) & 0xffff_ffffL};
    }

    /** {@code "%s.%s > %s.%s: "} with ipaddr_string and the numeric port (-n). */
    private static String endpoints(Packet p) {
        return Ipv4.format(p.source()) + "." + p.sourcePort() + " > "
                + Ipv4.format(p.destination()) + "." + p.destinationPort() + ": ";
    }

    /** tcp_print's {@code struct tha}: addresses and ports in collating order. */
    private record Conversation(int source, int destination, int ports) {
    }

    /** tcp_print's {@code th->seq} and {@code th->ack}: the numbers subtracted per direction. */
    private record InitialSequence(long seq, long ack) {
    }
}
