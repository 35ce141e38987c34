package dev.scn.fact;

/** The TCP timers as an operator names them (FIN_WAIT_2 and TIME_WAIT share the 2MSL callout). */
public enum TcpTimer {
    RETRANSMIT("retransmit"),
    PERSIST("persist"),
    KEEPALIVE("keepalive"),
    CONNECTION_ESTABLISHMENT("connection-establishment"),
    FIN_WAIT_2("FIN_WAIT_2"),
    TIME_WAIT("TIME_WAIT"),
    DELAYED_ACK("delayed ACK");

    private final String label;

    TcpTimer(String label) {
        this.label = label;
    }

    /** How the English trace names it: "FIN_WAIT_2 timer". */
    public String label() {
        return label;
    }
}
