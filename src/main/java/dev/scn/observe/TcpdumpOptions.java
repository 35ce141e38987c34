package dev.scn.observe;

import dev.scn.engine.net.TcpOption;
import dev.scn.engine.net.TcpOptions;

/**
 * The {@code options [...]} part of a tcpdump line, as print-tcp.c {@code tcp_print} writes it
 * (the-tcpdump-group/tcpdump@29d83dbb): each option's name from {@code tcp_option_values}
 * ("mss", "wscale", "sackOK", "sack", "TS", "nop", "eol", else "unknown-KIND" and " 0x" with its data
 * in hex), its value after a space ("TS val V ecr E"; "sack N {L:R}..." with the blocks made
 * relative like the ack number), options separated by commas, and nothing printed after the first
 * EOL (the loop breaks on TCPOPT_EOL). An option whose length byte differs from what was printed
 * gets "[len N]".
 */
final class TcpdumpOptions {
    private TcpdumpOptions() {
    }

    /**
     * @param sackBase subtracted from SACK block edges: the absolute minus the printed ack
     *                 number of the packet (0 when numbers are absolute)
     * @return the text inside the brackets, or null when the packet has no options
     */
    static String text(TcpOptions options, long sackBase) {
        if (options.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (TcpOption o : options.items()) {
            if (out.length() > 0) {
                out.append(',');
            }
            append(out, o, sackBase);
            if (o instanceof TcpOption.Eol) {
                break;
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, TcpOption o, long sackBase) {
        if (o instanceof TcpOption.Mss m) {
            out.append("mss ").append(m.value());
        } else if (o instanceof TcpOption.WindowScale w) {
            out.append("wscale ").append(w.shift());
        } else if (o instanceof TcpOption.Timestamp t) {
            out.append("TS val ").append(Integer.toUnsignedLong(t.value()))
                    .append(" ecr ").append(Integer.toUnsignedLong(t.echo()));
        } else if (o instanceof TcpOption.Sack s) {
            out.append("sack ").append(s.blocks().size()).append(' ');
            for (TcpOption.SackBlock b : s.blocks()) {
                out.append('{').append((Integer.toUnsignedLong(b.start()) - sackBase) & 0xffff_ffffL)
                        .append(':').append((Integer.toUnsignedLong(b.end()) - sackBase) & 0xffff_ffffL)
                        .append('}');
            }
        } else if (o instanceof TcpOption.Raw r) {
            raw(out, r);
        } else {
            // EOL, NOP, SACK permitted: a name and no value.
            out.append(o instanceof TcpOption.Eol ? "eol" : o instanceof TcpOption.Nop ? "nop" : "sackOK");
        }
    }

    private static void raw(StringBuilder out, TcpOption.Raw r) {
        String name = switch (r.kind()) {
            case TcpOption.KIND_MSS -> "mss";
            case TcpOption.KIND_WSCALE -> "wscale";
            case TcpOption.KIND_SACK_PERMITTED -> "sackOK";
            case TcpOption.KIND_SACK -> "sack";
            case TcpOption.KIND_TIMESTAMP -> "TS";
            default -> "unknown-" + r.kind();
        };
        out.append(name);
        byte[] data = r.data();
        if (data.length > 0) {
            out.append(" 0x");
            for (byte b : data) {
                out.append(String.format(java.util.Locale.ROOT, "%02x", b & 0xff));
            }
        }
        if (r.lengthByte() != 2 + data.length) {
            out.append("[len ").append(r.lengthByte()).append(']');
        }
    }
}
