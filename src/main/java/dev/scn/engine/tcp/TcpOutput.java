package dev.scn.engine.tcp;

import dev.scn.engine.tcp.TcpConnection.TimerKind;
import dev.scn.fact.Origin;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.net.TcpOptions;

/**
 * tcp_output and tcp_respond of FreeBSD 5.x-7.x: what to send now, with which sequence numbers.
 *
 * <p>Options come from {@link TcpOptionState#forOutput} (tcp_addoptions from 7.0, inline
 * before); the data of a segment shrinks by what the options take beyond t_maxseg, and the
 * window field is scaled by rcv_scale except on a SYN. Every TCP packet carries DF, as
 * net.inet.tcp.path_mtu_discovery=1 makes FreeBSD do.
 */
final class TcpOutput {
    private TcpOutput() {
    }

    /** tcp_outflags[]: the flags each state puts on a segment (tcp_fsm.h). */
    static int outFlags(TcpState state) {
        return switch (state) {
            case CLOSED -> TcpFlags.RST | TcpFlags.ACK;
            case LISTEN -> 0;
            case SYN_SENT -> TcpFlags.SYN;
            case SYN_RECEIVED -> TcpFlags.SYN | TcpFlags.ACK;
            case ESTABLISHED, CLOSE_WAIT, FIN_WAIT_2, TIME_WAIT -> TcpFlags.ACK;
            case FIN_WAIT_1, CLOSING, LAST_ACK -> TcpFlags.FIN | TcpFlags.ACK;
        };
    }

    static void output(TcpConnection tp) {
        output(tp, false);
    }

    /**
     * Sends what the connection may send now: data within min(snd_wnd, cwnd), a SYN or FIN, a
     * pending ACK, a window update. Loops while a full segment was sent and more remains.
     *
     * @param fromTimer true when a timer asked (retransmission, persist, delayed ACK)
     */
    static void output(TcpConnection tp, boolean fromTimer) {
        boolean sendMore = true;
        while (sendMore && tp.state != TcpState.LISTEN) {
            sendMore = outputOnce(tp, fromTimer);
        }
    }

    private static boolean outputOnce(TcpConnection tp, boolean fromTimer) {
        boolean idle = tp.sndMax == tp.sndUna;
        int off = tp.sndNxt - tp.sndUna;
        long sendWindow = Math.min(tp.sndWnd & 0xffffffffL, tp.cwnd);
        int flags = outFlags(tp.state);
        boolean persisting = tp.armed(TimerKind.PERSIST);
        if (tp.forceOne) {
            if (sendWindow == 0) {
                sendWindow = 1;
            } else {
                tp.disarm(TimerKind.PERSIST);
                persisting = false;
                tp.rxtShift = 0;
            }
        }
        // Bytes of data between snd_nxt and the end of the send buffer.
        int dataStart = tp.sndNxt;
        long available = dataEnd(tp) - dataStart;
        long len = Math.min(available, sendWindow - off);
        boolean sendAlot = false;
        if (len < 0) {
            len = 0;
            if (sendWindow == 0) {
                // The window shrank to zero: stop retransmitting and probe it (tcp_output.c).
                tp.disarm(TimerKind.REXMT);
                tp.rxtShift = 0;
                tp.sndNxt = tp.sndUna;
                if (!tp.armed(TimerKind.PERSIST)) {
                    TcpTimers.setPersist(tp);
                }
            }
        }
        if (len > tp.maxseg) {
            len = tp.maxseg;
            sendAlot = true;
        }
        if ((flags & TcpFlags.SYN) != 0 && tp.sndNxt != tp.iss) {
            // SYN already sent and not being retransmitted.
            flags &= ~TcpFlags.SYN;
        }
        // FIN only once all data is in this segment or before it; while it is unacknowledged,
        // every segment sent carries it again from its own sequence number (tcp_output.c).
        if ((flags & TcpFlags.FIN) != 0 && (!tp.finQueued || Seq.lt(tp.sndNxt + (int) len, tp.sndBufferEnd))) {
            flags &= ~TcpFlags.FIN;
        }
        int recwin = receiveWindow(tp);
        if (!shouldSend(tp, len, off, idle, flags, recwin)) {
            if (tp.sendBuffered() > 0 && !tp.armed(TimerKind.REXMT) && !tp.armed(TimerKind.PERSIST)
                    && tp.state.haveEstablished()) {
                tp.rxtShift = 0;
                TcpTimers.setPersist(tp);
            }
            return false;
        }
        boolean trimmed = send(tp, (int) len, flags, recwin, off, persisting, fromTimer);
        return sendAlot || trimmed;
    }

    /** Sequence number just past the data in the send buffer (the FIN, if any, sits there). */
    private static int dataEnd(TcpConnection tp) {
        return tp.sndBufferEnd;
    }

