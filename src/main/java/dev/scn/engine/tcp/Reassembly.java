package dev.scn.engine.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * tcp_reass: out-of-order segments held until the gap before them is filled. Only sequence
 * ranges are kept (payload bytes are not modelled).
 */
final class Reassembly {
    /** net.inet.tcp.reass.maxqlen of 5.x tcp_input.c: segments queued per connection at most. */
    static final int MAX_QUEUE = 48;

    private final List<int[]> segments = new ArrayList<>();

    boolean isEmpty() {
        return segments.isEmpty();
    }

    /** Queues [seq, seq+len) (+FIN); false when the queue is full and the segment is dropped. */
    boolean add(int seq, int len, boolean fin) {
        if (segments.size() >= MAX_QUEUE) {
            return false;
        }
        segments.add(new int[] {seq, len, fin ? 1 : 0});
        return true;
    }

    /**
     * Takes the queued data that now follows {@code rcvNxt} contiguously.
     *
     * @return {bytes delivered, 1 if a FIN was reached}
     */
    long[] drain(int rcvNxt) {
        long delivered = 0;
        boolean fin = false;
        boolean progress = true;
        int next = rcvNxt;
        while (progress && !fin) {
            progress = false;
            for (int i = 0; i < segments.size(); i++) {
                int[] s = segments.get(i);
                int end = s[0] + s[1];
                if (Seq.leq(s[0], next) && Seq.gt(end + s[2], next)) {
                    if (Seq.gt(end, next)) {
                        delivered += end - next;
                        next = end;
                    }
                    if (s[2] == 1 && end == next) {
                        fin = true;
                    }
                    segments.remove(i);
                    progress = true;
                    break;
                }
                if (Seq.leq(end, next) && s[2] == 0) {
                    segments.remove(i);
                    progress = true;
                    break;
                }
            }
        }
        return new long[] {delivered, fin ? 1 : 0};
    }

    void clear() {
        segments.clear();
    }
}
