package dev.scn.engine.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * The receiver's SACK report: tcpcb's sackblks[MAX_SACK_BLKS] and rcv_numsacks, kept as
 * FreeBSD's tcp_sack.c keeps them. Block 0 is the most recent (or, right after a duplicate, the
 * D-SACK block of RFC 2883, which lies at or below rcv_nxt or inside an already reported block);
 * the others follow in the order they arrived.
 *
 * <p>Sources (docs/research/freebsd-sources-6-sack.md): tcp_sack.c of the 13.x era, functions
 * tcp_update_sack_list, tcp_update_dsack_list, tcp_clean_dsack_blocks, tcp_clean_sackreport (the
 * 14.x file is not in the index; the behaviour is checked against the 145 rcv-data-segments
 * scripts of FreeBSD's TCP test suite, which run on main/14). Releases before D-SACK use the
 * older tcp_update_sack_list of the 2012 8.x file ({@link #updateClassic}).
 */
final class SackBlocks {
    /** MAX_SACK_BLKS (tcp.h): blocks stored at the receiver. */
    static final int MAX_SACK_BLKS = 6;
    /** TCP_MAX_SACK (tcp.h): blocks sent in any segment at most. */
    static final int TCP_MAX_SACK = 4;

    private final int[] starts = new int[MAX_SACK_BLKS];
    private final int[] ends = new int[MAX_SACK_BLKS];
    private int count;

    int count() {
        return count;
    }

    /** The stored blocks, first to last, as {start, end} pairs (end exclusive). */
    List<int[]> blocks() {
        List<int[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new int[] {starts[i], ends[i]});
        }
        return out;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    /** tcp_clean_sackreport: forget every block. */
    void clear() {
        count = 0;
        java.util.Arrays.fill(starts, 0);
        java.util.Arrays.fill(ends, 0);
    }

    /**
     * tcp_update_sack_list (13.x/14.x): the segment [start, end) was received. A block at or
     * below rcv_nxt (a D-SACK from the left-edge trim) is accepted as block 0; an empty range
     * whose end equals block 0's end keeps block 0 (the D-SACK recorded at "todrop").
     */
    void update(int rcvNxt, int rcvStart, int rcvEnd) {
        int headStart;
        int headEnd;
        if (rcvStart == rcvEnd && count >= 1 && rcvEnd == ends[0]) {
            headStart = starts[0];
            headEnd = ends[0];
        } else {
            headStart = rcvStart;
            headEnd = rcvEnd;
        }
        int[] savedStart = new int[MAX_SACK_BLKS];
        int[] savedEnd = new int[MAX_SACK_BLKS];
        int saved = 0;
        for (int i = 0; i < count; i++) {
            int start = starts[i];
            int end = ends[i];
            if (Seq.geq(start, end) || Seq.leq(start, rcvNxt)) {
                continue; // stale, or acknowledged by rcv_nxt: discard
            }
            if (Seq.leq(headStart, end) && Seq.geq(headEnd, start)) {
                if (headStart == end) {
                    headStart = start; // adjacent on the left: merge
                } else if (headEnd == start) {
                    headEnd = end; // adjacent on the right: merge
                } else {
                    // Overlap: head keeps the intersection (the duplicate part, a D-SACK),
                    // the union is saved behind it.
                    if (Seq.lt(headStart, start)) {
                        int t = start;
                        start = headStart;
                        headStart = t;
                    }
                    if (Seq.gt(headEnd, end)) {
                        int t = end;
                        end = headEnd;
                        headEnd = t;
                    }
                    if (headStart != start || headEnd != end) {
                        saved = supersede(savedStart, savedEnd, saved, start, end);
                        savedStart[saved] = start;
                        savedEnd[saved] = end;
                        saved++;
                    }
                }
            } else {
                saved = supersede(savedStart, savedEnd, saved, start, end);
                savedStart[saved] = start;
                savedEnd[saved] = end;
                saved++;
            }
        }
        int head = 0;
        if (Seq.lt(rcvStart, rcvEnd)) {
            starts[0] = headStart;
            ends[0] = headEnd;
            head = 1;
            if (saved >= MAX_SACK_BLKS) {
                saved--;
            }
        }
        if (rcvStart == rcvEnd && rcvStart == ends[0]) {
            head = 1;
        }
        copyBack(savedStart, savedEnd, saved, head);
    }

    /** "This block supercedes the prior block": drop the last saved one if it lies inside [start, end]. */
    private static int supersede(int[] savedStart, int[] savedEnd, int saved, int start, int end) {
        if (saved >= 1 && Seq.geq(savedStart[saved - 1], start) && Seq.leq(savedEnd[saved - 1], end)) {
            return saved - 1;
        }
        return saved;
    }

    private void copyBack(int[] savedStart, int[] savedEnd, int saved, int head) {
        for (int i = 0; i < saved; i++) {
            starts[head + i] = savedStart[i];
            ends[head + i] = savedEnd[i];
        }
        count = head + saved;
    }

    /**
     * tcp_update_dsack_list: [start, end) arrived and was (partly) known already. The overlap
     * with the lowest reported block it touches becomes block 0 (the D-SACK), the union of the
     * blocks it touches follows when still above rcv_nxt, then the untouched blocks in order.
     */
    void updateDsack(int rcvNxt, int rcvStart, int rcvEnd) {
        int[] savedStart = new int[MAX_SACK_BLKS];
        int[] savedEnd = new int[MAX_SACK_BLKS];
        if (Seq.lt(rcvEnd, rcvNxt) || (rcvEnd == rcvNxt && count > 0 && ends[0] == rcvNxt)) {
            savedStart[0] = rcvStart; // wholly below rcv_nxt: all of it is a duplicate
            savedEnd[0] = rcvEnd;
        }
        int headStart = 0;
        int headEnd = 0;
        int midStart = rcvStart;
        int midEnd = rcvEnd;
        boolean identical = false;
        for (int i = 0; i < count; i++) {
            int start = starts[i];
            int end = ends[i];
            if (Seq.lt(rcvEnd, start) || Seq.gt(rcvStart, end)) {
                continue; // not touching
            }
            if (Seq.gt(rcvNxt, end)) {
                // A block already acknowledged (an older D-SACK): keep the lowest non-empty overlap.
                int lo = Seq.max(rcvStart, start);
                int hi = Seq.lt(rcvEnd, end) ? rcvEnd : end;
                if (lo != hi && (Seq.gt(headStart, lo) || headStart == headEnd)) {
                    headStart = lo;
                    headEnd = hi;
                }
                continue;
            }
            if ((headStart == headEnd || Seq.lt(start, headStart)) && Seq.gt(end, rcvStart) && Seq.leq(start, rcvEnd)) {
                headStart = start;
                headEnd = end;
            }
            midStart = Seq.lt(midStart, start) ? midStart : start;
            midEnd = Seq.max(midEnd, end);
            if (midStart == start && midEnd == end) {
                identical = true;
            }
        }
        if (Seq.lt(headStart, headEnd)) {
            savedStart[0] = Seq.max(rcvStart, headStart);
            savedEnd[0] = Seq.lt(rcvEnd, headEnd) ? rcvEnd : headEnd;
        }
        int n = 1;
        if ((Seq.lt(rcvNxt, midEnd) && !(midStart == savedStart[0] && midEnd == savedEnd[0])) || identical) {
            savedStart[n] = midStart;
            savedEnd[n++] = midEnd;
        }
        for (int j = 0; j < count && n < MAX_SACK_BLKS; j++) {
            if ((Seq.lt(ends[j], midStart) || Seq.gt(starts[j], midEnd)) && Seq.gt(starts[j], rcvNxt)) {
                savedStart[n] = starts[j];
                savedEnd[n++] = ends[j];
            }
        }
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (Seq.lt(savedStart[i], savedEnd[i])) { // "we can end up with a stale initial entry"
                starts[kept] = savedStart[i];
                ends[kept++] = savedEnd[i];
            }
        }
        count = kept;
    }

    /** tcp_clean_dsack_blocks: after a segment went out, drop blocks at or below rcv_nxt (sent D-SACKs). */
    void cleanDsack(int rcvNxt) {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (Seq.geq(starts[i], ends[i]) || Seq.leq(starts[i], rcvNxt)) {
                continue;
            }
            starts[kept] = starts[i];
            ends[kept++] = ends[i];
        }
        count = kept;
    }

    /**
     * tcp_update_sack_list before D-SACK (tcp_sack.c of 2012, 8.x): blocks at or below rcv_nxt
     * are discarded, blocks touching the segment merge into it, and the merged block goes first
     * when it is above rcv_nxt.
     */
    void updateClassic(int rcvNxt, int rcvStart, int rcvEnd) {
        int headStart = rcvStart;
        int headEnd = rcvEnd;
        int[] savedStart = new int[MAX_SACK_BLKS];
        int[] savedEnd = new int[MAX_SACK_BLKS];
        int saved = 0;
        for (int i = 0; i < count; i++) {
            int start = starts[i];
            int end = ends[i];
            if (Seq.geq(start, end) || Seq.leq(start, rcvNxt)) {
                continue;
            }
            if (Seq.leq(headStart, end) && Seq.geq(headEnd, start)) {
                headStart = Seq.lt(start, headStart) ? start : headStart;
                headEnd = Seq.max(headEnd, end);
            } else {
                savedStart[saved] = start;
                savedEnd[saved++] = end;
            }
        }
        int head = 0;
        if (Seq.gt(headStart, rcvNxt)) {
            starts[0] = headStart;
            ends[0] = headEnd;
            head = 1;
            if (saved >= MAX_SACK_BLKS) {
                saved--;
            }
        }
        copyBack(savedStart, savedEnd, saved, head);
    }
}
