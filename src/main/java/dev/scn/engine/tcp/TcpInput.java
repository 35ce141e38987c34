package dev.scn.engine.tcp;

import dev.scn.engine.tcp.TcpConnection.TimerKind;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.os.Profile;
import dev.scn.engine.trace.CausalTrace;
import dev.scn.engine.trace.TraceKind;
import dev.scn.fact.Fact;
import dev.scn.fact.TcpTimer;

/**
 * tcp_input for a segment that found its connection, in the order of FreeBSD 5.x tcp_input.c:
 * idle time, RST, left trim, data after close, right trim, SYN, ACK, window, data, FIN, output.
 */
final class TcpInput {
    private TcpInput() {
    }

    static void segmentArrived(TcpConnection tp, Packet p) {
        if (dropSynFinOnConnection(tp, p)) {
            return;
        }
        noteActivity(tp);
        switch (tp.state) {
            case SYN_SENT -> synSent(tp, p);
            case TIME_WAIT -> timeWait(tp, p);
            case CLOSED, LISTEN -> {
                // A closed pcb is never found; listeners are handled by the stack.
            }
            case SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, CLOSING, LAST_ACK, FIN_WAIT_2 ->
                    synchronizedState(tp, p);
        }
    }

    /**
     * tcp_do_segment's first test: with net.inet.tcp.drop_synfin a SYN|FIN is dropped in every
     * state tcp_do_segment handles (SYN_SENT on), before the SYN_SENT ACK check and before
     * t_rcvtime is touched: 14-CURRENT tcp_input.c (sobomax/freebsd14_vendor @0f7ff342 and
     * @42edb4ec, tcp_do_segment). Not found in the 12.x-era tcp_input.c (index id 624216631,
     * where only the listen socket honours the sysctl); 13.x is UNVERIFIED and kept with 12.x.
     * TIME_WAIT has its own test in tcp_twcheck.
     */
    private static boolean dropSynFinOnConnection(TcpConnection tp, Packet p) {
        int synFin = TcpFlags.SYN | TcpFlags.FIN;
        return tp.state != TcpState.TIME_WAIT && tp.stack.profile().major() >= 14
                && (p.flags() & synFin) == synFin && tp.stack.dropSynFin();
    }

    /**
     * "Segment received on connection. Reset idle time and keep-alive timer." tcp_input sets
     * t_rcvtime before any validity check, so even a duplicate or out-of-window segment, such as
     * ipfw's keepalive, counts as activity (model §5).
     */
    private static void noteActivity(TcpConnection tp) {
        tp.lastReceived = tp.simulator.now();
        CausalTrace trace = tp.simulator.trace();
        if (trace.detailed(tp.flow)) {
            trace.recordAndFollow(TraceKind.TCP_IDLE_RESET, tp.host.name(), tp.flow,
                    new Fact.IdleReset(tp.lastReceived, tp.state.netstatName()));
        } else {
            trace.count(TraceKind.TCP_IDLE_RESET);
        }
        if (tp.state.haveEstablished()) {
            tp.arm(TimerKind.KEEP, tp.keepIdleMs());
        }
    }

    // ---- SYN_SENT ----------------------------------------------------------------------------

