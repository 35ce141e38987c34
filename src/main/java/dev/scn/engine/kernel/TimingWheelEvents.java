package dev.scn.engine.kernel;

/**
 * The future-event set the simulator uses: a timing wheel of one-microsecond slots for the near
 * future, a ring of coarse buckets (each one wheel turn wide) for the next quarter of an hour or
 * so, and a {@link QuaternaryHeapEvents} for everything beyond.
 *
 * <p>Why a wheel: most of a simulation's events are due within a fraction of a second (a
 * packet's arrival after the link delay, a delayed ACK, the next client of a traffic mix), and
 * many fall on the same microsecond. The wheel covers {@code slots} consecutive microseconds
 * from the last instant taken out; each slot holds the events of exactly one instant as a
 * list in sequence order. Since sequences grow with every scheduling, a new event
 * almost always belongs at the tail of its slot, so adding, removing and taking the earliest are
 * constant-time; a two-level bitmap finds the next occupied slot without walking empty ones.
 *
 * <p>Why the buckets: the next tier of timers is seconds to minutes ahead and just as regular
 * (TIME_WAIT's 2MSL, ipfw's one-second tick, FIN_WAIT_2's and the syncache's timers), one or more
 * per connection; in a heap each costs a sift through thousands of entries. A bucket holds, in
 * no order, the events of one turn-wide stretch of time; before the earliest event is chosen,
 * a bucket whose stretch has begun is emptied into the wheel, which then orders its events
 * exactly. The heap only sees events too far ahead even for the buckets (keepalive, a long
 * idle timer), and the earliest event is the earlier of the wheel's and the heap's heads, so
 * the order stays exactly (time, sequence).
 */
final class TimingWheelEvents implements FutureEvents {
    /** {@link Event#heapIndex} at or above this: the event is in the wheel, in slot (index - mark). */
    private static final int IN_WHEEL = 1 << 30;
    /** {@link Event#heapIndex} in [this, IN_WHEEL): the event is in a coarse bucket, ring slot (index - mark). */
    private static final int IN_BUCKET = 1 << 29;
    /** Default number of coarse buckets: 4096 turns of 262 ms, about 18 minutes. */
    static final int DEFAULT_BUCKETS = 1 << 12;
    /** Default span: 2^18 µs (262 ms) covers link delays, delayed ACKs and arrivals. */
    static final int DEFAULT_SLOTS = 1 << 18;

    private final int mask;
    /**
     * Each slot's events in sequence order, linked through the events: slot s's first event at
     * 2s and its last at 2s + 1, in one cache line.
     */
    private final Event[] ends;
    /** Bit s: slot s is occupied. */
    private final long[] occupied;
    /** Bit w: word w of {@link #occupied} is not zero. */
    private final long[] occupiedWords;
    private final QuaternaryHeapEvents later = new QuaternaryHeapEvents();
    private final CoarseBuckets buckets;
    /** log2(slots): an event's coarse bucket is its time shifted right by this. */
    private final int shift;
    private int inWheel;
    /**
     * The last instant taken out, or the start of the last bucket poured if later: every event in
     * the wheel is due in [cursor, cursor + slots), every event in a bucket after the cursor's.
     */
    private long cursor;
    /** No wheel slot before this instant is occupied; never before the cursor. */
    private long scan;
    /** The earliest event, when known (null: to be found). */
    private Event first;

    TimingWheelEvents() {
        this(DEFAULT_SLOTS, DEFAULT_BUCKETS);
    }

    /**
     * A wheel of {@code slots} microseconds (a power of two, at least 4096) and {@code buckets}
     * coarse buckets of that width each (a power of two, at least 2).
     */
    TimingWheelEvents(int slots, int buckets) {
        if (Integer.bitCount(slots) != 1 || slots < 4096 || slots >= IN_BUCKET) {
            throw new IllegalArgumentException("slots must be a power of two in [4096, 2^29): " + slots);
        }
        mask = slots - 1;
        shift = Integer.numberOfTrailingZeros(slots);
        this.buckets = new CoarseBuckets(buckets, IN_BUCKET);
        ends = new Event[2 * slots];
        occupied = new long[slots >>> 6];
        occupiedWords = new long[Math.max(1, slots >>> 12)];
    }

