package dev.scn.drill;

import dev.scn.engine.net.TcpFlags;

/** The flag letters of a packetdrill segment line, tcpdump's plus ECN's E (ECE) and W (CWR). */
final class ScriptFlags {
    static final int ECE = 0x40;
    static final int CWR = 0x80;

    private ScriptFlags() {
    }

    static int parse(String letters) {
        int flags = 0;
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            flags |= switch (c) {
                case 'E' -> ECE;
                case 'W' -> CWR;
                default -> TcpFlags.parseTcpdump(String.valueOf(c));
            };
        }
        return flags;
    }

    /** packetdrill names each flag it compares after the header field: tcp_syn, tcp_ack ... */
    static final String[] NAMES = {"fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr"};
}