    private static void synSent(TcpConnection tp, Packet p) {
        int flags = p.flags();
        boolean hasAck = (flags & TcpFlags.ACK) != 0;
        if (hasAck && (Seq.leq(p.ack(), tp.iss) || Seq.gt(p.ack(), tp.sndMax))) {
            if ((flags & TcpFlags.RST) == 0) {
                tp.stack.respondWithReset(p);
            }
            return;
        }
        if ((flags & TcpFlags.RST) != 0) {
            if (hasAck) {
                tp.drop(TcpApplication.CloseReason.REFUSED, "RST in answer to SYN (ECONNREFUSED)");
            }
            return;
        }
        if ((flags & TcpFlags.SYN) == 0) {
            return;
        }
        tp.irs = p.seq();
        tp.rcvNxt = p.seq() + 1;
        tp.rcvAdv = tp.rcvNxt;
        tp.opts.synReceivedInSynSent(tp, p);
        TcpMss.negotiate(tp, p.mssOption());
        if (hasAck) {
            TcpEcn.synAckReceived(tp, flags);
            tp.sndUna = p.ack();
            if (Seq.lt(tp.sndNxt, tp.sndUna)) {
                tp.sndNxt = tp.sndUna;
            }
            if (tp.timing && Seq.gt(p.ack(), tp.rttSeq)) {
                xmitTimer(tp, tp.nowMs() - tp.rttStartMs);
            }
            tp.disarm(TimerKind.REXMT);
            tp.rxtShift = 0;
            tp.setState(TcpState.ESTABLISHED, "SYN-ACK received");
            tp.arm(TimerKind.KEEP, tp.keepIdleMs());
            tp.sndWnd = p.window();
            tp.maxSndWnd = Math.max(tp.maxSndWnd, tp.sndWnd);
            tp.sndWl1 = p.seq();
            tp.sndWl2 = p.ack();
            tp.ackNow = true;
            if (synAckText(tp, p)) {
                finReceived(tp);
            }
            TcpOutput.output(tp);
            if (tp.socket != null) {
                tp.socket.application().established(tp.socket);
            }
            tp.fillSendBuffer();
        } else {
            // Simultaneous open.
            TcpEcn.parallelSynReceived(tp, flags);
            tp.setState(TcpState.SYN_RECEIVED, "SYN received in SYN_SENT");
            if (p.payloadLength() > 0) {
                // tcp_do_segment, SYN_SENT without ACK: the segment goes on to step6 and the data
                // step; not yet TCPS_HAVEESTABLISHED, so tcp_reass queues the bytes and presents
                // nothing: the SYN-ACK acknowledges only the SYN (14.x tcp_input.c). The suite's
                // rcv-syn-with-data-syn-sent and rcv-syn-fin-with-data-syn-sent-dropping-disabled
                // scripts show the bytes read after the handshake's ACK and a FIN on that SYN
                // never counted (ack 4, not 5): the FIN is not queued here.
                tp.reassembly.add(tp.rcvNxt, false, p.seq() + 1, p.payloadLength(), false);
            }
            tp.sndNxt = tp.iss;
            tp.ackNow = true;
            TcpOutput.output(tp);
        }
    }

    /**
     * The text of a SYN-ACK accepted in SYN_SENT (tcp_do_segment: ESTABLISHED, then step6 and the
     * data step). FreeBSD arms the delayed-ACK callout for a SYN-ACK with data (DELAY_ACK and
     * tlen != 0); the data step then finds the callout running, so DELAY_ACK is false and the
     * ACK goes out at once (TF_ACKNOW), acknowledging the data: rcv-syn-ack-with-data-syn-sent
     * shows ". 1:1(0) ack 4" right away.
     *
     * @return whether a FIN was reached
     */
    private static boolean synAckText(TcpConnection tp, Packet p) {
        int tlen = p.payloadLength();
        boolean fin = (p.flags() & TcpFlags.FIN) != 0;
        if (tlen == 0 && !fin) {
            return false;
        }
        int textFlags = p.flags() & ~(TcpFlags.SYN | TcpFlags.ACK);
        boolean reached = TcpReceive.segmentText(tp, false, textFlags, p.seq() + 1, tlen);
        tp.ackNow = true;
        return reached;
    }

    // ---- TIME_WAIT (tcp_timewait) --------------------------------------------------------------

