package dev.scn.engine.tcp;

/**
 * getsockopt(TCP_INFO): the fields of FreeBSD's struct tcp_info (netinet/tcp.h, filled by
 * tcp_fill_info in tcp_usrreq.c) that scripts read. {@code state} uses the TCPS_* numbering of
 * tcp_fsm.h (CLOSED 0 ... TIME_WAIT 10), which packetdrill calls TCPI_*; {@code options} is the
 * TCPI_OPT_* bit set (TIMESTAMPS 1, SACK 2, WSCALE 4, ECN 8, TOE 16).
 */
public record TcpInfo(int state, int options, int sndWscale, int rcvWscale, long rtoUs, long rttUs,
                      long rttvarUs, long sndSsthresh, long sndCwnd, int sndMss, int rcvMss, long rcvSpace,
                      long sndWnd, int sndNxt, int rcvNxt, long totalRetrans) {

    public static final int TCPI_OPT_TIMESTAMPS = 0x01;
    public static final int TCPI_OPT_SACK = 0x02;
    public static final int TCPI_OPT_WSCALE = 0x04;
    public static final int TCPI_OPT_ECN = 0x08;
    public static final int TCPI_OPT_TOE = 0x10;

    /** The TCPS_* number of a state (tcp_fsm.h): the enum's declaration order is the kernel's. */
    public static int tcpsNumber(TcpState state) {
        return state.ordinal();
    }

    /** The field named as in a script's {@code %{ assert tcpi_NAME ... }%} block; null when not modelled. */
    public Long field(String name) {
        return switch (name) {
            case "tcpi_state" -> (long) state;
            case "tcpi_options" -> (long) options;
            case "tcpi_snd_wscale" -> (long) sndWscale;
            case "tcpi_rcv_wscale" -> (long) rcvWscale;
            case "tcpi_rto" -> rtoUs;
            case "tcpi_rtt" -> rttUs;
            case "tcpi_rttvar" -> rttvarUs;
            case "tcpi_snd_ssthresh" -> sndSsthresh;
            case "tcpi_snd_cwnd" -> sndCwnd;
            case "tcpi_snd_mss" -> (long) sndMss;
            case "tcpi_rcv_mss" -> (long) rcvMss;
            case "tcpi_rcv_space" -> rcvSpace;
            case "tcpi_snd_wnd" -> sndWnd;
            case "tcpi_snd_nxt" -> Integer.toUnsignedLong(sndNxt);
            case "tcpi_rcv_nxt" -> Integer.toUnsignedLong(rcvNxt);
            case "tcpi_snd_rexmitpack", "tcpi_total_retrans" -> totalRetrans;
            default -> null;
        };
    }

    /** The TCPI_* constant names packetdrill gives the states, e.g. "TCPI_ESTABLISHED" -> 4. */
    public static Integer stateConstant(String name) {
        if (!name.startsWith("TCPI_")) {
            return null;
        }
        String s = name.substring(5);
        for (TcpState state : TcpState.values()) {
            if (state.name().equals(s) || state.netstatName().equals(s)) {
                return tcpsNumber(state);
            }
        }
        return null;
    }
}
