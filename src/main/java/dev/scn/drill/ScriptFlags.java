package dev.scn.drill;

import dev.scn.engine.net.TcpFlags;

/** The flag letters of a packetdrill segment line, tcpdump's plus ECN's E (ECE) and W (CWR). */
final class ScriptFlags {
    private ScriptFlags() {
    }

    static int parse(String letters) {
        return TcpFlags.parseTcpdump(letters);
    }

    /** packetdrill names each flag it compares after the header field: tcp_syn, tcp_ack ... */
    static final String[] NAMES = {"fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr"};
}
