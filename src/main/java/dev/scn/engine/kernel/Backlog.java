package dev.scn.engine.kernel;

/**
 * Work the simulator owes at known instants that needs no event of its own: what the fast way
 * replays of a connection it did not simulate packet by packet (counters, charts, table updates
 * that commute with everything else at their instant). The loop runs every item due at or before
 * an event's time before that event, with the clock at the item's time, and every item due at or
 * before the end when the run ends; so whatever an event or an observation reads was brought up to
 * date first, and times never go backwards.
 */
public interface Backlog {
    /** The time of the earliest item, or {@link Long#MAX_VALUE} when there is none. */
    long nextTime();

    /** Runs the earliest item (the clock is at {@link #nextTime()}); it may not schedule events. */
    void runNext();
}
