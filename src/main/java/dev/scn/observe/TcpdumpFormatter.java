package dev.scn.observe;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.net.Packet;
import dev.scn.engine.flow.Protocol;
import dev.scn.engine.net.TcpFlags;

import java.util.HashMap;
import java.util.Map;

/**
 * One line per packet as {@code tcpdump -n} 4.x prints it, following tcpdump's print-tcp.c
 * {@code tcp_print} (the-tcpdump-group/tcpdump@29d83dbb) and print-udp.c {@code udp_print}.
 *
 * <p>The time column is tcpdump's default one, the time of day: util.c {@code ts_print} case 0
 * (tcpdump CVS util.c 1.109, 2007, the 4.x line) prints {@code (tv_sec + thiszone) % 86400} as
 * {@code HH:MM:SS} and then {@code tv_usec}, so it wraps at midnight and never shows a date.
 * {@code thiszone} is the capturing machine's offset from UTC; the simulated machines keep UTC,
 * so it is 0. A packet's {@code tv_sec} is the scenario's start (seconds since 1970) plus its
 * simulated time.
 *
 * <p>Stateful, like tcpdump: relative sequence numbers come from {@code tcp_seq_hash}, one entry
 * per conversation. Feed every packet of a capture point to one formatter, in order.
 */
public final class TcpdumpFormatter {
    private static final long SECONDS_PER_DAY = 86_400L;

    private final boolean absoluteSequenceNumbers;
    /** Wall-clock seconds (UTC, since 1970) at simulated time 0. */
    private final long startEpochSeconds;
    private final Map<Conversation, InitialSequence> conversations = new HashMap<>();

    /** Relative sequence numbers, tcpdump's default; the run starts at midnight UTC. */
    public TcpdumpFormatter() {
        this(false, 0);
    }

    private TcpdumpFormatter(boolean absoluteSequenceNumbers, long startEpochSeconds) {
        this.absoluteSequenceNumbers = absoluteSequenceNumbers;
        this.startEpochSeconds = startEpochSeconds;
    }

    /** Relative sequence numbers; simulated time 0 is {@code startEpochSeconds} (UTC, seconds since 1970). */
    public static TcpdumpFormatter startingAt(long startEpochSeconds) {
        return new TcpdumpFormatter(false, startEpochSeconds);
    }

    /** {@code tcpdump -S}: print absolute sequence numbers, keep no conversation state. */
    public static TcpdumpFormatter withAbsoluteSequenceNumbers() {
        return new TcpdumpFormatter(true, 0);
    }

    /**
     * tcpdump's default time column for a packet {@code micros} after a start at
     * {@code startEpochSeconds}: the UTC time of day, {@code HH:MM:SS.uuuuuu}, wrapping at 24 h.
     */
    public static String timeOfDay(long startEpochSeconds, long micros) {
        long seconds = Math.addExact(startEpochSeconds, Math.floorDiv(micros, SimTime.MICROS_PER_SECOND));
        long ofDay = Math.floorMod(seconds, SECONDS_PER_DAY);
        long fraction = Math.floorMod(micros, SimTime.MICROS_PER_SECOND);
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d.%06d", ofDay / 3600, ofDay % 3600 / 60,
                ofDay % 60, fraction);
    }

    private String clock(long micros) {
        return timeOfDay(startEpochSeconds, micros);
    }

    /** The line for a packet seen {@code micros} after the scenario started, without newline. */
    public String format(long micros, Packet packet) {
        return switch (packet.protocol()) {
            case TCP -> clock(micros) + " IP " + tcp(packet);
            case UDP -> clock(micros) + udpAfterClock(packet);
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
        return timeOfDay(0, micros) + udpAfterClock(packet);
    }

    private static String udpAfterClock(Packet packet) {
        if (packet.protocol() != Protocol.UDP) {
            throw new IllegalArgumentException("not a UDP packet: " + packet);
        }
        return " IP " + endpoints(packet) + "UDP, length " + packet.payloadLength();
    }

    /** The full line and the label of one packet, with one update of the conversation state. */
    public Described describe(long micros, Packet packet) {
        if (packet.protocol() != Protocol.TCP) {
            String line = format(micros, packet);
            return new Described(line, packet.protocol().name());
        }
        Numbers n = numbers(packet);
        return new Described(clock(micros) + " IP " + tcp(packet, n), "[" + TcpFlags.tcpdump(packet.flags())
                + "]" + (n.seq() == null ? "" : " seq " + n.seq()) + (n.ack() == null ? "" : " ack " + n.ack()));
    }

    /** A packet's tcpdump line and its short label. */
    public record Described(String line, String label) {
    }

    /** What tcp_print shows of the numbers: {@code seq} (maybe {@code A:B}) and {@code ack}, or null when not printed. */
    private record Numbers(String seq, String ack, long ackBase) {
    }

    private Numbers numbers(Packet p) {
        int flags = p.flags();
        long seq = Integer.toUnsignedLong(p.seq());
        long ack = Integer.toUnsignedLong(p.ack());
        long ackBase = 0;
        if (!absoluteSequenceNumbers && TcpFlags.has(flags, TcpFlags.ACK)) {
            long[] relative = relativize(p, seq, ack);
            seq = relative[0];
            ackBase = (ack - relative[1]) & 0xffff_ffffL;
            ack = relative[1];
        }
        int length = p.payloadLength();
        String seqText = null;
        // tcp_print: seq only when vflag > 1, data present, or SYN/FIN/RST; "seq A:B" with data
        if (length > 0 || (flags & (TcpFlags.SYN | TcpFlags.FIN | TcpFlags.RST)) != 0) {
            seqText = length > 0 ? seq + ":" + ((seq + length) & 0xffff_ffffL) : Long.toString(seq);
        }
        return new Numbers(seqText, TcpFlags.has(flags, TcpFlags.ACK) ? Long.toString(ack) : null, ackBase);
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
        String options = TcpdumpOptions.text(p.options(), n.ackBase());
        if (options != null) {
            out.append(", options [").append(options).append(']');
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