    private static boolean shouldSend(TcpConnection tp, long len, int off, boolean idle, int flags, int recwin) {
        if (len > 0) {
            if (len == tp.maxseg) {
                return true;
            }
            // Nagle, FreeBSD-style: a short segment goes when nothing is outstanding and it empties the buffer.
            if (idle && len + off >= tp.sendBuffered()) {
                return true;
            }
            if (tp.forceOne) {
                return true;
            }
            if (tp.maxSndWnd > 0 && len >= tp.maxSndWnd / 2) {
                return true;
            }
            if (Seq.lt(tp.sndNxt, tp.sndMax)) {
                return true;
            }
        }
        if (recwin > 0 && tp.state.haveEstablished() && windowUpdateDue(tp, recwin)) {
            return true;
        }
        if (tp.ackNow) {
            return true;
        }
        if ((flags & (TcpFlags.SYN | TcpFlags.RST)) != 0) {
            return true;
        }
        // FIN not yet sent, or being retransmitted from snd_una.
        return (flags & TcpFlags.FIN) != 0 && (!tp.finSent || tp.sndNxt == tp.sndUna);
    }

    /**
     * tcp_output's window update. 5.x: adv >= 2 * t_maxseg or 2 * adv >= sb_hiwat. 12.x-14.x
     * (tcp_output.c, docs/research/socket-api.md): never while a delayed ACK is pending or after
     * the peer's FIN, and a 2-MSS advance must also be a quarter of the buffer, or leave at most
     * an eighth open, or the buffer be at most 8 MSS. From 12.0 (UNVERIFIED first release).
     */
    private static boolean windowUpdateDue(TcpConnection tp, int recwin) {
        long maxWin = (long) TcpConstants.MAXWIN << tp.opts.rcvScale;
        long adv = Math.min(recwin, maxWin) - (tp.rcvAdv - tp.rcvNxt);
        long hiwat = tp.rcvHiwat;
        if (tp.stack.profile().major() < 12) {
            return adv >= 2L * tp.maxseg || 2 * adv >= hiwat;
        }
        if (tp.delayedAckPending || tp.state.haveReceivedFin() || adv <= 0) {
            return false;
        }
        if (adv >= 2L * tp.maxseg && (adv >= hiwat / 4 || recwin <= hiwat / 8 || hiwat <= 8L * tp.maxseg
                || adv >= maxWin)) {
            return true;
        }
        return 2 * adv >= hiwat;
    }

    /**
     * sbspace(so_rcv) capped at TCP_MAXWIN << rcv_scale, never shrinking the advertised right
     * edge. Data in the reassembly queue is not in so_rcv and does not count (the suite's
     * overlapping-*.pkt: 99 bytes read-pending and 300 queued out of order still advertise 65535).
     */
    static int receiveWindow(TcpConnection tp) {
        long space = tp.rcvHiwat - tp.receiveBuffered;
        if (space < tp.rcvHiwat / 4 && space < tp.maxseg) {
            space = 0;
        }
        space = Math.min(space, (long) TcpConstants.MAXWIN << tp.opts.rcvScale);
        if (tp.state.haveReceivedSyn() && space < tp.rcvAdv - tp.rcvNxt) {
            space = tp.rcvAdv - tp.rcvNxt;
        }
        return (int) Math.max(0, space);
    }

