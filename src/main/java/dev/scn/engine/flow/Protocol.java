package dev.scn.engine.flow;

/** IP protocols the engine carries, with their IANA numbers and the names ipfw prints. */
public enum Protocol {
    ICMP(1, "icmp"),
    TCP(6, "tcp"),
    UDP(17, "udp");

    private final int number;
    private final String ipfwName;

    Protocol(int number, String ipfwName) {
        this.number = number;
        this.ipfwName = ipfwName;
    }

    public int number() {
        return number;
    }

    /** As ipfw and netstat print it. */
    public String ipfwName() {
        return ipfwName;
    }
}
