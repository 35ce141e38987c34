package dev.scn.engine.kernel;

/**
 * The future-event set: the events scheduled and not yet run, taken out in the order of the
 * key they were queued under, (queued time, queued sequence). Both live in the {@link Event};
 * the sequence, unique per scheduling, makes the order total, so every implementation runs the same events in the same order and a run's
 * output cannot depend on which one is used.
 *
 * <p>An event knows its slot ({@link Event#heapIndex}, -1 when not queued), which makes remove
 * and re-keying O(log n) without searching and without tombstones.
 */
interface FutureEvents {
    int size();

    boolean isEmpty();

    /** The earliest event, left in place; null when empty. */
    Event peek();

    void add(Event event);

    /** Takes the earliest event out; null when empty. */
    Event poll();

    /** Takes the event out if it is queued here; otherwise nothing. */
    void remove(Event event);

    /** Restores the order after the queued event's queued time and sequence changed in place. */
    void update(Event event);
}
