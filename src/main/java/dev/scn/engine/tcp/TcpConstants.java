package dev.scn.engine.tcp;

/**
 * Compile-time constants of FreeBSD's TCP that have no sysctl in the modelled releases.
 * Times are in milliseconds (hz = 1000, so one tick is one millisecond).
 */
final class TcpConstants {
    private TcpConstants() {
    }

    /** tcp_timer.h TCPTV_KEEPCNT: keepalive probes before dropping; maxidle = keepcnt x keepintvl. */
    static final int KEEPCNT = 8;
    /** tcp_timer.h TCPTV_RTOBASE up to 9.x: assumed RTO with no RTT information, 3 s (see TcpStack.rtoBaseMs). */
    static final long RTOBASE_MS = 3_000;
    /** tcp_timer.h TCPTV_REXMTMAX: 64 s. */
    static final long REXMTMAX_MS = 64_000;
    /** tcp_timer.h TCPTV_PERSMIN / TCPTV_PERSMAX: 5 s / 60 s. */
    static final long PERSMIN_MS = 5_000;
    static final long PERSMAX_MS = 60_000;
    /** tcp_timer.h TCP_MAXRXTSHIFT: retransmissions before the connection is dropped. */
    static final int MAXRXTSHIFT = 12;
    /** tcp_timer.h TCP_RTT_INVALIDATE = TCP_MAXRXTSHIFT / 4: past this many retransmissions srtt is stale. */
    static final int RTT_INVALIDATE = MAXRXTSHIFT / 4;
    /** tcp_timer.c tcp_backoff[] (6.x, v1.76). */
    static final int[] BACKOFF = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 512, 512, 512};
    /**
     * tcp_timer.c tcp_syn_backoff[]: SYN retransmissions back off gently at first. Same table in
     * RELENG_4 (rev 1.34.2.11 2001 and 1.34.2.14 2003, as carried by xnu and DragonFly), 6.x
     * (v1.76), the 2007 HEAD and 9.3; gone from 13.x/14.x, whose SYNs use tcp_backoff[].
     */
    static final int[] SYN_BACKOFF = {1, 1, 1, 1, 1, 2, 4, 8, 16, 32, 64, 64, 64};
    /** tcp.h TCP_MAXWIN: largest window without window scaling. */
    static final int MAXWIN = 65_535;
    /** tcp.h TCP_MAX_WINSHIFT: the largest window scale (RFC 7323 section 2.3). */
    static final int MAX_WINSHIFT = 14;
    /** tcp_var.h fixed-point shifts of the RTT estimator. */
    static final int RTT_SHIFT = 5;
    static final int RTTVAR_SHIFT = 4;
    static final int DELTA_SHIFT = 2;
    /** tcp_input.c tcprexmtthresh: duplicate ACKs that trigger fast retransmit. */
    static final int REXMT_THRESH = 3;
    /** IP + TCP header without options: MSS offered = interface MTU - 40 (tcp_mssopt). */
    static final int HEADERS = 40;
    /** Ethernet MTU of em0. */
    static final int DEFAULT_MTU = 1500;
}
