package dev.scn.engine.kernel;

/**
 * Something that happens at one instant of simulated time.
 *
 * <p>Events are objects the simulator schedules and runs. A subclass may be rescheduled any
 * number of times (a TCP timer is one object for the life of its connection), so arming,
 * re-arming and cancelling allocate nothing: the event remembers its slot in the queue.
 */
public abstract class Event {
    /** When the event is due, and its place among events due at the same instant. */
    long time;
    long sequence;
    /**
     * The key the event sits under in the future-event set: its due key, or an earlier one when
     * it was moved later without touching the queue (see {@link Simulator#schedule}).
     */
    long queuedTime;
    long queuedSequence;
    int heapIndex = -1;
    /** Neighbours in a {@link TimingWheelEvents} slot, null when not in one. */
    Event slotNext;
    Event slotPrev;
    /** Trace record id of what scheduled this event (0: not traced). */
    long cause;

    /** Runs the event. {@link Simulator#now()} equals {@link #time()} while it runs. */
    protected abstract void fire();

    public final boolean isScheduled() {
        return heapIndex >= 0;
    }

    /** The instant this event is (or was last) scheduled for, in microseconds. */
    public final long time() {
        return time;
    }

    /** The trace record that caused the scheduling of this event, 0 when not traced. */
    public final long cause() {
        return cause;
    }
}
