package dev.scn.drill.script;

import java.util.List;

/** One TCP option in a packet line's {@code <...>} list, as packetdrill writes it. */
public sealed interface TcpOpt {

    /** {@code mss 1460}. */
    record Mss(int value) implements TcpOpt { }

    /** {@code wscale 6}. */
    record WScale(int shift) implements TcpOpt { }

    /** {@code sackOK}. */
    record SackOk() implements TcpOpt { }

    /** {@code TS val 100 ecr 0}. */
    record Timestamp(long val, long ecr) implements TcpOpt { }

    /** {@code sack 1:2 3:4}: blocks as written (relative to the ISN like sequence numbers). */
    record Sack(List<SackBlock> blocks) implements TcpOpt {
        public Sack {
            blocks = List.copyOf(blocks);
        }
    }

    /** One {@code start:end} SACK block. */
    record SackBlock(long start, long end) { }

    /** {@code nop}. */
    record Nop() implements TcpOpt { }

    /** {@code eol}. */
    record Eol() implements TcpOpt { }

    /** {@code md5 valid} (the suite only writes "valid"); the word after md5. */
    record Md5(String signature) implements TcpOpt { }

    /** {@code <...>}: any option list is acceptable (only ever the whole list). */
    record Any() implements TcpOpt { }

    /** Anything else, kept as its text so the runner can reject it with a clear message. */
    record Other(String text) implements TcpOpt { }
}
