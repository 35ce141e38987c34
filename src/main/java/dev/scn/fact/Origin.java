package dev.scn.fact;

/** Who made a packet; reports and counters group packets by it. */
public enum Origin {
    /** Sent because an application called the socket API: SYN of connect, data, FIN of close. */
    APPLICATION,
    /** TCP's own answer to a received segment: ACKs, RSTs to strays, challenge ACKs. */
    TCP,
    /** Sent when a TCP timer fired: retransmissions, delayed ACKs, TCP keepalive probes. */
    TCP_TIMER,
    /** ipfw's keepalive for a dynamic state ({@code ipfw_tick}). */
    IPFW_KEEPALIVE,
    /** An RST sent by an ipfw {@code reset} rule. */
    IPFW_RESET,
    /** Injected by the scenario ({@code inject}). */
    INJECTED
}
