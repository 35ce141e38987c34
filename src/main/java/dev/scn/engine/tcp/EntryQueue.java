package dev.scn.engine.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * Syncache entries in the order they joined: a bucket's row (oldest first, the one an overflow
 * drops) or a timer slot's. Linked through the entries themselves, each entry in at most one row
 * and one slot, so joining and leaving allocate nothing; a SYN a busy server takes joins both
 * and leaves both.
 */
final class EntryQueue {
    /** Which of an entry's two sets of links this queue uses. */
    enum Links { ROW, SLOT }

    /** An entry's neighbours in one queue, and which (null: in none). */
    static final class Link {
        private EntryQueue queue;
        private Syncache.Entry previous;
        private Syncache.Entry next;
    }

    private final Links links;
    private Syncache.Entry head;
    private Syncache.Entry tail;
    private int size;

    EntryQueue(Links links) {
        this.links = links;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The oldest entry; the queue is not empty. */
    Syncache.Entry first() {
        return head;
    }

    void add(Syncache.Entry e) {
        Link link = link(e);
        if (link.queue != null) {
            throw new IllegalStateException("entry already queued");
        }
        link.queue = this;
        link.previous = tail;
        link.next = null;
        if (tail == null) {
            head = e;
        } else {
            link(tail).next = e;
        }
        tail = e;
        size++;
    }

    /** Takes the entry out if it is in this queue. */
    void remove(Syncache.Entry e) {
        Link link = link(e);
        if (link.queue != this) {
            return;
        }
        if (link.previous == null) {
            head = link.next;
        } else {
            link(link.previous).next = link.next;
        }
        if (link.next == null) {
            tail = link.previous;
        } else {
            link(link.next).previous = link.previous;
        }
        link.queue = null;
        link.previous = null;
        link.next = null;
        size--;
    }

    /** The entries, oldest first. */
    List<Syncache.Entry> toList() {
        List<Syncache.Entry> out = new ArrayList<>(size);
        for (Syncache.Entry e = head; e != null; e = link(e).next) {
            out.add(e);
        }
        return out;
    }

    private Link link(Syncache.Entry e) {
        return links == Links.ROW ? e.row : e.timerSlot;
    }
}
