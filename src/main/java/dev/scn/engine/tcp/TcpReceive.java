package dev.scn.engine.tcp;

import dev.scn.engine.tcp.TcpConnection.TimerKind;
import dev.scn.engine.net.TcpFlags;

/**
 * The data step of tcp_input (tcp_do_segment, "Process the segment text"): where received bytes
 * go (socket or reassembly queue), whether their ACK waits for the delayed-ACK callout, and the
 * SACK report update that follows. docs/research/freebsd-sources-6-sack.md.
 */
final class TcpReceive {
    private TcpReceive() {
    }

    /**
     * tcp_input's data step: a segment at rcv_nxt with nothing queued goes to the socket and its
     * ACK may be delayed; anything else goes through tcp_reass and is acknowledged at once
     * (TF_ACKNOW), "so fast retransmit can work" - an out-of-order segment, and the one that
     * fills a hole, get an immediate ACK. Then the SACK report is updated ({@link ReceiveSack}).
     *
     * @return whether a FIN was reached (in this segment, or at the end of the reassembled data)
     */
    static boolean segmentText(TcpConnection tp, boolean predicted, int flags, int seq, int tlen) {
        int saveStart = seq;
        int saveRcvNxt = tp.rcvNxt;
        boolean fin = (flags & TcpFlags.FIN) != 0;
        int tlenAfter;
        if (seq == tp.rcvNxt && tp.reassembly.isEmpty() && tp.state.haveEstablished()) {
            if (tlen > 0 && delayAck(tp, tlen)) {
                tp.delayedAckPending = true;
                tp.arm(TimerKind.DELACK, tp.stack.delAckMs());
            } else {
                tp.ackNow = true;
            }
            tp.rcvNxt += tlen;
            deliver(tp, tlen);
            tlenAfter = tlen;
            if (predicted) {
                // tcp_input's header prediction took this pure in-sequence data segment: it only
                // cleans the receiver's SACK report (tcp_clean_sackreport).
                tp.sackBlocks.clear();
                return fin;
            }
        } else {
            Reassembly.Result r = tp.reassembly.add(tp.rcvNxt, tp.state.haveEstablished(), seq, tlen, fin);
            tp.rcvNxt += (int) r.delivered();
            deliver(tp, r.delivered());
            fin = r.fin();
            tlenAfter = r.tlen();
            tp.ackNow = true;
        }
        ReceiveSack.afterData(tp, saveStart, saveRcvNxt, tlen, tlenAfter);
        return fin;
    }


    /**
     * DELAY_ACK: delay when the delayed-ACK callout is not already running (every second segment
     * is ACKed) and the last window we sent was not zero (TF_RXWIN0SENT, already in 5.x); from
     * the 13.x-era text on, also only for a segment of at most t_maxseg bytes (an LRO aggregate is
     * ACKed at once; the first release with that test is UNVERIFIED, modelled from 13).
     */
    private static boolean delayAck(TcpConnection tp, int tlen) {
        if (tp.stack.profile().major() >= 13 && tlen > tp.maxseg) {
            return false;
        }
        return tp.stack.delayedAckEnabled() && !tp.armed(TimerKind.DELACK) && !tp.rxWin0Sent;
    }

    /** tcp_reass(tp, NULL, ...): present what the queue holds at rcv_nxt, once established. */
    static void presentQueued(TcpConnection tp) {
        long delivered = tp.reassembly.presentQueued(tp.rcvNxt);
        tp.rcvNxt += (int) delivered;
        deliver(tp, delivered);
    }

    private static void deliver(TcpConnection tp, long bytes) {
        if (bytes <= 0) {
            return;
        }
        if (tp.cantRcvMore) {
            // The process shut its receive side; the bytes are acknowledged and thrown away.
            return;
        }
        tp.receiveBuffered += bytes;
        TcpSocket socket = tp.socket;
        if (socket != null) {
            socket.application().readable(socket);
            if (socket.autoRead() && tp.receiveBuffered > 0) {
                // A process blocked in read() takes whatever its application left.
                tp.receiveBuffered = 0;
            }
        }
    }
}