    private static void timeWait(TcpConnection tp, Packet p) {
        int flags = p.flags();
        if ((flags & TcpFlags.RST) != 0) {
            return;
        }
        if ((flags & (TcpFlags.SYN | TcpFlags.FIN)) == (TcpFlags.SYN | TcpFlags.FIN) && tp.stack.dropSynFin()) {
            // tcp_twcheck (14.x tcp_timewait.c): "Honor the drop_synfin sysctl variable", right
            // after the RST check and before a SYN may reopen the connection.
            return;
        }
        boolean newIncarnation = tp.stack.profile().timeWaitReopensOnPureSynOnly()
                ? (flags & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN
                : (flags & TcpFlags.SYN) != 0;
        if (newIncarnation && Seq.gt(p.seq(), tp.rcvNxt)) {
            // A new incarnation: the TIME_WAIT state gives way and the SYN goes to the listener.
            tp.close(TcpApplication.CloseReason.CLOSED, "new SYN in TIME_WAIT");
            tp.stack.input(p);
            return;
        }
        if ((flags & TcpFlags.ACK) == 0) {
            return;
        }
        if (TcpOptionInput.dropInTimeWait(tp, p)) {
            return;
        }
        int tlen = p.payloadLength();
        if ((flags & TcpFlags.FIN) != 0 && p.seq() + 1 == tp.rcvNxt) {
            // Retransmitted FIN: restart 2MSL.
            tp.arm(TimerKind.TWO_MSL, 2 * tp.stack.mslMs());
        }
        if (flags != TcpFlags.ACK || tlen != 0 || p.seq() != tp.rcvNxt || p.ack() != tp.sndNxt) {
            tp.ackNow = true;
            TcpOutput.output(tp);
        }
    }

    // ---- synchronized states ---------------------------------------------------------------------

    private static void synchronizedState(TcpConnection tp, Packet p) {
        int flags = p.flags();
        int seq = p.seq();
        int tlen = p.payloadLength();
        boolean needOutput = false;
        // tiwin: the window field scaled by snd_scale (0 until window scaling was agreed).
        long tiwin = (long) p.window() << tp.opts.sndScale;
        boolean predicted = ReceiveSack.headerPredicted(tp, p, tiwin);

        if (TcpOptionInput.dropForMissingTimestamp(tp, p)) {
            return;
        }
        if ((flags & TcpFlags.RST) != 0) {
            reset(tp, p);
            return;
        }
        // 14.x tcp_do_segment: the RFC 5961 section 4.2 SYN check comes right after the RST
        // check and before PAWS.
        if ((flags & TcpFlags.SYN) != 0 && tp.state != TcpState.SYN_RECEIVED
                && tp.stack.profile().rstValidation() == Profile.RstValidation.RFC5961) {
            synInSynchronizedState(tp, p);
            return;
        }
        TcpOptionInput.Paws paws = TcpOptionInput.paws(tp, p, tlen);
        if (paws != TcpOptionInput.Paws.ACCEPT) {
            if (paws == TcpOptionInput.Paws.DROP_AFTER_ACK) {
                dropAfterAck(tp);
            }
            return;
        }

        // Left edge: drop what was already received. A segment entirely old (a keepalive probe
        // at rcv_nxt - 1) is acknowledged at once but still processed for its ACK.
        int toDrop = tp.rcvNxt - seq;
        if (toDrop > 0) {
            if ((flags & TcpFlags.SYN) != 0) {
                flags &= ~TcpFlags.SYN;
                seq++;
                toDrop--;
            }
            if (toDrop > tlen || (toDrop == tlen && (flags & TcpFlags.FIN) == 0)) {
                flags &= ~TcpFlags.FIN;
                tp.ackNow = true;
                toDrop = tlen;
            }
            ReceiveSack.leftEdgeTrimmed(tp, seq, toDrop);
            seq += toDrop;
            tlen -= toDrop;
        }

        // Data for a process that has gone away: RST the other end (tcps_rcvafterclose).
        if (tp.noFdRef && tp.state.compareTo(TcpState.CLOSE_WAIT) > 0 && tlen > 0) {
            tp.close(TcpApplication.CloseReason.CLOSED, "data received after close, RST sent");
            tp.stack.respondWithReset(p, seq, tlen, flags);
            return;
        }

        // Right edge: beyond the window.
        int rcvWnd = tp.rcvWnd();
        int beyond = (seq + tlen) - (tp.rcvNxt + rcvWnd);
        if (beyond > 0) {
            if (beyond >= tlen) {
                if (rcvWnd == 0 && seq == tp.rcvNxt) {
                    tp.ackNow = true;
                } else {
                    dropAfterAck(tp);
                    return;
                }
            } else {
                tlen -= beyond;
                flags &= ~(TcpFlags.PUSH | TcpFlags.FIN);
            }
        }

        TcpOptionInput.recordTimestamp(tp, p, seq, tlen, flags);

        if ((flags & TcpFlags.SYN) != 0) {
            if (tp.stack.profile().rstValidation() == Profile.RstValidation.RFC5961) {
                // RFC 5961 section 4.2: a SYN in a synchronized state gets a challenge ACK.
                TcpOutput.sendChallengeAck(tp);
            } else {
                tp.drop(TcpApplication.CloseReason.RESET, "SYN in window");
                tp.stack.respondWithReset(p, seq, tlen, flags);
            }
            return;
        }
        if ((flags & TcpFlags.ACK) == 0) {
            if (tp.ackNow) {
                TcpOutput.output(tp);
            }
            return;
        }

        if (tp.state == TcpState.SYN_RECEIVED) {
            if (Seq.gt(tp.sndUna, p.ack()) || Seq.gt(p.ack(), tp.sndMax)) {
                tp.stack.respondWithReset(p);
                return;
            }
            if (tp.opts.reqScale && tp.opts.rcvdScale) {
                // "Do window scaling?": rcv_scale takes effect as SYN_RECEIVED becomes ESTABLISHED.
                tp.opts.rcvScale = tp.opts.requestRScale;
            }
            tp.setState(TcpState.ESTABLISHED, "handshake completed");
            tp.arm(TimerKind.KEEP, tp.keepIdleMs());
            if (tp.socket != null) {
                tp.socket.application().established(tp.socket);
            }
            if (tlen == 0 && (flags & TcpFlags.FIN) == 0) {
                // "If segment contains data or ACK, will call tcp_reass() later; if not, do so
                // now to pass queued data to user" (tcp_do_segment, SYN_RECEIVED -> ESTABLISHED):
                // bytes that came on a simultaneous-open SYN.
                TcpReceive.presentQueued(tp);
            }
        }

        // ACK processing.
        int ack = p.ack();
        if (Seq.leq(ack, tp.sndUna)) {
            if (tlen == 0 && tiwin == (tp.sndWnd & 0xffffffffL)) {
                duplicateAck(tp, ack);
            } else {
                tp.dupAcks = 0;
            }
        } else {
            if (Seq.gt(ack, tp.sndMax)) {
                dropAfterAck(tp);
                return;
            }
            if (newAck(tp, ack, TcpOptionInput.rttFromEcho(tp, p))) {
                return;
            }
            needOutput = true;
        }

        // Window update (step6).
        if (Seq.lt(tp.sndWl1, seq) || (tp.sndWl1 == seq
                && (Seq.lt(tp.sndWl2, ack) || (tp.sndWl2 == ack && tiwin > (tp.sndWnd & 0xffffffffL))))) {
            tp.sndWnd = (int) tiwin;
            tp.sndWl1 = seq;
            tp.sndWl2 = ack;
            tp.maxSndWnd = Math.max(tp.maxSndWnd, tp.sndWnd);
            needOutput = true;
        }

        // Data and FIN.
        boolean fin = (flags & TcpFlags.FIN) != 0;
        if ((tlen > 0 || fin) && !tp.state.haveReceivedFin()) {
            fin = TcpReceive.segmentText(tp, predicted, flags, seq, tlen);
        } else {
            fin = false;
        }
        if (fin) {
            finReceived(tp);
        }
        if (tp.state == TcpState.CLOSED) {
            return;
        }
        if (needOutput || tp.ackNow) {
            TcpOutput.output(tp);
        }
    }

    private static void finReceived(TcpConnection tp) {
        tp.rcvNxt++;
        tp.ackNow = true;
        tp.cantRcvMore = true;
        switch (tp.state) {
            case SYN_RECEIVED, ESTABLISHED -> tp.setState(TcpState.CLOSE_WAIT, "FIN received");
            case FIN_WAIT_1 -> tp.setState(TcpState.CLOSING, "FIN received");
            case FIN_WAIT_2 -> enterTimeWait(tp, "FIN received");
            case TIME_WAIT -> tp.arm(TimerKind.TWO_MSL, 2 * tp.stack.mslMs());
            case CLOSED, LISTEN, SYN_SENT, CLOSE_WAIT, CLOSING, LAST_ACK -> {
            }
        }
        // socantrcvmore -> sorwakeup: the process is only woken here. It runs, sees EOF and maybe
        // calls close() after tcp_input has finished, so the TF_ACKNOW set above goes out by
        // itself first (tcp_do_segment's closing tcp_output) and our FIN follows as its own segment.
        TcpSocket socket = tp.socket;
        if (socket != null && !tp.noFdRef) {
            socket.wakeUpAtEndOfStream();
        }
    }

    /** tcp_twstart: TIME_WAIT for 2*MSL, other timers off. */
    static void enterTimeWait(TcpConnection tp, String why) {
        tp.setState(TcpState.TIME_WAIT, why);
        tp.disarm(TimerKind.REXMT);
        tp.disarm(TimerKind.PERSIST);
        tp.disarm(TimerKind.KEEP);
        tp.disarm(TimerKind.DELACK);
        long twoMsl = 2 * tp.stack.mslMs();
        tp.arm(TimerKind.TWO_MSL, twoMsl);
        Fact.Input msl = new Fact.Input("net.inet.tcp.msl", tp.stack.mslMs(), "ms");
        tp.traceTimer(TraceKind.TCP_TIMER_ARMED, () -> tp.stack.timeWait == null
                ? new Fact.TimerArmed(TcpTimer.TIME_WAIT, twoMsl, "2 x net.inet.tcp.msl", java.util.List.of(msl), null)
                : new Fact.TimerArmed(TcpTimer.TIME_WAIT, twoMsl, "2 x net.inet.tcp.msl, then tcp_slowtimo's next walk",
                        java.util.List.of(msl, new Fact.Input(Fact.Input.SLOWTIMO_WALK,
                                TimeWaitQueue.WALK_PERIOD_MICROS / SimTime.MICROS_PER_MILLI, "ms")), null));
    }

    /**
     * RFC 5961 section 4.2, as 14.x tcp_input.c tcp_do_segment does it right after the RST checks
     * and before PAWS and any trimming (also in the 12.x-era file): a SYN in a synchronized state
     * other than SYN_RECEIVED gets a challenge ACK (tcp_respond with rcv_nxt, snd_nxt, TH_ACK;
     * last_ack_sent = rcv_nxt) and is dropped. With net.inet.tcp.insecure_syn=1 a SYN whose seq
     * lies in [last_ack_sent, last_ack_sent + rcv_wnd) instead drops the connection with ECONNRESET
     * (tcp_drop, whose tcp_output sends the RST).
     */
    private static void synInSynchronizedState(TcpConnection tp, Packet p) {
        // tp->rcv_wnd as tcp_input computed it: max(sbspace, rcv_adv - rcv_nxt), not capped at
        // 65535, so with the 65700-byte buffer the window ends at last_ack_sent + 65700.
        int rcvWnd = tp.rcvWnd();
        boolean inWindow = Seq.geq(p.seq(), tp.lastAckSent) && Seq.lt(p.seq(), tp.lastAckSent + rcvWnd);
        if (tp.stack.insecureSyn() && inWindow) {
            tp.drop(TcpApplication.CloseReason.RESET, "SYN in window (net.inet.tcp.insecure_syn=1)");
            return;
        }
        TcpOutput.sendChallengeAck(tp);
    }

    private static void dropAfterAck(TcpConnection tp) {
        tp.ackNow = true;
        TcpOutput.output(tp);
    }

    /**
     * An RST for a synchronized connection. 5.x: acceptable when seq is in
     * [last_ack_sent, last_ack_sent + rcv_wnd); in ESTABLISHED only an exact seq == last_ack_sent
     * resets (net.inet.tcp.insecure_rst=0), in-window others are dropped silently. RFC 5961
     * profiles: exact match resets, other in-window RSTs get a challenge ACK.
     */
    private static void reset(TcpConnection tp, Packet p) {
        int seq = p.seq();
        int rcvWnd = tp.rcvWnd();
        boolean inWindow = (Seq.geq(seq, tp.lastAckSent) && Seq.lt(seq, tp.lastAckSent + rcvWnd))
                || (rcvWnd == 0 && tp.lastAckSent == seq);
        if (!inWindow) {
            rstVerdict(tp, p, rcvWnd, Fact.RstOutcome.IGNORED, Fact.RstCheck.OUT_OF_WINDOW);
            return;
        }
        boolean exact = seq == tp.lastAckSent;
        boolean rfc5961 = tp.stack.profile().rstValidation() == Profile.RstValidation.RFC5961;
        // RFC 5961 stacks (tcp_input.c tcp_do_segment, 12.x-era and 15.1): the connection is
        // dropped "if (V_tcp_insecure_rst || tp->last_ack_sent == th->th_seq)", so insecure_rst=1
        // accepts any in-window RST; only otherwise does an inexact one draw the challenge ACK.
        if (rfc5961 && !exact && !tp.stack.insecureRst()) {
            rstVerdict(tp, p, rcvWnd, Fact.RstOutcome.CHALLENGED, Fact.RstCheck.INEXACT_CHALLENGED);
            TcpOutput.sendChallengeAck(tp);
            return;
        }
        if (tp.state == TcpState.ESTABLISHED && !exact && !tp.stack.insecureRst()) {
            rstVerdict(tp, p, rcvWnd, Fact.RstOutcome.IGNORED, Fact.RstCheck.INEXACT_IN_ESTABLISHED);
            return;
        }
        if (tp.state.compareTo(TcpState.SYN_RECEIVED) >= 0 && tp.state != TcpState.TIME_WAIT) {
            rstVerdict(tp, p, rcvWnd, Fact.RstOutcome.ACCEPTED, exact ? Fact.RstCheck.EXACT : Fact.RstCheck.IN_WINDOW);
        }
        switch (tp.state) {
            case SYN_RECEIVED -> tp.close(TcpApplication.CloseReason.REFUSED, "RST received");
            case ESTABLISHED -> tp.close(TcpApplication.CloseReason.RESET, "RST received");
            case FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> tp.close(TcpApplication.CloseReason.RESET, "RST received");
            // 5.x: CLOSING and LAST_ACK close without so_error; the RFC 5961 tcp_input.c lists them
            // with ESTABLISHED..CLOSE_WAIT: "so->so_error = ECONNRESET" (the suite's rcv-rst-closing
            // and rcv-rst-last-ack scripts read [ECONNRESET] from SO_ERROR). Tied to the RFC 5961
            // profiles; the first release with the change is UNVERIFIED.
            case CLOSING, LAST_ACK -> tp.close(rfc5961 ? TcpApplication.CloseReason.RESET
                    : TcpApplication.CloseReason.CLOSED, "RST received");
            case CLOSED, LISTEN, SYN_SENT, TIME_WAIT -> {
            }
        }
    }

    /** Records how the RST was judged; it becomes the cause of what follows (the close, the challenge ACK). */
    private static void rstVerdict(TcpConnection tp, Packet p, int rcvWnd, Fact.RstOutcome outcome, Fact.RstCheck check) {
        CausalTrace trace = tp.simulator.trace();
        if (trace.detailed(tp.flow)) {
            trace.recordAndFollow(TraceKind.RST_VERDICT, tp.host.name(), tp.flow, new Fact.RstVerdict(outcome,
                    tp.state.netstatName(), Integer.toUnsignedLong(p.seq()), Integer.toUnsignedLong(tp.lastAckSent),
                    rcvWnd, check));
        } else {
            trace.count(TraceKind.RST_VERDICT);
        }
    }

    private static void duplicateAck(TcpConnection tp, int ack) {
        if (!tp.armed(TimerKind.REXMT) || ack != tp.sndUna) {
            tp.dupAcks = 0;
            return;
        }
        tp.dupAcks++;
        if (tp.dupAcks == TcpConstants.REXMT_THRESH) {
            // Fast retransmit (NewReno, net.inet.tcp.newreno=1).
            long win = Math.min(tp.sndWnd & 0xffffffffL, tp.cwnd) / 2 / tp.maxseg;
            if (win < 2) {
                win = 2;
            }
            tp.ssthresh = win * tp.maxseg;
            tp.recover = tp.sndMax;
            tp.inFastRecovery = true;
            tp.disarm(TimerKind.REXMT);
            tp.timing = false;
            int onxt = tp.sndNxt;
            tp.sndNxt = ack;
            tp.cwnd = tp.maxseg;
            TcpOutput.output(tp);
            tp.cwnd = tp.ssthresh + (long) tp.maxseg * tp.dupAcks;
            if (Seq.gt(onxt, tp.sndNxt)) {
                tp.sndNxt = onxt;
            }
        } else if (tp.dupAcks > TcpConstants.REXMT_THRESH) {
            tp.cwnd += tp.maxseg;
            TcpOutput.output(tp);
        }
    }

    /**
     * New data acknowledged. Returns true when the connection is gone afterwards.
     */
    private static boolean newAck(TcpConnection tp, int ack, long tsRttMs) {
        if (tp.inFastRecovery) {
            if (Seq.lt(ack, tp.recover)) {
                // NewReno partial ACK: retransmit the next hole, stay in recovery.
                tp.disarm(TimerKind.REXMT);
                int onxt = tp.sndNxt;
                long ocwnd = tp.cwnd;
                tp.sndNxt = ack;
                tp.cwnd = tp.maxseg + (ack - tp.sndUna);
                tp.sndUna = ack;
                TcpOutput.output(tp);
                tp.cwnd = ocwnd;
                if (Seq.gt(onxt, tp.sndNxt)) {
                    tp.sndNxt = onxt;
                }
                tp.cwnd = Math.max(tp.maxseg, tp.cwnd - (ack - tp.sndUna) + tp.maxseg);
            } else {
                tp.cwnd = Math.min(tp.ssthresh, (long) (tp.sndMax - ack) + tp.maxseg);
                tp.inFastRecovery = false;
            }
        }
        tp.dupAcks = 0;
        int acked = ack - tp.sndUna;
        if (tsRttMs >= 0) {
            // An echoed timestamp measures every ACK of new data (tcp_input.c, RFC 7323 RTTM).
            xmitTimer(tp, tsRttMs);
        } else if (tp.timing && Seq.gt(ack, tp.rttSeq)) {
            xmitTimer(tp, tp.nowMs() - tp.rttStartMs);
        }
        if (ack == tp.sndMax) {
            tp.disarm(TimerKind.REXMT);
        } else if (!tp.armed(TimerKind.PERSIST)) {
            tp.arm(TimerKind.REXMT, tp.rxtCurMs);
        }
        if (!tp.inFastRecovery) {
            long incr = tp.cwnd <= tp.ssthresh ? tp.maxseg : Math.max(1, (long) tp.maxseg * tp.maxseg / tp.cwnd);
            tp.cwnd = Math.min(tp.cwnd + incr, (long) TcpConstants.MAXWIN << 14);
        }
        boolean ourFinIsAcked = tp.finSent && Seq.geq(ack, tp.sndBufferEnd + 1);
        tp.sndUna = ack;
        if (Seq.lt(tp.sndNxt, tp.sndUna)) {
            tp.sndNxt = tp.sndUna;
        }
        if (acked > 0) {
            tp.fillSendBuffer();
        }
        switch (tp.state) {
            case FIN_WAIT_1 -> {
                if (ourFinIsAcked) {
                    // Only with the receive side shut is the FIN_WAIT_2 timer armed (model §5).
                    tp.setState(TcpState.FIN_WAIT_2, "our FIN acknowledged");
                    if (tp.cantRcvMore) {
                        tp.armFinWait2Timer("FIN acknowledged, socket closed");
                    }
                }
            }
            case CLOSING -> {
                if (ourFinIsAcked) {
                    enterTimeWait(tp, "our FIN acknowledged in CLOSING");
                    return true;
                }
            }
            case LAST_ACK -> {
                if (ourFinIsAcked) {
                    tp.close(TcpApplication.CloseReason.CLOSED, "our FIN acknowledged in LAST_ACK");
                    return true;
                }
            }
            case CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT, FIN_WAIT_2, TIME_WAIT -> {
            }
        }
        return false;
    }

    /**
     * tcp_xmit_timer: the RTT estimator of 5.x, in the kernel's fixed point, ticks = ms. From 12.x
     * (12.x-era and 14.x tcp_input.c) a sample taken after more than TCP_RTT_INVALIDATE
     * retransmissions starts the estimate afresh: "(tp->t_srtt != 0) && (tp->t_rxtshift <=
     * TCP_RTT_INVALIDATE)" guards the smoothing.
     */
    static void xmitTimer(TcpConnection tp, long rttMs) {
        long rtt = Math.max(1, rttMs);
        boolean stale = tp.stack.profile().rttInvalidatedAtNextSample() && tp.rxtShift > TcpConstants.RTT_INVALIDATE;
        if (tp.srtt != 0 && !stale) {
            long delta = ((rtt - 1) << TcpConstants.DELTA_SHIFT)
                    - (tp.srtt >> (TcpConstants.RTT_SHIFT - TcpConstants.DELTA_SHIFT));
            tp.srtt += delta;
            if (tp.srtt <= 0) {
                tp.srtt = 1;
            }
            if (delta < 0) {
                delta = -delta;
            }
            delta -= tp.rttvar >> (TcpConstants.RTTVAR_SHIFT - TcpConstants.DELTA_SHIFT);
            tp.rttvar += delta;
            if (tp.rttvar <= 0) {
                tp.rttvar = 1;
            }
        } else {
            tp.srtt = rtt << TcpConstants.RTT_SHIFT;
            tp.rttvar = rtt << (TcpConstants.RTTVAR_SHIFT - 1);
        }
        tp.timing = false;
        tp.rxtShift = 0;
        tp.rxtCurMs = TcpTimers.rangeSet(tp, TcpTimers.rexmtValMs(tp), Math.max(tp.rttMinMs, rtt + 2),
                TcpConstants.REXMTMAX_MS);
    }
}
