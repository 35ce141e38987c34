package dev.scn.engine.tcp;

import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.net.TcpOptions;

/**
 * The timestamp checks of tcp_input for a synchronized connection: the missing-timestamp rule,
 * PAWS, recording ts_recent, and the RTT sample an echoed timestamp gives.
 */
final class TcpOptionInput {
    /** TCP_PAWS_IDLE: 24 days, after which ts_recent is too old to judge by. */
    static final long PAWS_IDLE_MS = 24L * 24 * 60 * 60 * 1000;

    enum Paws { ACCEPT, DROP, DROP_AFTER_ACK }

    private TcpOptionInput() {
    }

    /**
     * RFC 7323 section 3.2 as 14.x tcp_do_segment has it: "If timestamps were negotiated during
     * SYN/ACK and a segment without a timestamp is received, silently drop the segment, unless
     * it is a RST segment or missing timestamps are tolerated". The check runs right after the
     * options are parsed, after t_rcvtime was set and before RST, PAWS, trimming or ACK
     * processing, so the dropped segment draws no ACK at all. tolerate_missing_ts defaults to 1
     * ("As of June 2021, several TCP stacks violate RFC 7323 ... tolerating violations for now").
     */
    static boolean dropForMissingTimestamp(TcpConnection tp, Packet p) {
        return tp.opts.rcvdTstmp && !p.options().hasTimestamp() && (p.flags() & TcpFlags.RST) == 0
                && new TcpOptionConfig(tp.stack).dropsMissingTimestamps();
    }

    /**
     * tcp_twcheck (tcp_timewait.c, 14.x): in TIME_WAIT an ACK without a timestamp is dropped when
     * ts_recent != 0 and missing timestamps are not tolerated.
     */
    static boolean dropInTimeWait(TcpConnection tp, Packet p) {
        return tp.opts.tsRecent != 0 && !p.options().hasTimestamp()
                && new TcpOptionConfig(tp.stack).dropsMissingTimestamps();
    }

    /**
     * PAWS (RFC 7323 section 5; tcp_input.c): a segment whose TSval is older than ts_recent is a
     * duplicate, unless ts_recent is over 24 days old (then it is forgotten). 7.x and later drop
     * it and ACK only when it carried data ("if (tlen) goto dropafterack; goto drop;"); 4.x-6.x
     * always dropafterack (first release with the split UNVERIFIED).
     */
    static Paws paws(TcpConnection tp, Packet p, int tlen) {
        TcpOptions o = p.options();
        TcpOptionState s = tp.opts;
        if (!o.hasTimestamp() || s.tsRecent == 0 || (int) (o.tsVal() - s.tsRecent) >= 0) {
            return Paws.ACCEPT;
        }
        if (tp.nowMs() - s.tsRecentAgeMs > PAWS_IDLE_MS) {
            s.tsRecent = 0;
            return Paws.ACCEPT;
        }
        if (tp.stack.profile().major() >= 7 && tlen == 0) {
            return Paws.DROP;
        }
        return Paws.DROP_AFTER_ACK;
    }

    /**
     * "If last ACK falls within this segment's sequence numbers, record its timestamp": seq <=
     * last_ack_sent <= seq + tlen (+1 for SYN or FIN), with < at the right end before 7.x (the
     * 5.x-era test; the release that relaxed it is UNVERIFIED).
     */
    static void recordTimestamp(TcpConnection tp, Packet p, int seq, int tlen, int flags) {
        TcpOptions o = p.options();
        if (!tp.opts.rcvdTstmp || !o.hasTimestamp() || !Seq.leq(seq, tp.lastAckSent)) {
            return;
        }
        int end = seq + tlen + ((flags & (TcpFlags.SYN | TcpFlags.FIN)) != 0 ? 1 : 0);
        boolean inside = tp.stack.profile().major() >= 7 ? Seq.leq(tp.lastAckSent, end) : Seq.lt(tp.lastAckSent, end);
        if (inside) {
            tp.opts.tsRecent = o.tsVal();
            tp.opts.tsRecentAgeMs = tp.nowMs();
        }
    }

    /**
     * The RTT sample of an ACK for new data: with a timestamp echo, tcp_ts_getticks() minus the
     * echoed value (less ts_offset) plus one tick (tcp_input.c "tcp_xmit_timer(tp, t + 1)");
     * -1 when the segment echoes nothing, so the timed-segment measure applies.
     */
    static long rttFromEcho(TcpConnection tp, Packet p) {
        TcpOptions o = p.options();
        if (!tp.opts.rcvdTstmp || !o.hasTimestamp() || o.tsEcr() == 0) {
            return -1;
        }
        int echoed = o.tsEcr() - tp.opts.tsOffset;
        int now = TcpOptionConfig.tsTicks(tp.stack, tp.nowMs());
        int ticks = now - echoed;
        if (ticks < 0) {
            // "If echoed timestamp is later than the current time, fall back to non RFC1323 RTT".
            return -1;
        }
        long tickMs = tp.stack.profile().major() <= 4 ? 10 : 1;
        return (ticks + 1L) * tickMs;
    }
}
