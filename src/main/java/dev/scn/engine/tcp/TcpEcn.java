package dev.scn.engine.tcp;

import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.os.Sysctl;
import dev.scn.engine.os.Sysctls;

/**
 * RFC 3168 ECN connection setup and data marking, as FreeBSD 14 sys/netinet/tcp_ecn.c does it
 * (docs/research/ecn.md). Only the classic ECN modes of net.inet.tcp.ecn.enable are modelled:
 * 0 off, 1 ask for ECN on outgoing SYNs and accept it on incoming ones, 2 (the default) only
 * accept it. Accurate ECN (3, 4) needs the AE header bit, which scn's packets do not carry:
 * those values behave as 2 here (UNVERIFIED beyond the RFC 3168 cases of the same functions).
 * On releases without the sysctl in the registry (before 13 there) ECN stays off: the 8.0-12.x
 * code (in the input and output files of those releases) was not read (UNVERIFIED).
 */
final class TcpEcn {
    private TcpEcn() {
    }

    /** V_tcp_do_ecn, 0 when the release's registry has no such sysctl. */
    static long enable(Sysctls sysctls) {
        return sysctls.has(Sysctl.TCP_ECN_ENABLE) ? sysctls.get(Sysctl.TCP_ECN_ENABLE) : 0;
    }

    /**
     * tcp_ecn_output_syn_sent (14.x tcp_ecn.c): with ecn.enable=1 the SYN carries ECE|CWR, and a
     * retransmitted SYN only while t_rxtshift <= ecn.maxretries, so a path that drops ECN-setup
     * SYNs is retried without them.
     */
    static int synSentFlags(TcpConnection tp) {
        Sysctls sysctls = tp.stack.sysctls();
        if (enable(sysctls) != 1) {
            return 0;
        }
        if (tp.rxtShift >= 1 && tp.rxtShift > sysctls.get(Sysctl.TCP_ECN_MAXRETRIES)) {
            return 0;
        }
        return TcpFlags.ECE | TcpFlags.CWR;
    }

    /**
     * tcp_ecn_input_syn_sent: a SYN-ACK with ECE and without CWR is the peer's "ECN on"
     * (TF2_ECN_PERMIT), whether or not this end asked (any non-zero ecn.enable).
     */
    static void synAckReceived(TcpConnection tp, int thflags) {
        if (enable(tp.stack.sysctls()) != 0 && (thflags & (TcpFlags.CWR | TcpFlags.ECE)) == TcpFlags.ECE) {
            tp.ecnPermit = true;
        }
    }

    /**
     * tcp_ecn_input_parallel_syn: a bare SYN (simultaneous open) with ECE|CWR is an ECN-setup SYN;
     * ECN is on and the SYN-ACK this end sends answers with ECE (TF2_ECN_SND_ECE).
     */
    static void parallelSynReceived(TcpConnection tp, int thflags) {
        if ((thflags & TcpFlags.ACK) != 0 || enable(tp.stack.sysctls()) == 0) {
            return;
        }
        if ((thflags & (TcpFlags.CWR | TcpFlags.ECE)) == (TcpFlags.CWR | TcpFlags.ECE)) {
            tp.ecnPermit = true;
            tp.ecnSendEce = true;
        }
    }

    /**
     * syncache_add calls tcp_ecn_syncache_add when ecn.enable is non-zero: a SYN with ECE|CWR
     * (classic ECN setup) is recorded as SCF_ECN. Not kept by a SYN cookie here (UNVERIFIED).
     */
    static boolean syncacheAdd(Sysctls sysctls, int thflags) {
        return enable(sysctls) != 0 && (thflags & (TcpFlags.ECE | TcpFlags.CWR)) == (TcpFlags.ECE | TcpFlags.CWR);
    }

    /**
     * tcp_ecn_syncache_respond: the SYN-ACK for an SCF_ECN entry carries ECE (not CWR); the
     * connection syncache_socket makes gets TF2_ECN_PERMIT (tcp_ecn_syncache_socket).
     */
    static int syncacheRespondFlags(Syncache.Entry entry, int flags) {
        return entry.ecn && (flags & TcpFlags.SYN) != 0 ? flags | TcpFlags.ECE : flags;
    }

    /**
     * tcp_output's "Handle parallel SYN for ECN" (14.x tcp_output.c as read in
     * sobomax/freebsd14_vendor@0f7ff342, before the tcp_ecn.c split): in SYN_RECEIVED with
     * TF2_ECN_SND_ECE the segment (the SYN-ACK) carries ECE and the flag is cleared, so only the
     * SYN-ACK of a simultaneous open echoes it. In ESTABLISHED with TF2_ECN_PERMIT, ECE goes on
     * every segment while TF2_ECN_SND_ECE is set, which only a CE mark sets (not modelled).
     */
    static int outputFlags(TcpConnection tp, int flags) {
        if (tp.state != TcpState.SYN_RECEIVED || !tp.ecnSendEce) {
            return flags;
        }
        tp.ecnSendEce = false;
        return flags | TcpFlags.ECE;
    }

    /**
     * The IP ECN codepoint of tcp_ecn_output_established: ECT(0) on new data only, "ignore pure
     * control packets, retransmissions and window probes" (len > 0, snd_nxt >= snd_max, not a
     * retransmission, not a forced one-byte probe). The same file's caller marks only in
     * ESTABLISHED; whether 14.2 also marks in CLOSE_WAIT is UNVERIFIED, so ESTABLISHED only.
     */
    static int ipCodepoint(TcpConnection tp, int len, boolean retransmission) {
        if (tp.state != TcpState.ESTABLISHED || !tp.ecnPermit) {
            return Packet.ECN_NOT_ECT;
        }
        boolean newData = len > 0 && Seq.geq(tp.sndNxt, tp.sndMax) && !retransmission
                && !(tp.forceOne && len == 1);
        return newData ? Packet.ECN_ECT0 : Packet.ECN_NOT_ECT;
    }
}
