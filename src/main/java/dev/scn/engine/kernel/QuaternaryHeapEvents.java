package dev.scn.engine.kernel;

import java.util.Arrays;

/**
 * A 4-ary min-heap whose keys (time, sequence) sit in primitive arrays beside the events: the
 * part of {@link TimingWheelEvents} that holds the events due beyond its wheel.
 *
 * <p>Why not the binary heap of event objects: taking the earliest event out walks the heap from
 * the root to a leaf, and with the keys inside the events every comparison dereferences an
 * event scattered in memory. Here the comparisons read two contiguous {@code long} arrays, four
 * children share a cache line or two, and a 4-ary heap is half as deep; only the events that
 * move are touched, to record their new slot.
 */
final class QuaternaryHeapEvents implements FutureEvents {
    private Event[] events = new Event[64];
    private long[] times = new long[64];
    private long[] sequences = new long[64];
    private int size;

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Event peek() {
        return size == 0 ? null : events[0];
    }

    @Override
    public void add(Event event) {
        if (size == events.length) {
            int capacity = size * 2;
            events = Arrays.copyOf(events, capacity);
            times = Arrays.copyOf(times, capacity);
            sequences = Arrays.copyOf(sequences, capacity);
        }
        siftUp(size++, event);
    }

    @Override
    public Event poll() {
        if (size == 0) {
            return null;
        }
        Event first = events[0];
        removeAt(0);
        return first;
    }

    @Override
    public void remove(Event event) {
        int index = event.heapIndex;
        if (index < 0 || index >= size || events[index] != event) {
            return;
        }
        removeAt(index);
    }

    @Override
    public void update(Event event) {
        int index = event.heapIndex;
        if (index > 0 && before(event.queuedTime, event.queuedSequence, times[(index - 1) >>> 2], sequences[(index - 1) >>> 2])) {
            siftUp(index, event);
        } else {
            siftDown(index, event);
        }
    }

    private void removeAt(int index) {
        Event removed = events[index];
        removed.heapIndex = -1;
        size--;
        Event last = events[size];
        events[size] = null;
        if (index == size) {
            return;
        }
        if (index > 0 && before(last.queuedTime, last.queuedSequence, times[(index - 1) >>> 2], sequences[(index - 1) >>> 2])) {
            siftUp(index, last);
        } else {
            siftDown(index, last);
        }
    }

    /** Places the event at or above the slot, moving larger parents down. */
    private void siftUp(int index, Event event) {
        long time = event.queuedTime;
        long sequence = event.queuedSequence;
        while (index > 0) {
            int parent = (index - 1) >>> 2;
            if (!before(time, sequence, times[parent], sequences[parent])) {
                break;
            }
            place(index, events[parent], times[parent], sequences[parent]);
            index = parent;
        }
        place(index, event, time, sequence);
    }

    /** Places the event at or below the slot, moving the smallest child up while it is smaller. */
    private void siftDown(int index, Event event) {
        long time = event.queuedTime;
        long sequence = event.queuedSequence;
        while (true) {
            int first = 4 * index + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            int end = Math.min(first + 4, size);
            for (int child = first + 1; child < end; child++) {
                if (before(times[child], sequences[child], times[best], sequences[best])) {
                    best = child;
                }
            }
            if (!before(times[best], sequences[best], time, sequence)) {
                break;
            }
            place(index, events[best], times[best], sequences[best]);
            index = best;
        }
        place(index, event, time, sequence);
    }

    private void place(int index, Event event, long time, long sequence) {
        events[index] = event;
        times[index] = time;
        sequences[index] = sequence;
        event.heapIndex = index;
    }

    private static boolean before(long timeA, long sequenceA, long timeB, long sequenceB) {
        return timeA < timeB || (timeA == timeB && sequenceA < sequenceB);
    }
}
