package dev.scn.run;

import dev.scn.engine.kernel.Backlog;

import java.util.PriorityQueue;

/**
 * The replayed connections under way, by the time of the next effect each owes: the simulator
 * runs them between its events in time order ({@link Backlog}), one instant of one connection at
 * a time. Within an instant the effects commute (counts, taps that count, a state's fields), so
 * which connection goes first at a shared instant does not matter.
 */
final class ReplayBacklog implements Backlog {
    private final PriorityQueue<ReplayedConnection> due = new PriorityQueue<>((a, b) -> {
        int byTime = Long.compare(a.due(), b.due());
        return byTime != 0 ? byTime : Long.compare(a.start(), b.start());
    });

    void add(ReplayedConnection replayed) {
        if (replayed.due() != Long.MAX_VALUE) {
            due.add(replayed);
        }
    }

    @Override
    public long nextTime() {
        ReplayedConnection first = due.peek();
        return first == null ? Long.MAX_VALUE : first.due();
    }

    @Override
    public void runNext() {
        ReplayedConnection first = due.poll();
        first.applyNextInstant();
        add(first);
    }
}
