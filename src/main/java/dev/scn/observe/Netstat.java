package dev.scn.observe;

import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.os.Profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code netstat -an -p tcp} as FreeBSD's usr.bin/netstat/inet.c {@code protopr} and
 * {@code inetprint} print it, in the layout of the profile's release.
 *
 * <p>Row order: the kernel's {@code net.inet.tcp.pcblist} handler walks {@code ipi_listhead}
 * from its head, and {@code in_pcballoc} inserts every new pcb with
 * {@code LIST_INSERT_HEAD(pcbinfo->listhead, inp, inp_list)} (in_pcb.c), so netstat shows the
 * most recently created socket first; protopr prints rows in buffer order. Rows are therefore
 * given oldest first (creation order) and printed reversed: a listening socket, created before
 * the connections it accepts, comes last.
 */
public final class Netstat {
    /** Column layouts of protopr, by the inet.c versions read (see {@link #layoutFor}). */
    enum Layout {
        /**
         * inet.c of freebsd/freebsd-src@82a1909e (6.x/7.x era, carp + INP_TIMEWAIT): header
         * {@code "%-5.5s %-6.6s %-6.6s  %-22.22s %-22.22s %s\n"}, queues {@code "%6u %6u  "} (two
         * spaces before Local Address), state {@code "%s"}.
         */
        CLASSIC,
        /**
         * inet.c of coder03/freebsd10.4 and freebsd/freebsd-src@005a443f (libxo, 11.x era):
         * header {@code "%-5.5s %-6.6s %-6.6s %-22.22s %-22.22s"} then {@code " (state)"}, queues
         * {@code "%6u %6u "}, state {@code "%s"}.
         */
        COMPACT,
        /**
         * inet.c of sobomax/freebsd14_vendor@0f7ff342 (14.x): as COMPACT but the header ends
         * {@code " {T:/%-11.11s}"} of "(state)" and the state is {@code "{:tcp-state/%-11s}"}, so
         * both are padded with trailing spaces to 11 columns.
         */
        PADDED_STATE
    }

    private static final int ADDRESS_WIDTH = 22;
    private static final int STATE_WIDTH = 11;

    private Netstat() {
    }

    /**
     * Which layout a release prints. Verified: the 5.4-7.x-era file (CLASSIC; it has carp_stats,
     * so 5.4 at the earliest), 9.3 (tupipa/sva_freebsd93@1999109f, per research.md Q5), 10.4 and
     * 11.x (COMPACT), 14.x (PADDED_STATE). UNVERIFIED: 4.11 is given CLASSIC because every BSD
     * inet.c read up to 7.x has the two-space form; 8.x is given COMPACT and 12.x/13.x
     * PADDED_STATE without having read those releases' inet.c.
     */
    static Layout layoutFor(Profile profile) {
        if (profile.major() <= 7) {
            return Layout.CLASSIC;
        }
        if (profile.major() <= 11) {
            return Layout.COMPACT;
        }
        return Layout.PADDED_STATE;
    }

    /**
     * The whole output of {@code netstat -an -p tcp}.
     *
     * @param rowsOldestFirst sockets in the order they were created
     * @return the text with a trailing newline, or "" when there is no socket (protopr prints
     *         its header only before the first row)
     */
    public static String tcpTable(Profile profile, List<SocketRow> rowsOldestFirst) {
        if (rowsOldestFirst.isEmpty()) {
            return "";
        }
        Layout layout = layoutFor(profile);
        StringBuilder out = new StringBuilder();
        // protopr: "Active Internet connections" + (aflag ? " (including servers)" : "")
        out.append("Active Internet connections (including servers)\n");
        out.append(header(layout)).append('\n');
        List<SocketRow> newestFirst = new ArrayList<>(rowsOldestFirst);
        Collections.reverse(newestFirst);
        for (SocketRow row : newestFirst) {
            out.append(row(layout, row)).append('\n');
        }
        return out.toString();
    }

    /** Sockets per state, every state of {@code tcpstates[]} in its order, zeros included. */
    public static Map<String, Integer> countByState(List<SocketRow> rows) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String state : SocketRow.TCP_STATES) {
            counts.put(state, 0);
        }
        for (SocketRow row : rows) {
            counts.merge(row.state(), 1, Integer::sum);
        }
        return counts;
    }

    private static String header(Layout layout) {
        return switch (layout) {
            case CLASSIC -> String.format(Locale.ROOT, "%-5.5s %-6.6s %-6.6s  %-22.22s %-22.22s %s",
                    "Proto", "Recv-Q", "Send-Q", "Local Address", "Foreign Address", "(state)");
            case COMPACT -> String.format(Locale.ROOT, "%-5.5s %-6.6s %-6.6s %-22.22s %-22.22s (state)",
                    "Proto", "Recv-Q", "Send-Q", "Local Address", "Foreign Address");
            case PADDED_STATE -> String.format(Locale.ROOT, "%-5.5s %-6.6s %-6.6s %-22.22s %-22.22s %-11.11s",
                    "Proto", "Recv-Q", "Send-Q", "Local Address", "Foreign Address", "(state)");
        };
    }

    /**
     * One row, padded by hand rather than with String.format: a long run samples thousands of
     * sockets an hour, and the formatter's parsing per field was most of the sampling time.
     */
    private static String row(Layout layout, SocketRow row) {
        StringBuilder line = new StringBuilder(80);
        // "%-3.3s%-2.2s " with name "tcp" and vchar "4 " (or "4", padded): INP_IPV4 pcbs say tcp4
        line.append("tcp4  ");
        padLeft(line, Long.toString(row.recvQ()), 6); // "%6u %6u"
        line.append(' ');
        padLeft(line, Long.toString(row.sendQ()), 6);
        line.append(layout == Layout.CLASSIC ? "  " : " ");
        line.append(inetprint(row.localAddress(), row.localPort()));
        line.append(inetprint(row.foreignAddress(), row.foreignPort()));
        if (layout == Layout.PADDED_STATE) {
            padRight(line, row.state(), STATE_WIDTH);
        } else {
            line.append(row.state());
        }
        return line.toString();
    }

    /**
     * inet.c inetprint with numeric port: {@code "%.16s."} of inetname ("*" for INADDR_ANY), then
     * {@code "%d "} or, for port 0, {@code "* "}; the whole printed {@code "%-22.22s "}. A numeric
     * IPv4 address.port is at most 21 characters plus the space, so truncation never bites here.
     */
    static String inetprint(int address, int port) {
        String name = address == 0 ? "*" : Ipv4.format(address);
        String text = truncate(name, 16) + "." + (port == 0 ? "*" : Integer.toString(port)) + " ";
        StringBuilder out = new StringBuilder(ADDRESS_WIDTH + 1);
        padRight(out, truncate(text, ADDRESS_WIDTH), ADDRESS_WIDTH);
        return out.append(' ').toString();
    }

    /** {@code "%-Ns"}: the text, then spaces up to the width. */
    private static void padRight(StringBuilder out, String text, int width) {
        out.append(text);
        for (int i = text.length(); i < width; i++) {
            out.append(' ');
        }
    }

    /** {@code "%Nd"}: spaces up to the width, then the number. */
    private static void padLeft(StringBuilder out, String number, int width) {
        for (int i = number.length(); i < width; i++) {
            out.append(' ');
        }
        out.append(number);
    }

    private static String truncate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width);
    }
}
