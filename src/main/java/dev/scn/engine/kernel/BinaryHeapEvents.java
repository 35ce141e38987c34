package dev.scn.engine.kernel;

import java.util.Arrays;

/**
 * The future-event set as scn first had it: a binary min-heap of event objects ordered by
 * (time, insertion sequence), so events due at the same instant run in the order they were
 * scheduled. Kept as the reference {@link TimingWheelEvents} is tested against.
 *
 * <p>Each event stores its own heap slot, which makes cancel and reschedule O(log n) without
 * scanning the queue and without tombstones that would pile up when timers are re-armed on
 * every segment.
 */
final class BinaryHeapEvents implements FutureEvents {
    private Event[] heap = new Event[64];
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
        return size == 0 ? null : heap[0];
    }

    @Override
    public void add(Event event) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = event;
        event.heapIndex = size;
        size++;
        siftUp(event.heapIndex);
    }

    @Override
    public Event poll() {
        if (size == 0) {
            return null;
        }
        Event first = heap[0];
        removeAt(0);
        return first;
    }

    @Override
    public void remove(Event event) {
        int index = event.heapIndex;
        if (index < 0 || index >= size || heap[index] != event) {
            return;
        }
        removeAt(index);
    }

    @Override
    public void update(Event event) {
        int index = event.heapIndex;
        siftUp(index);
        siftDown(event.heapIndex);
    }

    private void removeAt(int index) {
        Event removed = heap[index];
        size--;
        Event last = heap[size];
        heap[size] = null;
        removed.heapIndex = -1;
        if (index != size) {
            heap[index] = last;
            last.heapIndex = index;
            siftUp(index);
            siftDown(last.heapIndex);
        }
    }

    private void siftUp(int index) {
        Event event = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            Event above = heap[parent];
            if (!before(event, above)) {
                break;
            }
            heap[index] = above;
            above.heapIndex = index;
            index = parent;
        }
        heap[index] = event;
        event.heapIndex = index;
    }

    private void siftDown(int index) {
        Event event = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], event)) {
                break;
            }
            heap[index] = heap[child];
            heap[index].heapIndex = index;
            index = child;
        }
        heap[index] = event;
        event.heapIndex = index;
    }

    private static boolean before(Event a, Event b) {
        return a.queuedTime < b.queuedTime || (a.queuedTime == b.queuedTime && a.queuedSequence < b.queuedSequence);
    }
}