    @Override
    public int size() {
        return inWheel + buckets.size() + later.size();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public Event peek() {
        if (first != null) {
            return first;
        }
        while (true) {
            Event wheel = inWheel == 0 ? null : firstInWheel();
            Event heap = later.peek();
            Event earliest = heap == null || (wheel != null && before(wheel, heap)) ? wheel : heap;
            long bucket = buckets.isEmpty() ? Long.MAX_VALUE : buckets.lowest(cursor >> shift);
            if (bucket == Long.MAX_VALUE || (earliest != null && bucket << shift > earliest.queuedTime)) {
                first = earliest;
                return first;
            }
            // A bucket whose stretch begins no later than the earliest event known: its events
            // may come first, so into the wheel with them, then look again.
            pour(bucket);
        }
    }

    /**
     * Empties a bucket into the wheel. Nothing is due before its stretch begins (the caller
     * checked), so the cursor may move there, and the whole stretch is then within one turn.
     */
    private void pour(long bucket) {
        cursor = Math.max(cursor, bucket << shift);
        if (scan < cursor) {
            scan = cursor;
        }
        for (Event event = buckets.takeAll(bucket); event != null; ) {
            Event next = event.slotNext;
            link(event);
            event = next;
        }
    }

    @Override
    public void add(Event event) {
        long time = event.queuedTime;
        if (time >= cursor && time - cursor <= mask) {
            link(event);
        } else if (time >= cursor && buckets.accepts(time >> shift, cursor >> shift)) {
            buckets.add(event, time >> shift);
            if (first != null && (time >> shift) << shift <= first.queuedTime) {
                first = null; // its bucket is to be poured before the earliest is known
            }
            return;
        } else {
            later.add(event);
        }
        if (first != null && before(event, first)) {
            first = event;
        }
    }

    @Override
    public Event poll() {
        Event earliest = peek();
        if (earliest == null) {
            return null;
        }
        take(earliest);
        // Never back: an event added behind a poured bucket's stretch went to the heap.
        cursor = Math.max(cursor, earliest.queuedTime);
        if (scan < cursor) {
            scan = cursor;
        }
        first = null;
        return earliest;
    }

    @Override
    public void remove(Event event) {
        if (event.heapIndex < 0) {
            return;
        }
        take(event);
        if (event == first) {
            first = null;
        }
    }

    @Override
    public void update(Event event) {
        if (event.heapIndex >= 0) {
            remove(event);
            add(event);
        }
    }

    private void take(Event event) {
        if (event.heapIndex >= IN_WHEEL) {
            unlink(event);
        } else if (event.heapIndex >= IN_BUCKET) {
            buckets.remove(event);
        } else {
            later.remove(event);
        }
    }

    /** Puts the event into its instant's slot, keeping the slot in sequence order. */
    private void link(Event event) {
        int slot = (int) (event.queuedTime & mask);
        int head = slot << 1;
        // The bitmap (in cache) first: a slot no event has touched for a whole turn is then
        // only written, never read, and the write does not wait for the line to arrive.
        if ((occupied[slot >>> 6] & (1L << slot)) == 0) {
            ends[head] = event;
            ends[head + 1] = event;
            event.slotPrev = null;
            event.slotNext = null;
            occupied[slot >>> 6] |= 1L << slot;
            occupiedWords[slot >>> 12] |= 1L << (slot >>> 6);
        } else {
            Event tail = ends[head + 1];
            if (tail.queuedSequence < event.queuedSequence) {
                // the usual case: scheduled after everything already due at that instant
                tail.slotNext = event;
                event.slotPrev = tail;
                event.slotNext = null;
                ends[head + 1] = event;
            } else {
                insertBefore(slot, tail, event);
            }
        }
        event.heapIndex = IN_WHEEL + slot;
        inWheel++;
        if (event.queuedTime < scan) {
            scan = event.queuedTime;
        }
    }

    /** An event re-keyed under an older sequence: walks back from the tail to its place. */
    private void insertBefore(int slot, Event tail, Event event) {
        long sequence = event.queuedSequence;
        Event next = tail;
        while (next.slotPrev != null && next.slotPrev.queuedSequence > sequence) {
            next = next.slotPrev;
        }
        Event previous = next.slotPrev;
        event.slotNext = next;
        event.slotPrev = previous;
        next.slotPrev = event;
        if (previous == null) {
            ends[slot << 1] = event;
        } else {
            previous.slotNext = event;
        }
    }

    private void unlink(Event event) {
        int slot = event.heapIndex - IN_WHEEL;
        Event previous = event.slotPrev;
        Event next = event.slotNext;
        if (previous == null) {
            ends[slot << 1] = next;
        } else {
            previous.slotNext = next;
        }
        if (next == null) {
            ends[(slot << 1) + 1] = previous;
        } else {
            next.slotPrev = previous;
        }
        if (previous == null && next == null) {
            int word = slot >>> 6;
            occupied[word] &= ~(1L << slot);
            if (occupied[word] == 0) {
                occupiedWords[word >>> 6] &= ~(1L << word);
            }
        }
        event.slotNext = null;
        event.slotPrev = null;
        event.heapIndex = -1;
        inWheel--;
    }

    /**
     * The head of the first occupied slot from {@link #scan} on, going round the wheel once. The
     * wheel's events lie within one turn from the cursor, so the first slot found in turn order
     * is the earliest instant, and {@code scan} moves up to it.
     */
    private Event firstInWheel() {
        int start = (int) (scan & mask);
        int slot = nextOccupied(start);
        scan += (slot - start) & mask;
        return ends[slot << 1];
    }

    /** The first occupied slot at or after {@code start} in turn order; the wheel is not empty. */
    private int nextOccupied(int start) {
        int word = start >>> 6;
        long bits = occupied[word] & (-1L << start);
        if (bits != 0) {
            return (word << 6) | Long.numberOfTrailingZeros(bits);
        }
        int group = word >>> 6;
        long groupBits = occupiedWords[group] & (-2L << (word & 63));
        int groups = occupiedWords.length;
        // The last turn comes back to the start's group whole: the words before the start's, and
        // the start word's slots before the start, are a whole turn ahead.
        for (int turn = 0; turn <= groups; turn++) {
            if (groupBits != 0) {
                int found = (group << 6) | Long.numberOfTrailingZeros(groupBits);
                return (found << 6) | Long.numberOfTrailingZeros(occupied[found]);
            }
            group = group + 1 == groups ? 0 : group + 1;
            groupBits = occupiedWords[group];
        }
        throw new IllegalStateException("no occupied slot in a wheel holding " + inWheel + " events");
    }

    private static boolean before(Event a, Event b) {
        return a.queuedTime < b.queuedTime || (a.queuedTime == b.queuedTime && a.queuedSequence < b.queuedSequence);
    }
}
