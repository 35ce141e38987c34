package dev.scn.engine.tcp;

import dev.scn.engine.tcp.TcpConnection.TimerKind;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.trace.TraceKind;
import dev.scn.fact.Fact;
import dev.scn.fact.TcpTimer;

/** The callouts of tcp_timer.c: what happens when each per-connection timer fires. */
final class TcpTimers {
    private TcpTimers() {
    }

    /**
     * tcp_timer_rexmt: back off and retransmit from snd_una; after TCP_MAXRXTSHIFT (12)
     * retransmissions the connection is dropped with ETIMEDOUT. From 12.x the timer leaves srtt
     * alone past TCP_RTT_INVALIDATE (12.x-era and 14.x tcp_timer.c only call in_losing there);
     * tcp_xmit_timer re-seeds the estimate from the next sample instead (TcpInput.xmitTimer).
     */
    static void retransmit(TcpConnection tp) {
        if (++tp.rxtShift > TcpConstants.MAXRXTSHIFT) {
            tp.rxtShift = TcpConstants.MAXRXTSHIFT;
            tp.traceTimer(TraceKind.TCP_TIMER_FIRED, () -> fired(TcpTimer.RETRANSMIT, Fact.TimerOutcome.DROPPED,
                    "retransmit timer: " + TcpConstants.MAXRXTSHIFT
                    + " retransmissions unanswered, connection dropped (ETIMEDOUT)"));
            tp.drop(TcpApplication.CloseReason.TIMED_OUT, "retransmission timeout");
            return;
        }
        tp.traceTimer(TraceKind.TCP_TIMER_FIRED, () -> fired(TcpTimer.RETRANSMIT, Fact.TimerOutcome.SENT,
                "retransmit timer, attempt " + tp.rxtShift));
        // The backed-off RTO is computed from the estimate as it stands, then clamped
        // (TCPT_RANGESET), before anything below touches srtt.
        tp.rxtCurMs = rangeSet(tp, backedOffRto(tp), tp.rttMinMs, TcpConstants.REXMTMAX_MS);
        if (tp.rxtShift > TcpConstants.RTT_INVALIDATE && !tp.stack.profile().rttInvalidatedAtNextSample()) {
            // Up to 11.x (RELENG_4 1.34.2.x, 6.x v1.76, release/10.4.0 tcp_timer.c tcp_timer_rexmt,
            // after the TCPT_RANGESET): "our srtt estimate is probably bogus. Clobber it so we'll take
            // the next rtt measurement as our srtt; move the current srtt into rttvar".
            tp.rttvar += tp.srtt >> TcpConstants.RTT_SHIFT;
            tp.srtt = 0;
        }
        tp.sndNxt = tp.sndUna;
        tp.recover = tp.sndMax;
        tp.timing = false;
        // Collapse to one segment and halve ssthresh (tcp_timer_rexmt).
        long win = Math.min(tp.sndWnd & 0xffffffffL, tp.cwnd) / 2 / tp.maxseg;
        if (win < 2) {
            win = 2;
        }
        tp.cwnd = tp.maxseg;
        tp.ssthresh = win * tp.maxseg;
        tp.dupAcks = 0;
        tp.inFastRecovery = false;
        TcpOutput.output(tp, true);
    }

    /**
     * The backed-off RTO of tcp_timer_rexmt, before TCPT_RANGESET (docs/research/freebsd-sources-4-close-syn.md).
     * RELENG_4 (tcp_timer.c 1.34.2.x) up to 2020 HEAD: in SYN_SENT, TCP_REXMTVAL(tp) x
     * tcp_syn_backoff[shift] = 1,1,1,1,1,2,4,8,...; 13.0 on (14.2 tcp_timer.c): in SYN_SENT and
     * SYN_RECEIVED, tcp_rexmit_initial x tcp_backoff[shift]; every other state TCP_REXMTVAL(tp) x
     * tcp_backoff[shift].
     */
    private static long backedOffRto(TcpConnection tp) {
        boolean opening = tp.state == TcpState.SYN_SENT || tp.state == TcpState.SYN_RECEIVED;
        if (opening && tp.stack.profile().synBackoffExponential()) {
            return tp.stack.rtoBaseMs() * TcpConstants.BACKOFF[tp.rxtShift];
        }
        if (tp.state == TcpState.SYN_SENT) {
            return rexmtValMs(tp) * TcpConstants.SYN_BACKOFF[tp.rxtShift];
        }
        return rexmtValMs(tp) * TcpConstants.BACKOFF[tp.rxtShift];
    }

