package dev.scn.engine.kernel;

import dev.scn.engine.trace.CausalTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The discrete-event clock: a future-event set, the current instant, the run loop and its bounds.
 *
 * <p>Nothing here knows about TCP or ipfw; components schedule {@link Event}s and the loop runs
 * them in (time, scheduling order). Each event carries the trace record that caused it, and the
 * loop makes that the current cause while the event runs, which is how the causal trace links a
 * state change to the packet, timer or command behind it.
 */
public final class Simulator {
    private final FutureEvents queue;
    private final Kernel kernel;
    /** Whether an event moved later stays where it is queued (see {@link #schedule}). */
    private final boolean lazyMoves;
    private final RandomStreams randomStreams;
    private final CausalTrace trace;
    private final List<Runnable> stepListeners = new ArrayList<>();
    private long now;
    private long nextSequence;
    private long eventsProcessed;
    private volatile boolean stopRequested;
    private boolean inEvent;
    private ProgressListener progress;
    private Backlog backlog;

    public Simulator(long seed, CausalTrace trace) {
        this(seed, trace, Kernel.FAST);
    }

    /** A simulator on a chosen future-event set; every kind runs the same events in the same order. */
    public Simulator(long seed, CausalTrace trace, Kernel kernel) {
        this.kernel = kernel;
        this.queue = kernel == Kernel.REFERENCE ? new BinaryHeapEvents() : new TimingWheelEvents();
        this.lazyMoves = kernel != Kernel.REFERENCE;
        this.randomStreams = new RandomStreams(seed);
        this.trace = trace;
        trace.attachClock(this::now);
    }

    /** The kind of kernel: REFERENCE also tells components to queue every event on its own. */
    public Kernel kernel() {
        return kernel;
    }

    public long now() {
        return now;
    }

    public CausalTrace trace() {
        return trace;
    }

    public long seed() {
        return randomStreams.seed();
    }

    /** A random stream private to one named component; see {@link RandomStreams}. */
    public SplittableRandom random(String component) {
        return randomStreams.forComponent(component);
    }

    public long eventsProcessed() {
        return eventsProcessed;
    }

    /**
     * Counts events the fast way stood for without running them (the packets and timers of a
     * replayed connection), so that a run reports, and its budget spends, the events of the
     * detailed way.
     */
    public void countReplayedEvents(long events) {
        eventsProcessed += events;
    }

    /** The work to run in time order between events (one per simulator; null: none). */
    public void setBacklog(Backlog backlog) {
        this.backlog = backlog;
    }

    /** Runs every backlog item due at or before {@code time}, each at its own instant. */
    private void runBacklog(long time) {
        while (backlog.nextTime() <= time) {
            now = Math.max(now, backlog.nextTime());
            backlog.runNext();
        }
    }

    public int pendingEvents() {
        return queue.size();
    }

    /**
     * Schedules (or moves) the event to the given instant; the current trace cause goes with it.
     *
     * <p>Moving a queued event later (a TCP timer re-armed for every segment) leaves it where it
     * is in the queue and only records the new due key; when the old key comes up, the loop
     * re-queues it under the due key without running it. Keys only grow that way, so every
     * event still runs in exactly the (time, sequence) order of re-queueing it at once.
     */
    public void schedule(Event event, long at) {
        if (at < now) {
            throw new IllegalArgumentException("cannot schedule in the past: " + at + " < " + now);
        }
        event.cause = trace.currentCause();
        event.time = at;
        event.sequence = nextSequence++;
        if (!event.isScheduled()) {
            event.queuedTime = at;
            event.queuedSequence = event.sequence;
            queue.add(event);
        } else if (at < event.queuedTime || !lazyMoves) {
            event.queuedTime = at;
            event.queuedSequence = event.sequence;
            queue.update(event);
        }
    }

    /**
     * Takes the sequence an event scheduled now would get, for an event that will be queued
     * later under this key with {@link #scheduleAs} (several deliveries sharing one event).
     */
    public long reserveSequence() {
        return nextSequence++;
    }

