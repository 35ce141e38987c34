package dev.scn.engine.net;

import java.util.Arrays;
import java.util.List;

/**
 * One TCP option as it sits in the header (RFC 9293 §3.1, RFC 7323, RFC 2018), with its kind
 * byte and its encoded length. Lengths are those of tcp.h: TCPOLEN_MAXSEG 4, TCPOLEN_WINDOW 3,
 * TCPOLEN_SACK_PERMITTED 2, TCPOLEN_TIMESTAMP 10, TCPOLEN_SACK 8 per block plus 2.
 */
public sealed interface TcpOption {
    int KIND_EOL = 0;
    int KIND_NOP = 1;
    int KIND_MSS = 2;
    int KIND_WSCALE = 3;
    int KIND_SACK_PERMITTED = 4;
    int KIND_SACK = 5;
    int KIND_TIMESTAMP = 8;

    /** The kind byte. */
    int kind();

    /** Bytes the option takes in the header, kind and length bytes included. */
    int length();

    /** Writes the option's bytes into {@code out} at {@code at}; returns the index after it. */
    int encode(byte[] out, int at);

    /** End of option list: one byte of kind 0. */
    record Eol() implements TcpOption {
        public int kind() {
            return KIND_EOL;
        }

        public int length() {
            return 1;
        }

        public int encode(byte[] out, int at) {
            out[at] = KIND_EOL;
            return at + 1;
        }
    }

    /** No-operation: one byte of kind 1, used to align the next option. */
    record Nop() implements TcpOption {
        public int kind() {
            return KIND_NOP;
        }

        public int length() {
            return 1;
        }

        public int encode(byte[] out, int at) {
            out[at] = KIND_NOP;
            return at + 1;
        }
    }

    /** Maximum segment size, a 16-bit value. */
    record Mss(int value) implements TcpOption {
        public Mss {
            check(value, 0xffff, "MSS");
        }

        public int kind() {
            return KIND_MSS;
        }

        public int length() {
            return 4;
        }

        public int encode(byte[] out, int at) {
            out[at] = KIND_MSS;
            out[at + 1] = 4;
            putShort(out, at + 2, value);
            return at + 4;
        }
    }

    /** Window scale: the shift count the sender applies to the windows it will advertise. */
    record WindowScale(int shift) implements TcpOption {
        public WindowScale {
            check(shift, 0xff, "window scale");
        }

        public int kind() {
            return KIND_WSCALE;
        }

        public int length() {
            return 3;
        }

        public int encode(byte[] out, int at) {
            out[at] = KIND_WSCALE;
            out[at + 1] = 3;
            out[at + 2] = (byte) shift;
            return at + 3;
        }
    }

    /** SACK permitted (RFC 2018), only meaningful on a SYN. */
    record SackPermitted() implements TcpOption {
        public int kind() {
            return KIND_SACK_PERMITTED;
        }

        public int length() {
            return 2;
        }

        public int encode(byte[] out, int at) {
            out[at] = KIND_SACK_PERMITTED;
            out[at + 1] = 2;
            return at + 2;
        }
    }

    /** Timestamps (RFC 7323): TSval and TSecr, 32-bit unsigned values held in ints. */
    record Timestamp(int value, int echo) implements TcpOption {
        public int kind() {
            return KIND_TIMESTAMP;
        }

        public int length() {
            return 10;
        }

        public int encode(byte[] out, int at) {
            out[at] = KIND_TIMESTAMP;
            out[at + 1] = 10;
            putInt(out, at + 2, value);
            putInt(out, at + 6, echo);
            return at + 10;
        }
    }

    /** One SACK block: sequence numbers {@code start} (first byte) to {@code end} (past the last). */
    record SackBlock(int start, int end) {
    }

    /** Selective acknowledgement blocks (RFC 2018), at most four in 40 bytes. */
    record Sack(List<SackBlock> blocks) implements TcpOption {
        public Sack {
            blocks = List.copyOf(blocks);
        }

        public int kind() {
            return KIND_SACK;
        }

        public int length() {
            return 2 + 8 * blocks.size();
        }

        public int encode(byte[] out, int at) {
            out[at] = KIND_SACK;
            out[at + 1] = (byte) length();
            int i = at + 2;
            for (SackBlock b : blocks) {
                putInt(out, i, b.start());
                putInt(out, i + 4, b.end());
                i += 8;
            }
            return i;
        }
    }

    /**
     * An option of any other kind, or a known kind with odd contents, as an injected packet may
     * carry: its kind, its length byte as written (which may differ from 2 + data) and its data.
     */
    record Raw(int kind, int lengthByte, byte[] data) implements TcpOption {
        public Raw {
            check(kind, 0xff, "option kind");
            check(lengthByte, 0xff, "option length");
            data = data.clone();
        }

        public int length() {
            return 2 + data.length;
        }

        public int encode(byte[] out, int at) {
            out[at] = (byte) kind;
            out[at + 1] = (byte) lengthByte;
            System.arraycopy(data, 0, out, at + 2, data.length);
            return at + 2 + data.length;
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Raw r && r.kind == kind && r.lengthByte == lengthByte && Arrays.equals(r.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * kind + lengthByte) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Raw[kind=" + kind + ", length=" + lengthByte + ", data=" + Arrays.toString(data) + "]";
        }
    }

    private static void check(int value, int max, String name) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " " + value + " does not fit in its option field");
        }
    }

    private static void putShort(byte[] out, int at, int v) {
        out[at] = (byte) (v >>> 8);
        out[at + 1] = (byte) v;
    }

    private static void putInt(byte[] out, int at, int v) {
        out[at] = (byte) (v >>> 24);
        out[at + 1] = (byte) (v >>> 16);
        out[at + 2] = (byte) (v >>> 8);
        out[at + 3] = (byte) v;
    }
}
