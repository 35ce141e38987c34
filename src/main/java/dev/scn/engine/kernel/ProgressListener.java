package dev.scn.engine.kernel;

/**
 * Told how far a run has come, every {@value #EVERY_EVENTS} events: what a progress line on a
 * terminal needs. The simulator calls it from its loop with two longs, so the hook allocates
 * nothing and costs one mask test per event; a listener only reads, it never changes the run.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Events between two calls; a power of two, so the loop tests a mask rather than divides. */
    int EVERY_EVENTS = 1 << 16;

    /**
     * @param now             the simulated instant reached (microseconds)
     * @param eventsProcessed events run so far in this simulation
     */
    void progress(long now, long eventsProcessed);
}
