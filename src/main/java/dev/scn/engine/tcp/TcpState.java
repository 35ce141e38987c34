package dev.scn.engine.tcp;

/**
 * TCP states in the kernel's order (netinet/tcp_fsm.h), with the names netstat prints
 * ({@code tcpstates[]}). The order matters: FreeBSD compares states with {@code <} and {@code >}
 * (e.g. keepalive probes only while {@code state <= CLOSING}).
 */
public enum TcpState {
    CLOSED("CLOSED"),
    LISTEN("LISTEN"),
    SYN_SENT("SYN_SENT"),
    SYN_RECEIVED("SYN_RCVD"),
    ESTABLISHED("ESTABLISHED"),
    CLOSE_WAIT("CLOSE_WAIT"),
    FIN_WAIT_1("FIN_WAIT_1"),
    CLOSING("CLOSING"),
    LAST_ACK("LAST_ACK"),
    FIN_WAIT_2("FIN_WAIT_2"),
    TIME_WAIT("TIME_WAIT");

    private final String netstatName;

    TcpState(String netstatName) {
        this.netstatName = netstatName;
    }

    /** As netstat prints it. */
    public String netstatName() {
        return netstatName;
    }

    /** TCPS_HAVERCVDSYN: a SYN from the peer has been seen. */
    public boolean haveReceivedSyn() {
        return compareTo(SYN_RECEIVED) >= 0;
    }

    /** TCPS_HAVEESTABLISHED. */
    public boolean haveEstablished() {
        return compareTo(ESTABLISHED) >= 0;
    }

    /** States in which the peer's FIN has been received and acknowledged in rcv_nxt. */
    public boolean haveReceivedFin() {
        return this == CLOSE_WAIT || this == CLOSING || this == LAST_ACK || this == TIME_WAIT;
    }

    /** Parses the netstat spelling ("SYN_RCVD", "FIN_WAIT_2"); also accepts the enum name. */
    public static TcpState fromNetstatName(String name) {
        for (TcpState state : values()) {
            if (state.netstatName.equals(name) || state.name().equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown TCP state " + name);
    }
}
