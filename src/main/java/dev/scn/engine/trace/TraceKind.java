package dev.scn.engine.trace;

/** What a trace record describes. Counters are kept per kind for every flow, detailed or not. */
public enum TraceKind {
    /** A scenario command: a socket call, an admin command, a host event. */
    COMMAND,
    /** A sysctl value was changed (by a command or by the kernel itself, e.g. a clamp). */
    SYSCTL_SET,
    PACKET_SENT,
    PACKET_DELIVERED,
    PACKET_DROPPED,
    /** A TCP connection changed state. */
    TCP_STATE,
    /** A TCP timer was armed or re-armed. */
    TCP_TIMER_ARMED,
    /** A TCP timer fired. */
    TCP_TIMER_FIRED,
    /** A synchronized connection judged an RST: accepted, challenged or ignored. */
    RST_VERDICT,
    /** A segment was delivered to a connection and reset its idle time (t_rcvtime). */
    TCP_IDLE_RESET,
    DYN_CREATED,
    /** A dynamic state's expiry was set further into the future. */
    DYN_REFRESHED,
    /** A dynamic state's lifetime ran out (it may still be listed until removed). */
    DYN_EXPIRED,
    DYN_REMOVED,
    /** ipfw sent a keepalive for a dynamic state. */
    IPFW_KEEPALIVE,
    /** A line the kernel would write to its log (dmesg / syslog). */
    KERNEL_LOG,
    /** An application decision (Apache read the request, closed, ...). */
    APP
}
