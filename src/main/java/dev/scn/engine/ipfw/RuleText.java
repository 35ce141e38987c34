package dev.scn.engine.ipfw;

import dev.scn.engine.net.TcpFlags;

/**
 * A rule body as show_ipfw() of sbin/ipfw/ipfw2.c prints it (TrustedBSD/sebsd @fd5de6f5,
 * ipfw2.c v1.85, 2006): actions first ({@code allow}, {@code deny}, {@code reset},
 * {@code count}, {@code check-state} which prints nothing else, {@code skipto N}), then
 * {@code log}, then the body. show_prerequisites() fills in {@code ip}, {@code from any},
 * {@code to any}; once protocol, source and destination are printed ("HAVE_OPTIONS"), the
 * destination ports come out as {@code dst-port N}, source ports right after the source address
 * print bare. print_flags prints syn,!ack as {@code setup}; keep-state is the last opcode.
 */
final class RuleText {
    /**
     * f_tcpflags of ipfw2.c, in table order. UNVERIFIED: the table order (syn fin ack psh rst urg)
     * was not re-read; it only matters for printing {@code tcpflags} with several flags.
     */
    private static final int[] FLAG_BITS = {TcpFlags.SYN, TcpFlags.FIN, TcpFlags.ACK, TcpFlags.PUSH,
        TcpFlags.RST, TcpFlags.URG};
    private static final String[] FLAG_NAMES = {"syn", "fin", "ack", "psh", "rst", "urg"};

    private RuleText() {
    }

    static String of(IpfwRule.RuleSpec spec) {
        StringBuilder out = new StringBuilder();
        IpfwAction action = spec.action();
        out.append(switch (action.kind()) {
            case ALLOW -> "allow";
            case DENY -> "deny";
            case RESET -> "reset";
            case COUNT -> "count";
            case CHECK_STATE -> "check-state";
            case SKIPTO -> "skipto " + action.target();
        });
        if (spec.log()) {
            out.append(" log");
        }
        if (action.kind() == IpfwAction.Kind.CHECK_STATE) {
            return out.toString();
        }
        out.append(' ').append(spec.protocol() == null ? "ip" : spec.protocol().ipfwName());
        out.append(" from ").append(spec.source().text());
        if (spec.sourcePorts() != null) {
            out.append(' ').append(spec.sourcePorts().text());
        }
        out.append(" to ").append(spec.destination().text());
        if (spec.destinationPorts() != null) {
            out.append(" dst-port ").append(spec.destinationPorts().text());
        }
        RuleOption.Limit limit = null;
        for (RuleOption option : spec.options()) {
            if (option instanceof RuleOption.Limit l) {
                limit = l;
                continue;
            }
            out.append(' ').append(text(option));
        }
        // ipfw2.c add() moves O_KEEP_STATE / O_LIMIT after the other options, so show_ipfw prints them last.
        if (spec.keepState()) {
            out.append(" keep-state");
        }
        if (limit != null) {
            out.append(' ').append(limit.text());
        }
        return out.toString();
    }

    private static String text(RuleOption option) {
        if (option instanceof RuleOption.Setup) {
            return "setup";
        }
        if (option instanceof RuleOption.Established) {
            return "established";
        }
        if (option instanceof RuleOption.Way way) {
            return way.in() ? "in" : "out";
        }
        if (option instanceof RuleOption.Iface iface) {
            return iface.keyword() + " " + iface.name();
        }
        if (option instanceof RuleOption.TcpFlagsOption f) {
            if (f.set() == TcpFlags.SYN && f.clear() == TcpFlags.ACK) {
                return "setup";
            }
            StringBuilder out = new StringBuilder("tcpflags ");
            String comma = "";
            for (int i = 0; i < FLAG_BITS.length; i++) {
                if ((f.set() & FLAG_BITS[i]) != 0) {
                    out.append(comma).append(FLAG_NAMES[i]);
                    comma = ",";
                }
                if ((f.clear() & FLAG_BITS[i]) != 0) {
                    out.append(comma).append('!').append(FLAG_NAMES[i]);
                    comma = ",";
                }
            }
            return out.toString();
        }
        throw new IllegalStateException("unhandled option " + option);
    }

    static int flagBit(String name) {
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if (FLAG_NAMES[i].equals(name)) {
                return FLAG_BITS[i];
            }
        }
        return 0;
    }
}
