package dev.scn.engine.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * The reassembly queue (t_segq): out-of-order data held, as exact, sorted, non-overlapping
 * sequence ranges, until the gap before it is filled. Payload bytes are not modelled.
 *
 * <p>{@link #add} follows tcp_reass of the 2018 rewrite (12.x-14.x; the 13.x-era
 * tcp_reass.c was read, docs/research/freebsd-sources-6-sack.md): a segment that continues the last
 * entry is appended (its overlap trimmed), one ahead of the first entry is prepended, one inside
 * an entry is a duplicate, one covering an entry replaces it and swallows what it overlaps after
 * it; a segment at rcv_nxt that touches nothing goes straight to the socket ("new_entry"). It
 * reports, as tcp_reass does through seq_start/tlenp, the range of the queue entry that now holds
 * the segment: tcp_input uses it to choose between a SACK and a D-SACK update. Queued bytes are
 * not in so_rcv and do not narrow the advertised window (tcp_output's recwin is sbspace(so_rcv)).
 */
final class Reassembly {
    /** net.inet.tcp.reass.maxqlen of 5.x tcp_input.c: segments queued per connection at most. */
    static final int MAX_QUEUE = 48;

    /** One queue entry: tqe_start, tqe_len and the FIN flag of tqe_flags. */
    private static final class Entry {
        int start;
        int len;
        boolean fin;

        Entry(int start, int len, boolean fin) {
            this.start = start;
            this.len = len;
            this.fin = fin;
        }

        int end() {
            return start + len;
        }
    }

    /**
     * What tcp_reass returned: the length it left in *tlenp and the start in *seq_start (the
     * queue entry holding the segment, or the segment itself), the bytes delivered to the socket
     * at rcv_nxt, and whether a FIN was reached.
     */
    record Result(int seqStart, int tlen, long delivered, boolean fin) {
    }

    private final List<Entry> queue = new ArrayList<>();

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The queued ranges, lowest first, as {start, end}. */
    List<int[]> ranges() {
        List<int[]> out = new ArrayList<>(queue.size());
        for (Entry e : queue) {
            out.add(new int[] {e.start, e.end()});
        }
        return out;
    }

    void clear() {
        queue.clear();
    }

    /**
     * tcp_reass(tp, th, &seq_start, &tlen, m) for a segment already trimmed to the window, with
     * seq at or beyond rcv_nxt.
     *
     * @param established TCPS_HAVEESTABLISHED: before it, nothing is presented to the socket
     */
    Result add(int rcvNxt, boolean established, int seq, int tlen, boolean fin) {
        if (tlen == 0 && !fin) {
            return new Result(seq, 0, 0, false); // "a zero length segment does no one any good"
        }
        if (queue.isEmpty()) {
            return newEntry(rcvNxt, established, -1, seq, tlen, fin);
        }
        Entry last = queue.get(queue.size() - 1);
        if (fin && Seq.lt(seq + tlen, last.end())) {
            return dropped(seq); // a FIN before data already queued: "someone is trying to game us"
        }
        if (Seq.geq(seq, last.start) && Seq.geq(last.end(), seq)) {
            // Continues (or lies inside) the last entry.
            if (Seq.gt(last.end(), seq)) {
                int overlap = last.end() - seq;
                if (overlap >= tlen) {
                    return new Result(last.start, last.len, 0, false); // complete overlap
                }
                seq += overlap;
                tlen -= overlap;
            }
            if (last.fin) {
                return dropped(seq); // data after the FIN
            }
            last.len += tlen;
            last.fin |= fin;
            return new Result(last.start, last.len, 0, false);
        }
        if (Seq.gt(seq, last.end())) {
            if (last.fin) {
                return dropped(seq);
            }
            return newEntry(rcvNxt, established, queue.size() - 1, seq, tlen, fin);
        }
        Entry first = queue.get(0);
        int segEnd = seq + tlen;
        if (Seq.lt(seq, first.start) && Seq.geq(segEnd, first.start) && Seq.lt(segEnd, first.end())) {
            prepend(first, seq, tlen);
            return present(rcvNxt, established, first.start, first.len);
        }
        if (Seq.lt(segEnd, first.start)) {
            return newEntry(rcvNxt, established, -1, seq, tlen, fin);
        }
        return overlapping(rcvNxt, established, seq, tlen, fin);
    }

    /** The full walk of tcp_reass: the segment overlaps or touches entries in the middle of the queue. */
    private Result overlapping(int rcvNxt, boolean established, int seq, int tlen, boolean fin) {
        int qi = 0;
        while (qi < queue.size() && !Seq.gt(queue.get(qi).start, seq)) {
            qi++;
        }
        // The segment starts before the last entry, so some entry q begins after it.
        Entry q = queue.get(qi);
        Entry p = qi > 0 ? queue.get(qi - 1) : null;
        if (Seq.lt(seq + tlen, q.start) && (p == null || Seq.gt(seq, p.end()))) {
            return newEntry(rcvNxt, established, qi - 1, seq, tlen, fin); // fits in a gap
        }
        int holder;
        if (p != null && Seq.leq(seq, p.end())) {
            int overlap = p.end() - seq;
            if (overlap >= tlen) {
                return new Result(p.start, p.len, 0, false); // inside p: a duplicate
            }
            seq += overlap;
            tlen -= overlap;
            p.len += tlen; // now dovetails with p: append
            p.fin |= fin;
            holder = qi - 1;
        } else if (Seq.geq(seq + tlen, q.end())) {
            q.start = seq; // covers q: tcp_reass_replace
            q.len = tlen;
            q.fin = fin;
            holder = qi;
        } else {
            prepend(q, seq, tlen);
            holder = qi;
        }
        mergeForward(holder);
        Entry h = queue.get(holder);
        return present(rcvNxt, established, h.start, h.len);
    }

    /** tcp_reass_prepend: the new data goes in front of e, e's overlapped head is trimmed; e's FIN stays. */
    private static void prepend(Entry e, int seq, int tlen) {
        int segEnd = seq + tlen;
        if (Seq.gt(segEnd, e.start)) {
            int overlap = segEnd - e.start;
            e.start += overlap;
            e.len -= overlap;
        }
        e.len += tlen;
        e.start = seq;
    }

    /** tcp_reass_merge_forward: entries after the holder that it reaches are swallowed or trimmed and merged. */
    private void mergeForward(int holder) {
        Entry ent = queue.get(holder);
        while (holder + 1 < queue.size()) {
            Entry q = queue.get(holder + 1);
            int max = ent.end();
            if (Seq.gt(q.start, max)) {
                break;
            }
            queue.remove(holder + 1);
            if (Seq.geq(max, q.end())) {
                continue; // consumed entirely (its FIN flag goes with it, as in the kernel)
            }
            int overlap = max - q.start;
            ent.len += q.len - overlap;
            ent.fin |= q.fin;
        }
    }

    /**
     * new_entry: at rcv_nxt on an established connection the segment goes to the socket at once;
     * otherwise a new queue entry after index {@code after} (-1: at the head), unless the queue
     * is full.
     */
    private Result newEntry(int rcvNxt, boolean established, int after, int seq, int tlen, boolean fin) {
        if (seq == rcvNxt && established) {
            return new Result(seq, tlen, tlen, fin);
        }
        if (queue.size() >= MAX_QUEUE) {
            return dropped(seq);
        }
        queue.add(after + 1, new Entry(seq, tlen, fin));
        return present(rcvNxt, established, seq, tlen);
    }

    /** tcp_reass with no segment (th == NULL): the bytes now presentable at rcv_nxt. */
    long presentQueued(int rcvNxt) {
        return present(rcvNxt, true, rcvNxt, 0).delivered();
    }

    /** present: deliver the entries that now start at rcv_nxt. */
    private Result present(int rcvNxt, boolean established, int seqStart, int tlen) {
        if (!established || queue.isEmpty() || queue.get(0).start != rcvNxt) {
            return new Result(seqStart, tlen, 0, false);
        }
        long delivered = 0;
        boolean fin = false;
        int next = rcvNxt;
        while (!queue.isEmpty() && queue.get(0).start == next) {
            Entry e = queue.remove(0);
            next += e.len;
            delivered += e.len;
            fin = e.fin;
        }
        return new Result(seqStart, tlen, delivered, fin);
    }

    private static Result dropped(int seq) {
        return new Result(seq, 0, 0, false);
    }
}
