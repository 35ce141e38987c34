package dev.scn.engine.kernel;

/**
 * The future-event set the simulator uses: a timing wheel of 16-microsecond slots for the near
 * future, and a {@link QuaternaryHeapEvents} for everything beyond it.
 *
 * <p>Why a wheel: most of a simulation's events are due within a fraction of a second (a
 * packet's arrival after the link delay, a delayed ACK, the next client of a traffic mix), and
 * many fall on the same microsecond. The wheel covers {@code slots} consecutive slots of
 * {@code 2^slotShift} microseconds from the slot of the last instant taken out; each slot holds
 * its events as a list in (time, sequence) order. A new event almost always belongs at the tail
 * of its slot (sequences grow with every scheduling, and a slot rarely holds two instants), so
 * adding, removing and taking the earliest are constant-time; a two-level bitmap finds the next
 * occupied slot without walking empty ones.
 *
 * <p>Why 16 µs and not 1: the slot arrays are what a new event touches, at an instant no event
 * has touched for a whole turn. 2^14 slots of 16 µs span the same 262 ms as 2^18 slots of 1 µs
 * in a sixteenth of the memory, which stays in the core's cache.
 * The heap only sees events too far ahead for the wheel (TIME_WAIT, keepalive, a long
 * retransmission timeout), and the earliest event is the earlier of the two heads, so events
 * never migrate between them and the order stays exactly (time, sequence).
 */
final class TimingWheelEvents implements FutureEvents {
    /** {@link Event#heapIndex} at or above this: the event is in the wheel, in slot (index - mark). */
    private static final int IN_WHEEL = 1 << 30;
    /** Default span: 2^14 slots of 2^4 µs, 262 ms, covers link delays, delayed ACKs and arrivals. */
    static final int DEFAULT_SLOTS = 1 << 14;
    static final int DEFAULT_SLOT_SHIFT = 4;

    private final int mask;
    /** A slot is 2^slotShift microseconds: instant t is in slot number t >> slotShift. */
    private final int slotShift;
    /** Each slot's events in sequence order, linked through the events, first and last. */
    private final Event[] heads;
    private final Event[] tails;
    /** Bit s: slot s is occupied. */
    private final long[] occupied;
    /** Bit w: word w of {@link #occupied} is not zero. */
    private final long[] occupiedWords;
    private final QuaternaryHeapEvents later = new QuaternaryHeapEvents();
    private int inWheel;
    /** The slot number of the last instant taken out: every event in the wheel is in [cursor, cursor + slots). */
    private long cursor;
    /** No wheel slot numbered before this is occupied; never before the cursor. */
    private long scan;
    /** The earliest event, when known (null: to be found). */
    private Event first;

    TimingWheelEvents() {
        this(DEFAULT_SLOTS, DEFAULT_SLOT_SHIFT);
    }

    /** A wheel of {@code slots} slots (a power of two, at least 4096) of 2^slotShift µs each. */
    TimingWheelEvents(int slots, int slotShift) {
        if (Integer.bitCount(slots) != 1 || slots < 4096 || slots >= IN_WHEEL) {
            throw new IllegalArgumentException("slots must be a power of two in [4096, 2^30): " + slots);
        }
        if (slotShift < 0 || slotShift > 20) {
            throw new IllegalArgumentException("slotShift must be in [0, 20]: " + slotShift);
        }
        mask = slots - 1;
        this.slotShift = slotShift;
        heads = new Event[slots];
        tails = new Event[slots];
        occupied = new long[slots >>> 6];
        occupiedWords = new long[Math.max(1, slots >>> 12)];
    }

    @Override
    public int size() {
        return inWheel + later.size();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public Event peek() {
        if (first == null) {
            Event wheel = inWheel == 0 ? null : firstInWheel();
            Event heap = later.peek();
            first = heap == null || (wheel != null && before(wheel, heap)) ? wheel : heap;
        }
        return first;
    }

    @Override
    public void add(Event event) {
        long slotNumber = event.queuedTime >> slotShift;
        if (slotNumber >= cursor && slotNumber - cursor <= mask) {
            link(event, slotNumber);
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
        cursor = earliest.queuedTime >> slotShift;
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
        } else {
            later.remove(event);
        }
    }

    /** Puts the event into its slot, keeping the slot in (time, sequence) order. */
    private void link(Event event, long slotNumber) {
        int slot = (int) (slotNumber & mask);
        Event tail = tails[slot];
        if (tail == null) {
            heads[slot] = event;
            tails[slot] = event;
            event.slotPrev = null;
            event.slotNext = null;
            occupied[slot >>> 6] |= 1L << slot;
            occupiedWords[slot >>> 12] |= 1L << (slot >>> 6);
        } else if (before(tail, event)) {
            // the usual case: scheduled after everything already due in that slot
            tail.slotNext = event;
            event.slotPrev = tail;
            event.slotNext = null;
            tails[slot] = event;
        } else {
            insertBefore(slot, tail, event);
        }
        event.heapIndex = IN_WHEEL + slot;
        inWheel++;
        if (slotNumber < scan) {
            scan = slotNumber;
        }
    }

    /**
     * An event due before the slot's last one (an earlier instant of the slot, or a re-key
     * under an older sequence): walks back from the tail to its place.
     */
    private void insertBefore(int slot, Event tail, Event event) {
        Event next = tail;
        while (next.slotPrev != null && before(event, next.slotPrev)) {
            next = next.slotPrev;
        }
        Event previous = next.slotPrev;
        event.slotNext = next;
        event.slotPrev = previous;
        next.slotPrev = event;
        if (previous == null) {
            heads[slot] = event;
        } else {
            previous.slotNext = event;
        }
    }

    private void unlink(Event event) {
        int slot = event.heapIndex - IN_WHEEL;
        Event previous = event.slotPrev;
        Event next = event.slotNext;
        if (previous == null) {
            heads[slot] = next;
        } else {
            previous.slotNext = next;
        }
        if (next == null) {
            tails[slot] = previous;
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
        return heads[slot];
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