    /** Sends one segment; true when the options cut its data short (tcp_output's sendalot). */
    private static boolean send(TcpConnection tp, int len, int flags, int recwin, int off, boolean persisting,
                                boolean fromTimer) {
        boolean retransmission = Seq.lt(tp.sndNxt, tp.sndMax);
        if ((flags & TcpFlags.SYN) != 0 && tp.state == TcpState.SYN_SENT) {
            flags |= TcpEcn.synSentFlags(tp);
        }
        flags = TcpEcn.outputFlags(tp, flags);
        TcpOptions options = tp.opts.forOutput(tp, flags);
        int room = tp.opts.segmentRoom(tp);
        boolean trimmed = len > 0 && len + options.length() > room;
        if (trimmed) {
            // "Adjust data length if insertion of options will bump the packet length beyond
            // the t_maxseg length. Clear the FIN bit because we cut off the tail."
            len = Math.max(0, room - options.length());
            flags &= ~TcpFlags.FIN;
            // No room at all for data (a tiny MSS): send what fits and do not loop on it.
            trimmed = len > 0;
        }
        if ((flags & TcpFlags.FIN) != 0 && tp.finSent && tp.sndNxt == tp.sndMax) {
            tp.sndNxt--;
        }
        int seq = (len > 0 || (flags & (TcpFlags.SYN | TcpFlags.FIN)) != 0 || persisting) ? tp.sndNxt : tp.sndMax;
        if (len > 0 && off + len == tp.sendBuffered()) {
            flags |= TcpFlags.PUSH;
        }
        int ack = tp.rcvNxt;
        if ((flags & TcpFlags.ACK) == 0) {
            ack = 0;
        }
        Origin origin;
        if (fromTimer || retransmission) {
            origin = Origin.TCP_TIMER;
        } else if (len > 0 || (flags & (TcpFlags.SYN | TcpFlags.FIN)) != 0) {
            origin = Origin.APPLICATION;
        } else {
            origin = Origin.TCP;
        }
        int tos = tp.ipTos | TcpEcn.ipCodepoint(tp, len, retransmission);
        Packet.Builder segment = Packet.tcp(tp.localAddress, tp.localPort, tp.foreignAddress, tp.foreignPort)
                .flow(tp.flow).seq(seq).ack(ack).flags(flags).window(tp.opts.windowField(tp, flags, recwin)).payloadLength(len)
                .options(options).ttl(tp.ttl()).tos(tos).dontFragment(true).origin(origin);

        if (!tp.forceOne || !persisting) {
            int startSeq = tp.sndNxt;
            if ((flags & TcpFlags.SYN) != 0) {
                tp.sndNxt++;
            }
            if ((flags & TcpFlags.FIN) != 0) {
                tp.sndNxt++;
                tp.finSent = true;
            }
            tp.sndNxt += len;
            if (Seq.gt(tp.sndNxt, tp.sndMax)) {
                tp.sndMax = tp.sndNxt;
                if (!tp.timing) {
                    tp.timing = true;
                    tp.rttStartMs = tp.nowMs();
                    tp.rttSeq = startSeq;
                }
            }
            if (!tp.armed(TimerKind.REXMT) && tp.sndNxt != tp.sndUna) {
                if (tp.armed(TimerKind.PERSIST)) {
                    tp.disarm(TimerKind.PERSIST);
                    tp.rxtShift = 0;
                }
                tp.arm(TimerKind.REXMT, tp.rxtCurMs);
            }
        } else if (Seq.gt(tp.sndNxt + len, tp.sndMax)) {
            tp.sndMax = tp.sndNxt + len;
        }
        if (recwin > 0 && Seq.gt(tp.rcvNxt + recwin, tp.rcvAdv)) {
            tp.rcvAdv = tp.rcvNxt + recwin;
        }
        tp.lastAckSent = tp.rcvNxt;
        tp.rxWin0Sent = recwin == 0;
        tp.ackNow = false;
        tp.delayedAckPending = false;
        tp.disarm(TimerKind.DELACK);
        tp.host.send(segment.build());
        ReceiveSack.afterSend(tp);
        return trimmed;
    }

    /**
     * tcp_drop on a synchronized connection: tcp_output from CLOSED sends RST|ACK at snd_nxt.
     * 14.x tcp_output.c: "If a RST segment is sent, advertise a window of zero" (recwin = 0);
     * the suite's scripts show "R. ... win 0" for every RST. Before 14.x the window is the
     * ordinary receive window (the first release with the zero window is UNVERIFIED: only the
     * 14.x file was read, so older profiles keep the old computation).
     */
    static void sendResetFromClosed(TcpConnection tp) {
        int flags = TcpFlags.RST | TcpFlags.ACK;
        int window = tp.stack.profile().major() >= 14 ? 0 : tp.opts.windowField(tp, flags, receiveWindow(tp));
        respond(tp, tp.sndNxt, tp.rcvNxt, flags, window, Origin.APPLICATION);
    }

    /**
     * tcp_timer_keep's probe: tcp_respond(tp, template, NULL, rcv_nxt, snd_una - 1, 0), which
     * forces TH_ACK and carries no data (model §5, tcp_timer.c).
     */
    static void sendKeepaliveProbe(TcpConnection tp) {
        respond(tp, tp.sndUna - 1, tp.rcvNxt, TcpFlags.ACK, Origin.TCP_TIMER);
    }

    /** RFC 5961 challenge ACK: tcp_respond(tp, ..., rcv_nxt, snd_nxt, TH_ACK); last_ack_sent = rcv_nxt. */
    static void sendChallengeAck(TcpConnection tp) {
        respond(tp, tp.sndNxt, tp.rcvNxt, TcpFlags.ACK, Origin.TCP);
        tp.lastAckSent = tp.rcvNxt;
    }

    /**
     * tcp_respond for a connection: a bare segment with the given numbers, a timestamp where the
     * release puts one ({@link TcpOptionState#forRespond}), the current receive window scaled by
     * rcv_scale, the default TTL and DF (path MTU discovery).
     */
    private static void respond(TcpConnection tp, int seq, int ack, int flags, Origin origin) {
        respond(tp, seq, ack, flags, tp.opts.windowField(tp, flags, receiveWindow(tp)), origin);
    }

    private static void respond(TcpConnection tp, int seq, int ack, int flags, int window, Origin origin) {
        Packet segment = Packet.tcp(tp.localAddress, tp.localPort, tp.foreignAddress, tp.foreignPort)
                .seq(seq).ack(ack).flags(flags).window(window)
                .options(tp.opts.forRespond(tp, flags))
                .ttl(tp.ttl()).tos(tp.ipTos).dontFragment(true).origin(origin).build();
        tp.host.send(segment);
    }
}
