package dev.scn.run;

import dev.scn.engine.kernel.Backlog;

import java.util.Arrays;

/**
 * The replayed connections under way, by the time of the next instant each owes: the simulator
 * runs them between its events in time order ({@link Backlog}), one instant of one connection at
 * a time. Within an instant the effects commute (counts, taps that count, a state's fields), so
 * which connection goes first at a shared instant does not matter; the earlier start does.
 * A binary heap on the due time, the start breaking ties.
 */
final class ReplayBacklog implements Backlog {
    private ReplayedConnection[] heap = new ReplayedConnection[64];
    private int size;

    void add(ReplayedConnection replayed) {
        if (replayed.due() == Long.MAX_VALUE) {
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, replayed);
    }

    @Override
    public long nextTime() {
        return size == 0 ? Long.MAX_VALUE : heap[0].due();
    }

    @Override
    public void runNext() {
        ReplayedConnection first = heap[0];
        first.applyNextInstant();
        if (first.due() == Long.MAX_VALUE) {
            ReplayedConnection last = heap[--size];
            heap[size] = null;
            if (size > 0) {
                siftDown(0, last);
            }
        } else {
            siftDown(0, first);
        }
    }

    private static boolean before(ReplayedConnection a, ReplayedConnection b) {
        return a.due() < b.due() || (a.due() == b.due() && a.start() < b.start());
    }

    private void siftUp(int i, ReplayedConnection x) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            ReplayedConnection p = heap[parent];
            if (!before(x, p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = x;
    }

    private void siftDown(int i, ReplayedConnection x) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], x)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = x;
    }
}
