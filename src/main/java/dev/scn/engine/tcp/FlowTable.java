package dev.scn.engine.tcp;

import dev.scn.engine.flow.FlowKey;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Entries by 4-tuple in an open-addressing table: linear probing, each slot's hash kept beside it,
 * deletion by shifting back the entries after the gap (no tombstones). Taking out an entry whose
 * hash the caller kept touches the slot arrays alone: neither a map node nor the key has to come
 * from memory, which is what a table of entries removed long after they went in pays for.
 */
final class FlowTable<E> {
    private final Function<E, FlowKey> keyOf;
    private Object[] slots = new Object[64];
    private int[] hashes = new int[64];
    private int size;

    FlowTable(Function<E, FlowKey> keyOf) {
        this.keyOf = keyOf;
    }

    /** The hash the table files a 4-tuple under (spread: the flows of one pool differ in few bits). */
    static int hash(FlowKey flow) {
        int h = flow.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    int size() {
        return size;
    }

    /** Adds an entry whose 4-tuple is not in the table yet. */
    void add(E entry, int hash) {
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        insert(entry, hash);
        size++;
    }

    /** The entry of this 4-tuple, or null. */
    E get(FlowKey flow, int hash) {
        int slot = find(flow, hash);
        return slot < 0 ? null : entry(slot);
    }

    /** Takes out and returns the entry of this 4-tuple, or null. */
    E remove(FlowKey flow, int hash) {
        int slot = find(flow, hash);
        if (slot < 0) {
            return null;
        }
        E entry = entry(slot);
        removeAt(slot);
        return entry;
    }

    /** Takes out this very entry, filed under {@code hash}; false when it is not there. */
    boolean removeEntry(E entry, int hash) {
        int mask = slots.length - 1;
        for (int i = hash & mask; slots[i] != null; i = (i + 1) & mask) {
            if (slots[i] == entry) {
                removeAt(i);
                return true;
            }
        }
        return false;
    }

    /** Every entry, in no particular order. */
    void forEach(Consumer<E> action) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                action.accept(entry(i));
            }
        }
    }

    void clear() {
        Arrays.fill(slots, null);
        size = 0;
    }

    @SuppressWarnings("unchecked")
    private E entry(int slot) {
        return (E) slots[slot];
    }

    private int find(FlowKey flow, int hash) {
        int mask = slots.length - 1;
        for (int i = hash & mask; slots[i] != null; i = (i + 1) & mask) {
            if (hashes[i] == hash && keyOf.apply(entry(i)).equals(flow)) {
                return i;
            }
        }
        return -1;
    }

    private void insert(Object entry, int hash) {
        int mask = slots.length - 1;
        int i = hash & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = entry;
        hashes[i] = hash;
    }

    private void grow() {
        Object[] old = slots;
        int[] oldHashes = hashes;
        slots = new Object[old.length * 2];
        hashes = new int[old.length * 2];
        for (int i = 0; i < old.length; i++) {
            if (old[i] != null) {
                insert(old[i], oldHashes[i]);
            }
        }
    }

    /** Empties a slot, then moves back each later entry of its run that the gap would hide from a probe. */
    private void removeAt(int slot) {
        int mask = slots.length - 1;
        int gap = slot;
        for (int i = (slot + 1) & mask; slots[i] != null; i = (i + 1) & mask) {
            int home = hashes[i] & mask;
            // A probe for the entry at i starts at home and walks to i: it crosses the gap unless
            // home lies cyclically in (gap, i].
            boolean reachedWithoutGap = gap <= i ? gap < home && home <= i : gap < home || home <= i;
            if (!reachedWithoutGap) {
                slots[gap] = slots[i];
                hashes[gap] = hashes[i];
                gap = i;
            }
        }
        slots[gap] = null;
        size--;
    }
}
