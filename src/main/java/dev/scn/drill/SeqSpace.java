package dev.scn.drill;

/**
 * The script's numbering of one connection, as packetdrill keeps it: sequence numbers a script
 * writes are offsets from an initial sequence number (the peer's own for {@code <} lines, the
 * stack's for {@code >} lines), learned from the stack's first SYN; ports likewise.
 */
final class SeqSpace {
    /** The script peer's ISN: any value works; a large one keeps relative and absolute apart. */
    static final int REMOTE_ISN = 1_000_000;
    /** The script peer's own port when it opens the connection toward the host. */
    static final int REMOTE_EPHEMERAL_PORT = 35_000;

    private Integer localIsn;
    private int localPort = DrillHost.SCRIPT_PORT;
    private int remotePort = REMOTE_EPHEMERAL_PORT;

    /** The host's segment, seen before it is matched: a SYN teaches its ISN, ports are taken as they are. */
    void learnFrom(int seq, boolean syn, int sourcePort, int destinationPort) {
        if (syn) {
            localIsn = seq;
        }
        localPort = sourcePort;
        remotePort = destinationPort;
    }

    /** A connect() makes the script the listener: the host's SYN goes to the script's port. */
    void hostConnects() {
        remotePort = DrillHost.SCRIPT_PORT;
    }

    int localPort() {
        return localPort;
    }

    int remotePort() {
        return remotePort;
    }

    boolean localIsnKnown() {
        return localIsn != null;
    }

    /** A sequence number of the host's, as the script writes it. */
    long localRelative(int seq) {
        return Integer.toUnsignedLong(seq - (localIsn == null ? 0 : localIsn));
    }

    /** An acknowledgement (of the script's data), as the script writes it. */
    static long remoteRelative(int ack) {
        return Integer.toUnsignedLong(ack - REMOTE_ISN);
    }

    /** The script's own sequence number on the wire. */
    static int remoteAbsolute(long relative) {
        return (int) (REMOTE_ISN + relative);
    }

    /** The script's acknowledgement of the host's data on the wire. */
    int localAbsolute(long relative) {
        return (int) ((localIsn == null ? 0 : localIsn) + relative);
    }
}
