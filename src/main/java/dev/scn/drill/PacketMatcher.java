package dev.scn.drill;

import dev.scn.drill.script.PacketStep;
import dev.scn.drill.script.TcpOpt;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpOption;

import java.util.List;

/**
 * Compares a segment the host sent with a script's {@code >} line, field by field in
 * packetdrill's order, and names the first field that differs the way packetdrill does
 * ({@code live packet field tcp_ack: expected: 2 vs actual: 1}). Sequence numbers compare
 * relative to the initial sequence numbers unless the line marks them absolute ({@code !}).
 * A TCP timestamp's value and echo are not compared: packetdrill checks them only when told the
 * remote clock's tick, which the suite never does.
 */
final class PacketMatcher {
    private PacketMatcher() {
    }

    /** @return null when the segment is the one the line describes, else packetdrill's complaint */
    static String mismatch(PacketStep expected, Packet live, SeqSpace seqs) {
        int expectedFlags = ScriptFlags.parse(expected.flags());
        for (int bit = 0; bit < ScriptFlags.NAMES.length; bit++) {
            int e = (expectedFlags >> bit) & 1;
            int a = (live.flags() >> bit) & 1;
            if (e != a) {
                return field("tcp_" + ScriptFlags.NAMES[bit], e, a);
            }
        }
        if (!expected.anySeq()) {
            long seq = expected.absoluteSeq() ? Integer.toUnsignedLong(live.seq()) : seqs.localRelative(live.seq());
            if (seq != expected.seqStart()) {
                return field("tcp_seq", expected.seqStart(), seq);
            }
        }
        if (expected.ack() != null) {
            long ack = SeqSpace.remoteRelative(live.ack());
            if ((live.flags() & dev.scn.engine.net.TcpFlags.ACK) != 0 && ack != expected.ack()) {
                return field("tcp_ack", expected.ack(), ack);
            }
        }
        if (expected.window() != null && live.window() != expected.window()) {
            return field("tcp_window", expected.window(), live.window());
        }
        if (live.payloadLength() != expected.length()) {
            return "live packet payload: expected " + expected.length() + " bytes vs actual "
                    + live.payloadLength() + " bytes";
        }
        if (expected.tos() != null && live.tos() != expected.tos()) {
            return field("ip_tos", expected.tos(), live.tos());
        }
        if (expected.ecn() != null && !ScriptEcn.matches(expected.ecn(), live.ecn())) {
            return "live packet field ip_ecn: expected: " + expected.ecn() + " vs actual: " + ScriptEcn.name(live.ecn());
        }
        return optionsMismatch(expected.options(), live.options().items());
    }

    private static String optionsMismatch(List<TcpOpt> expected, List<TcpOption> live) {
        List<TcpOpt> wanted = expected == null ? List.of() : expected;
        if (wanted.size() == 1 && wanted.get(0) instanceof TcpOpt.Any) {
            return null;
        }
        boolean same = wanted.size() == live.size();
        for (int i = 0; same && i < wanted.size(); i++) {
            same = sameOption(wanted.get(i), live.get(i));
        }
        return same ? null : "bad outbound TCP options: expected <" + ScriptOptions.describe(wanted)
                + "> vs actual <" + ScriptOptions.describeLive(live) + ">";
    }

    private static boolean sameOption(TcpOpt want, TcpOption got) {
        if (want instanceof TcpOpt.Mss m) {
            return got instanceof TcpOption.Mss g && g.value() == m.value();
        }
        if (want instanceof TcpOpt.WScale w) {
            return got instanceof TcpOption.WindowScale g && g.shift() == w.shift();
        }
        if (want instanceof TcpOpt.Sack s) {
            return got instanceof TcpOption.Sack g && sameBlocks(s, g);
        }
        return want instanceof TcpOpt.SackOk && got instanceof TcpOption.SackPermitted
                || want instanceof TcpOpt.Timestamp && got instanceof TcpOption.Timestamp
                || want instanceof TcpOpt.Nop && got instanceof TcpOption.Nop
                || want instanceof TcpOpt.Eol && got instanceof TcpOption.Eol
                || want instanceof TcpOpt.Any;
    }

    /** SACK blocks are the script peer's sequence numbers, relative to its ISN. */
    private static boolean sameBlocks(TcpOpt.Sack want, TcpOption.Sack got) {
        if (want.blocks().size() != got.blocks().size()) {
            return false;
        }
        for (int i = 0; i < want.blocks().size(); i++) {
            TcpOpt.SackBlock w = want.blocks().get(i);
            TcpOption.SackBlock g = got.blocks().get(i);
            if (SeqSpace.remoteRelative(g.start()) != w.start() || SeqSpace.remoteRelative(g.end()) != w.end()) {
                return false;
            }
        }
        return true;
    }

    private static String field(String name, long expected, long actual) {
        return "live packet field " + name + ": expected: " + expected + " vs actual: " + actual;
    }
}
