package dev.scn.engine.kernel;

/**
 * The coarse tier of {@link TimingWheelEvents}: a ring of buckets, bucket {@code b} holding the
 * events due in the b-th stretch of time (one wheel turn wide), linked through the events in no
 * particular order. Buckets ahead of the wheel's own stretch, up to the ring's size, are held;
 * the wheel pours the lowest into itself once its stretch has begun. Adding and removing are
 * constant-time; a bitmap finds the lowest occupied bucket.
 */
final class CoarseBuckets {
    private final int ringMask;
    /** Ring slot r's events: head at 2r, tail at 2r + 1. */
    private final Event[] ends;
    private final long[] occupied;
    /** {@link Event#heapIndex} of an event here: this mark plus its ring slot. */
    private final int mark;
    private int size;
    /** The lowest occupied bucket when known, else -1. */
    private long lowest = -1;

    /** @param ring number of buckets, a power of two, at least 2 */
    CoarseBuckets(int ring, int mark) {
        if (Integer.bitCount(ring) != 1 || ring < 2) {
            throw new IllegalArgumentException("the ring must be a power of two, at least 2: " + ring);
        }
        this.ringMask = ring - 1;
        this.ends = new Event[2 * ring];
        this.occupied = new long[Math.max(1, ring >>> 6)];
        this.mark = mark;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Whether bucket {@code bucket} fits the ring while the wheel is in bucket {@code current}. */
    boolean accepts(long bucket, long current) {
        return bucket > current && bucket - current <= ringMask;
    }

    void add(Event event, long bucket) {
        int r = (int) (bucket & ringMask);
        Event tail = ends[2 * r + 1];
        event.slotNext = null;
        event.slotPrev = tail;
        if (tail == null) {
            ends[2 * r] = event;
            occupied[r >>> 6] |= 1L << r;
        } else {
            tail.slotNext = event;
        }
        ends[2 * r + 1] = event;
        event.heapIndex = mark + r;
        size++;
        if (lowest >= 0 && bucket < lowest) {
            lowest = bucket;
        }
    }

    void remove(Event event) {
        int r = event.heapIndex - mark;
        Event previous = event.slotPrev;
        Event next = event.slotNext;
        if (previous == null) {
            ends[2 * r] = next;
        } else {
            previous.slotNext = next;
        }
        if (next == null) {
            ends[2 * r + 1] = previous;
        } else {
            next.slotPrev = previous;
        }
        if (previous == null && next == null) {
            occupied[r >>> 6] &= ~(1L << r);
            lowest = -1;
        }
        event.slotNext = null;
        event.slotPrev = null;
        event.heapIndex = -1;
        size--;
    }

    /**
     * The lowest occupied bucket; there is one, and every occupied bucket is after
     * {@code current}, within the ring.
     */
    long lowest(long current) {
        if (lowest < 0) {
            int start = (int) ((current + 1) & ringMask);
            int r = nextOccupied(start);
            lowest = current + 1 + ((r - start) & ringMask);
        }
        return lowest;
    }

    /**
     * Empties the bucket and returns its first event, the rest linked by {@link Event#slotNext}
     * (the links are the caller's from here on: it reads the next before it relinks an event).
     */
    Event takeAll(long bucket) {
        int r = (int) (bucket & ringMask);
        Event head = ends[2 * r];
        ends[2 * r] = null;
        ends[2 * r + 1] = null;
        occupied[r >>> 6] &= ~(1L << r);
        for (Event e = head; e != null; e = e.slotNext) {
            e.heapIndex = -1;
            size--;
        }
        lowest = -1;
        return head;
    }

    /** The first occupied ring slot at or after {@code start}, going round once. */
    private int nextOccupied(int start) {
        int words = occupied.length;
        int word = start >>> 6;
        long bits = occupied[word] & (-1L << start);
        for (int turn = 0; turn <= words; turn++) {
            if (bits != 0) {
                return (word << 6) | Long.numberOfTrailingZeros(bits);
            }
            word = word + 1 == words ? 0 : word + 1;
            bits = occupied[word];
        }
        throw new IllegalStateException("no occupied bucket among " + size + " events");
    }
}
