package dev.scn.engine.os;

import java.util.List;

/**
 * The behaviour of one FreeBSD release as the engine models it: which ipfw dynamic-rule code it
 * runs, which TCP features it has, and its sysctls with their defaults.
 *
 * @param name            as a scenario writes it: {@code freebsd 5.4}
 * @param major           major version
 * @param minor           minor version
 * @param ipfwEra         generation of ipfw's dynamic-rule code
 * @param rstValidation   how TCP validates an incoming RST
 * @param ephemeralFirst  default {@code net.inet.ip.portrange.first}
 * @param ephemeralLast   default {@code net.inet.ip.portrange.last}
 * @param sysctls         every sysctl of this release the engine models, with defaults and ranges
 */
public record Profile(String name, int major, int minor, IpfwEra ipfwEra, RstValidation rstValidation,
                      int ephemeralFirst, int ephemeralLast, List<SysctlDef> sysctls) {

    /** {@code net.inet.tcp.fast_finwait2_recycle} and {@code finwait2_timeout} exist (7.0+). */
    public boolean hasFastFinwait2Recycle() {
        return major >= 7;
    }

    /**
     * A SYN backs off exponentially from tcp_rexmit_initial (tcp_backoff[]) instead of with
     * tcp_syn_backoff[] x TCP_REXMTVAL: 14.x tcp_timer.c tcp_timer_rexmt; the change landed in
     * HEAD in April 2020 (13.0). 12.x is not modelled (UNVERIFIED for 12.2).
     */
    public boolean synBackoffExponential() {
        return major >= 13;
    }

    /**
     * After TCP_RTT_INVALIDATE (3) retransmissions, 12.x and later keep srtt in tcp_timer_rexmt and
     * let tcp_xmit_timer start afresh from the next sample (12.x-era and 14.x tcp_timer.c /
     * tcp_input.c); release/10.4.0 tcp_timer.c still clobbers srtt in the timer. 11.x is UNVERIFIED
     * and kept with 10.x.
     */
    public boolean rttInvalidatedAtNextSample() {
        return major >= 12;
    }

    /**
     * tcp_dropwithreset's RST|ACK acknowledges the FIN of the segment it answers as well as its
     * SYN: 12.x-era tcp_input.c (index id 624216631) and 14.x tcp_input.c (index id 18000498702)
     * add one for TH_FIN; 10.4's tcp_input.c (coder03/freebsd10.4 @3d3f8b11) counts only
     * TH_SYN. 11.x is UNVERIFIED and kept with 10.x.
     */
    public boolean resetAcksFin() {
        return major >= 12;
    }

    /**
     * tcp_twcheck lets only a pure SYN (SYN without ACK) above rcv_nxt end TIME_WAIT and go to the
     * listener; a SYN|ACK falls through to the ACK step and is answered with an ACK. 14.x
     * tcp_timewait.c (tcpcb-based TIME_WAIT, index id 607153324) tests
     * {@code (thflags & (TH_SYN|TH_ACK)) == TH_SYN}; the tcptw-based tcp_twcheck of the older
     * releases tests TH_SYN alone: 5.x tcp_input.c (index id 16330513) and the 14-CURRENT tree of
     * 2021-22 (sobomax/freebsd14_vendor @0f7ff342, tcp_timewait.c). 11.x-13.x are kept with the
     * older code (UNVERIFIED for 13.x).
     */
    public boolean timeWaitReopensOnPureSynOnly() {
        return major >= 14;
    }

    /**
     * TIME_WAIT is a compact tcptw on a list that tcp_slowtimo walks every 500 ms (5.x tcp_timer.c
     * tcp_timer_2msl_tw; 9.3 and 10.4 tcp_timewait.c tcp_tw_2msl_scan; a 13.1-era tree too), so it
     * ends at the first walk after 2MSL. 4.x (a tcpcb with the tt_2msl callout, in the pre-tcptw
     * tcp_input.c) and 14.x (tcptw removed in 2022: 14.x tcp_timewait.c tcp_twstart arms TT_2MSL)
     * end it by a callout of exactly 2MSL. 11.x and 12.x are taken as 10.x and 13.x (the 12-era
     * file read has the same walk); the RELENG_4 and 11.x trees themselves were not read.
     */
    public boolean timeWaitWalked() {
        return major >= 5 && major <= 13;
    }

    /** The release string as {@code uname -r} prints it, e.g. {@code 5.4-RELEASE}. */
    public String release() {
        return major + "." + minor + "-RELEASE";
    }

    public Sysctls newSysctls() {
        return new Sysctls(sysctls);
    }

    /** How tcp_input accepts an RST for a synchronized connection. */
    public enum RstValidation {
        /** 5.x-era: seq within [last_ack_sent, last_ack_sent + rcv_wnd). */
        WINDOW,
        /** RFC 5961 section 3: only seq == rcv_nxt resets; other in-window RSTs get a challenge ACK. */
        RFC5961
    }
}