    /** TCP_REXMTVAL: max(t_rttmin, ((srtt >> 3) + rttvar) >> 2) in the kernel's fixed point. */
    static long rexmtValMs(TcpConnection tp) {
        long value = ((tp.srtt >> (TcpConstants.RTT_SHIFT - TcpConstants.DELTA_SHIFT)) + tp.rttvar)
                >> TcpConstants.DELTA_SHIFT;
        return Math.max(tp.rttMinMs, value);
    }

    /** TCPT_RANGESET: value plus net.inet.tcp.rexmit_slop, clamped to [min, max]. */
    static long rangeSet(TcpConnection tp, long value, long min, long max) {
        long tv = value + tp.stack.rexmitSlopMs();
        if (tv < min) {
            return min;
        }
        return Math.min(tv, max);
    }

    /** tcp_setpersist: persist interval from the RTT estimate, backed off, within [5 s, 60 s]. */
    static void setPersist(TcpConnection tp) {
        long t = ((tp.srtt >> 2) + tp.rttvar) >> 1;
        long interval = rangeSet(tp, t * TcpConstants.BACKOFF[tp.rxtShift], TcpConstants.PERSMIN_MS,
                TcpConstants.PERSMAX_MS);
        tp.arm(TimerKind.PERSIST, interval);
        if (tp.rxtShift < TcpConstants.MAXRXTSHIFT) {
            tp.rxtShift++;
        }
    }

    /** tcp_timer_persist: force one byte into a zero window. */
    static void persist(TcpConnection tp) {
        tp.traceTimer(TraceKind.TCP_TIMER_FIRED, () -> fired(TcpTimer.PERSIST, Fact.TimerOutcome.SENT,
                "persist timer: window probe"));
        TcpTimers.setPersist(tp);
        tp.forceOne = true;
        TcpOutput.output(tp, true);
        tp.forceOne = false;
    }

    /**
     * tcp_timer_keep: before ESTABLISHED it is the connection-establishment timer (keepinit);
     * afterwards, with always_keepalive (default 1) and state <= CLOSING, it probes after keepidle
     * of silence and drops once idle >= keepidle + maxidle. FIN_WAIT_2 and TIME_WAIT are never
     * probed (model §5).
     */
    static void keep(TcpConnection tp) {
        if (!tp.state.haveEstablished()) {
            tp.traceTimer(TraceKind.TCP_TIMER_FIRED, () -> fired(TcpTimer.CONNECTION_ESTABLISHMENT, Fact.TimerOutcome.DROPPED,
                    "connection-establishment timer (keepinit) expired"));
            tp.drop(TcpApplication.CloseReason.TIMED_OUT, "connect timed out");
            return;
        }
        long keepIdle = tp.keepIdleMs();
        if ((tp.stack.alwaysKeepalive() || tp.keepAliveOption) && tp.state.compareTo(TcpState.CLOSING) <= 0) {
            long idleMs = (tp.simulator.now() - tp.lastReceived) / SimTime.MICROS_PER_MILLI;
            if (idleMs >= keepIdle + tp.maxIdleMs()) {
                tp.traceTimer(TraceKind.TCP_TIMER_FIRED, () -> new Fact.TimerFired(TcpTimer.KEEPALIVE,
                        Fact.TimerOutcome.DROPPED, idleMs, keepIdle + tp.maxIdleMs(), -1, -1,
                        "keepalive: idle " + idleMs / 1000 + " s >= keepidle + maxidle, connection dropped"));
                tp.drop(TcpApplication.CloseReason.TIMED_OUT, "keepalive timeout");
                return;
            }
            tp.traceTimer(TraceKind.TCP_TIMER_FIRED, () -> new Fact.TimerFired(TcpTimer.KEEPALIVE, Fact.TimerOutcome.SENT,
                    idleMs, -1, tp.keepIntvlMs(), -1, "keepalive probe after " + idleMs / 1000 + " s idle"));
            TcpOutput.sendKeepaliveProbe(tp);
            tp.arm(TimerKind.KEEP, tp.keepIntvlMs());
        } else {
            tp.arm(TimerKind.KEEP, keepIdle);
        }
    }