    /**
     * Queues an event that is not queued now under a key taken earlier with {@link
     * #reserveSequence} and the cause that was current then: it runs exactly where an event
     * scheduled at that moment would have run.
     */
    public void scheduleAs(Event event, long at, long sequence, long cause) {
        if (at < now || event.isScheduled() || sequence >= nextSequence) {
            throw new IllegalArgumentException("cannot queue at (" + at + ", " + sequence + ") now " + now);
        }
        event.cause = cause;
        event.time = at;
        event.sequence = sequence;
        event.queuedTime = at;
        event.queuedSequence = sequence;
        queue.add(event);
    }

    public void scheduleAfter(Event event, long delay) {
        schedule(event, Math.addExact(now, delay));
    }

    /** Schedules a one-off action. */
    public Event schedule(long at, Runnable action) {
        Event event = new ActionEvent(action);
        schedule(event, at);
        return event;
    }

    public void cancel(Event event) {
        if (event.isScheduled()) {
            queue.remove(event);
        }
    }

    /** True while an event runs; commands given outside any event (configuration) are root causes. */
    public boolean inEvent() {
        return inEvent;
    }

    /** Called after every event; used by "always" expectations and samplers that watch each step. */
    public void addStepListener(Runnable listener) {
        stepListeners.add(listener);
    }

    /** Told every {@value ProgressListener#EVERY_EVENTS} events how far the run is (null: nobody). */
    public void setProgressListener(ProgressListener listener) {
        this.progress = listener;
    }

    /** Asks the loop to stop after the current event (Ctrl-C, a fatal expectation). */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Runs events due at or before {@code endTime} (inclusive), processing at most
     * {@code maxEvents} events in this call. Time ends at {@code endTime} unless a bound stopped it.
     */
    public RunOutcome run(long endTime, long maxEvents) {
        long budgetEnd = eventsProcessed + maxEvents;
        while (true) {
            if (stopRequested) {
                return RunOutcome.STOPPED;
            }
            Event next = nextDue();
            if (next == null || next.time > endTime) {
                if (backlog != null) {
                    runBacklog(endTime);
                }
                now = Math.max(now, endTime);
                return RunOutcome.COMPLETED;
            }
            if (eventsProcessed >= budgetEnd) {
                return RunOutcome.EVENT_BUDGET_EXHAUSTED;
            }
            if (backlog != null && backlog.nextTime() <= next.time) {
                runBacklog(next.time);
            }
            queue.poll();
            now = next.time;
            trace.setCurrentCause(next.cause);
            inEvent = true;
            try {
                next.fire();
            } finally {
                inEvent = false;
            }
            eventsProcessed++;
            if (progress != null && (eventsProcessed & (ProgressListener.EVERY_EVENTS - 1)) == 0) {
                progress.progress(now, eventsProcessed);
            }
            for (int i = 0; i < stepListeners.size(); i++) {
                stepListeners.get(i).run();
            }
        }
    }

    /** The first event in the queue once every event moved later is under its due key; null if none. */
    private Event nextDue() {
        Event next = queue.peek();
        while (next != null && (next.queuedTime != next.time || next.queuedSequence != next.sequence)) {
            next.queuedTime = next.time;
            next.queuedSequence = next.sequence;
            queue.update(next);
            next = queue.peek();
        }
        return next;
    }

    /**
     * The event kernels there are. Both run the same events in the same order; the reference
     * is the first design, kept so that tests can show the fast one changes nothing.
     */
    public enum Kernel {
        /**
         * A binary heap of events; a moved event is re-keyed in the heap at once, and every
         * packet's arrival is an event of its own (no {@code InFlight} sharing).
         */
        REFERENCE,
        /**
         * A timing wheel of microsecond slots for the near future, coarse buckets for the next
         * quarter of an hour and a 4-ary heap with primitive keys beyond; an event moved later is
         * re-keyed when its old key comes up.
         */
        FAST
    }

    /** How a call to {@link #run} ended. */
    public enum RunOutcome {
        COMPLETED,
        EVENT_BUDGET_EXHAUSTED,
        STOPPED
    }

    private static final class ActionEvent extends Event {
        private final Runnable action;

        ActionEvent(Runnable action) {
            this.action = action;
        }

        @Override
        protected void fire() {
            action.run();
        }
    }
}
