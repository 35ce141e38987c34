package dev.scn.drill.script;

import java.util.List;

/**
 * A TCP segment line, e.g. {@code +0.00 > S. 0:0(0) ack 1 win 65535 <mss 1460,sackOK,eol,eol>}.
 *
 * @param line        1-based line
 * @param column      1-based column
 * @param timing      when
 * @param dir         {@code <} INBOUND (injected), {@code >} OUTBOUND (expected from the stack)
 * @param tos         {@code (tos 0x20)} before the flags, or null
 * @param flags       the flags as written: "S", "S.", ".", "F.", "R", "R.", "P.", "SEW", "SF" ...
 *                    ('.' is ACK; letters F S R P U E W as packetdrill)
 * @param seqStart    first sequence number as written (relative to the ISN unless absoluteSeq);
 *                    0 when {@code anySeq}
 * @param seqEnd      the number after ':'; 0 when {@code anySeq}
 * @param length      the payload length in parentheses
 * @param absoluteSeq the {@code !} after {@code (len)}: sequence numbers are absolute
 * @param ack         the number after {@code ack}, or null when absent
 * @param window      the number after {@code win}, or null when absent
 * @param options     the {@code <...>} option list, or null when the line has none (never empty);
 *                    {@code <...>} ("any options") is a list holding only {@link TcpOpt.Any}
 * @param udp         {@code /udp(src > dst)}, or null
 * @param ttl         {@code (ttl 64)} before the flags, or null
 * @param ecn         the ECN codepoint in brackets after the direction ({@code [noecn]},
 *                    {@code [ect0]}, {@code [ect1]}, {@code [ect01]}, {@code [ce]}), without brackets, or null
 * @param anySeq      the sequence range was written {@code ...(len)}: any sequence number
 */
public record PacketStep(int line, int column, Timing timing, Direction dir, Integer tos, String flags,
                         long seqStart, long seqEnd, int length, boolean absoluteSeq, Long ack,
                         Long window, List<TcpOpt> options, UdpEncap udp, Integer ttl, String ecn,
                         boolean anySeq) implements Step {

    public PacketStep {
        if (options != null) {
            if (options.isEmpty()) {
                throw new IllegalArgumentException("an option list is null or non-empty");
            }
            options = List.copyOf(options);
        }
    }

    /** True when the flags contain the given letter ('.' for ACK). */
    public boolean hasFlag(char flag) {
        return flags.indexOf(flag) >= 0;
    }
}
