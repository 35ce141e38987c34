package dev.scn.engine.tcp;

import dev.scn.engine.net.Packet;
import dev.scn.engine.net.TcpFlags;

/**
 * Where tcp_input and tcp_output touch the receiver's SACK report ({@link SackBlocks}), release
 * by release. D-SACK (RFC 2883) reporting is in the 13.x-era tcp_input.c/tcp_sack.c and absent
 * from the 2012 8.x tcp_sack.c; it is modelled from 13 on (that 12.x lacks it is UNVERIFIED, no
 * 12.x profile exists). Older releases report plain SACK blocks (tcp_update_sack_list of 8.x).
 * See docs/research/freebsd-sources-6-sack.md.
 */
final class ReceiveSack {
    private ReceiveSack() {
    }

    static boolean dsack(TcpConnection tp) {
        return tp.stack.profile().major() >= 13;
    }

    /**
     * The left-edge trim of tcp_input dropped {@code toDrop} bytes below rcv_nxt starting at
     * {@code seq}: "DSACK - add SACK block for dropped range", and ACK now "as the next
     * in-sequence segment will clear the DSACK block again".
     */
    static void leftEdgeTrimmed(TcpConnection tp, int seq, int toDrop) {
        if (toDrop > 0 && tp.opts.sackPermit && dsack(tp)) {
            tp.sackBlocks.update(tp.rcvNxt, seq, seq + toDrop);
            tp.ackNow = true;
        }
    }

    /**
     * The data step's SACK update, after the segment [saveStart, saveStart + saveTlen) went to
     * the socket or through tcp_reass, which left {@code tlen} (the length of the queue entry now
     * holding the segment, 0 if dropped). 13.x-era tcp_input.c tcp_do_segment: a segment that
     * advanced rcv_nxt re-files the D-SACK recorded at the trim, or updates D-SACK against the
     * blocks it overlaps; an out-of-order one does the same with its own range.
     */
    static void afterData(TcpConnection tp, int saveStart, int saveRcvNxt, int saveTlen, int tlen) {
        if (!tp.opts.sackPermit || saveTlen <= 0) {
            return;
        }
        SackBlocks sack = tp.sackBlocks;
        if (!dsack(tp)) {
            // 8.x-11.x: tcp_update_sack_list(tp, save_start, save_start + tlen) when data remained.
            if (tlen > 0) {
                sack.updateClassic(tp.rcvNxt, saveStart, saveStart + Math.min(tlen, saveTlen));
            }
            return;
        }
        if (tlen == 0 && Seq.lt(saveStart, saveRcvNxt)) {
            sack.update(tp.rcvNxt, saveStart, saveStart + saveTlen);
        } else if (tlen > 0 && Seq.gt(tp.rcvNxt, saveRcvNxt)) {
            if (sack.count() >= 1 && sack.end(0) == saveStart) {
                // Partial overlap, recorded at the trim: keep that D-SACK block first.
                sack.update(tp.rcvNxt, sack.start(0), sack.end(0));
            } else {
                sack.updateDsack(tp.rcvNxt, saveStart, saveStart + saveTlen);
            }
        } else if (tlen >= saveTlen) {
            sack.updateDsack(tp.rcvNxt, saveStart, saveStart + saveTlen);
        } else if (tlen > 0) {
            sack.updateDsack(tp.rcvNxt, saveStart, saveStart + tlen);
        }
    }

    /**
     * tcp_input's header prediction for data, judged as the segment arrives: ESTABLISHED,
     * seq == rcv_nxt, only ACK among SYN/FIN/RST/URG/ACK, snd_nxt == snd_max, the same non-zero
     * window, nothing queued, the ACK at snd_una (nothing new acknowledged), data that fits.
     */
    static boolean headerPredicted(TcpConnection tp, Packet p, long tiwin) {
        int mask = TcpFlags.SYN | TcpFlags.FIN | TcpFlags.RST | TcpFlags.URG | TcpFlags.ACK;
        return tp.opts.sackPermit && p.payloadLength() > 0 && tp.state == TcpState.ESTABLISHED
                && p.seq() == tp.rcvNxt && (p.flags() & mask) == TcpFlags.ACK && tp.sndNxt == tp.sndMax
                && tiwin != 0 && tiwin == tp.sndWnd && p.ack() == tp.sndUna
                && tp.reassembly.isEmpty() && p.payloadLength() <= tp.receiveBufferSize() - tp.receiveBuffered;
    }

    /** tcp_output after a segment went out: "Clean up any DSACK's sent" (tcp_clean_dsack_blocks). */
    static void afterSend(TcpConnection tp) {
        if (tp.opts.sackPermit && tp.state.haveEstablished() && tp.sackBlocks.count() > 0) {
            tp.sackBlocks.cleanDsack(tp.rcvNxt);
        }
    }

}