    /**
     * tcp_timer_2msl: in TIME_WAIT, the end. Otherwise (FIN_WAIT_2 after close) keep waiting in
     * keepintvl steps while the last segment arrived no more than maxidle ago, else close; on 7.0+
     * with fast_finwait2_recycle the closed socket's connection goes at once (model §5, [T6] [T7]).
     */
    static void twoMsl(TcpConnection tp) {
        if (tp.state == TcpState.TIME_WAIT) {
            tp.traceTimer(TraceKind.TCP_TIMER_FIRED, () -> fired(TcpTimer.TIME_WAIT, Fact.TimerOutcome.CLOSED,
                    "2MSL timer: TIME_WAIT over"));
            tp.close(TcpApplication.CloseReason.CLOSED, "2MSL timer");
            return;
        }
        if (tp.stack.fastFinwait2Recycle() && tp.state == TcpState.FIN_WAIT_2 && tp.cantRcvMore) {
            tp.traceTimer(TraceKind.TCP_TIMER_FIRED, () -> fired(TcpTimer.FIN_WAIT_2, Fact.TimerOutcome.CLOSED,
                    "FIN_WAIT_2 timer with net.inet.tcp.fast_finwait2_recycle=1: closed"));
            tp.close(TcpApplication.CloseReason.CLOSED, "fast FIN_WAIT_2 recycle");
            return;
        }
        long idleMs = (tp.simulator.now() - tp.lastReceived) / SimTime.MICROS_PER_MILLI;
        long maxIdle = tp.maxIdleMs();
        if (idleMs <= maxIdle) {
            long keepIntvl = tp.keepIntvlMs();
            tp.arm(TimerKind.TWO_MSL, keepIntvl);
            long next = tp.simulator.now() + SimTime.millis(keepIntvl);
            tp.traceTimer(TraceKind.TCP_TIMER_FIRED, () -> new Fact.TimerFired(TcpTimer.FIN_WAIT_2,
                    Fact.TimerOutcome.REARMED, idleMs, maxIdle, keepIntvl, next, "FIN_WAIT_2 timer: last segment "
                    + idleMs / 1000.0 + " s ago <= maxidle " + maxIdle / 1000 + " s, re-armed for " + keepIntvl / 1000
                    + " s"));
        } else {
            tp.traceTimer(TraceKind.TCP_TIMER_FIRED, () -> new Fact.TimerFired(TcpTimer.FIN_WAIT_2,
                    Fact.TimerOutcome.CLOSED, idleMs, maxIdle, -1, -1, "FIN_WAIT_2 timer: idle " + idleMs / 1000.0
                    + " s > maxidle " + maxIdle / 1000 + " s, connection closed"));
            tp.close(TcpApplication.CloseReason.CLOSED, "FIN_WAIT_2 idle timeout");
        }
    }

    /**
     * tcp_slowtimo's walk of the TIME_WAIT list (5.x-13.x) reached a connection whose 2MSL is
     * over: tcp_twclose. Its trace follows the record that put it on the list, as a callout's would.
     */
    static void timeWaitOver(TcpConnection tp) {
        tp.simulator.trace().setCurrentCause(tp.twCause);
        tp.traceTimer(TraceKind.TCP_TIMER_FIRED, () -> fired(TcpTimer.TIME_WAIT, Fact.TimerOutcome.CLOSED,
                "tcp_slowtimo: 2MSL over, TIME_WAIT closed at the next half-second walk"));
        tp.close(TcpApplication.CloseReason.CLOSED, "2MSL over (tcp_slowtimo)");
    }

    /** tcp_timer_delack: the delayed ACK is due. */
    static void delayedAck(TcpConnection tp) {
        tp.ackNow = true;
        TcpOutput.output(tp, true);
    }

    /** A timer fact that checks no idle time. */
    private static Fact.TimerFired fired(TcpTimer timer, Fact.TimerOutcome outcome, String text) {
        return new Fact.TimerFired(timer, outcome, -1, -1, -1, -1, text);
    }
}
