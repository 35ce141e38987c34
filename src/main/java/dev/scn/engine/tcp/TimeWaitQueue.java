package dev.scn.engine.tcp;

import dev.scn.engine.kernel.Event;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.kernel.Simulator;

/**
 * TIME_WAIT as FreeBSD 5.x to 13.x keep it: no callout per connection, but a list of the
 * connections in TIME_WAIT in the order they entered it (or last restarted 2MSL), each with its
 * end in ticks, that tcp_slowtimo walks every 500 ms from its head, closing those whose end has
 * come and stopping at the first whose end has not.
 *
 * <ul>
 *   <li>tcp_twstart / tcp_timer_2msl_reset (5.x tcp_timer.c) and tcp_tw_2msl_reset (9.3 and
 *       10.4 tcp_timewait.c): {@code tw_time = ticks + 2 * tcp_msl}, appended at the tail; a
 *       retransmitted FIN takes the entry out and appends it again.</li>
 *   <li>tcp_timer_2msl_tw (5.x) and tcp_tw_2msl_scan (9.3, 10.4; the 13.1-era tcp_timewait.c
 *       too): from the head, {@code break} at the first entry with {@code tw_time > ticks}, else
 *       tcp_twclose. tcp_slowtimo calls it with reuse 0.</li>
 *   <li>pfslowtimo (uipc_domain.c, 5.x to 14-CURRENT): first {@code callout_reset(.., 1, ..)} at
 *       domain initialisation, then every {@code hz/2}. The engine takes that initialisation at
 *       the host's boot, so the walks run at boot + 1 tick + k x 500 ms (hz = 1000: 1 ms ticks);
 *       where a real kernel's walks fall relative to its uptime depends on how long it took to
 *       boot, and is not known.</li>
 * </ul>
 * So a connection stays in TIME_WAIT 2MSL and up to 500 ms more, and one behind an entry with a
 * later end (net.inet.tcp.msl lowered in between) waits for it. A walk is scheduled only when an
 * entry can be due at it: the kernel's other half-second walks find nothing to close. 4.x and
 * 14.x keep the tcpcb in TIME_WAIT with a callout of exactly 2MSL instead.
 */
final class TimeWaitQueue {
    /** hz/2 ticks between walks. */
    static final long WALK_PERIOD_MICROS = 500 * SimTime.MICROS_PER_MILLI;
    /** One tick at hz = 1000: the first walk comes one tick after domain initialisation. */
    static final long TICK_MICROS = SimTime.MICROS_PER_MILLI;

    private final TcpStack stack;
    private final Simulator simulator;
    private final Walk walk = new Walk();
    private TimeWaitEntry head;
    private TimeWaitEntry tail;
    private int size;
    private long walks;

    TimeWaitQueue(TcpStack stack) {
        this.stack = stack;
        this.simulator = stack.simulator;
    }

    /** Walks run so far: events the run owes to the list rather than to one connection. */
    long walks() {
        return walks;
    }

    /** tcp_tw_2msl_reset: the end is now + 2MSL in whole ticks; the connection goes to the tail. */
    void reset(TcpConnection tp, long twoMslMs) {
        long boot = stack.host().bootTime();
        long ticksNow = Math.floorDiv(simulator.now() - boot, TICK_MICROS);
        insert(tp, boot + (ticksNow + twoMslMs * SimTime.MICROS_PER_MILLI / TICK_MICROS) * TICK_MICROS, simulator.now());
    }

    /**
     * Puts the connection where it would be had it entered the list at {@code listedAt} (now or
     * before): behind every entry listed at or before then. The fast way lists a replayed
     * connection once it is done, a round trip after its server entered TIME_WAIT.
     */
    void insert(TimeWaitEntry tp, long end, long listedAt) {
        remove(tp);
        TimeWaitEntry before = tail;
        while (before != null && before.twListedAt > listedAt) {
            before = before.twPrev;
        }
        tp.twEnd = end;
        tp.twListedAt = listedAt;
        tp.twPrev = before;
        tp.twNext = before == null ? head : before.twNext;
        if (before == null) {
            head = tp;
        } else {
            before.twNext = tp;
        }
        if (tp.twNext == null) {
            tail = tp;
        } else {
            tp.twNext.twPrev = tp;
        }
        size++;
        if (tp == head) {
            scheduleWalkFor(tp);
        }
    }

    /** Takes the connection out of the list if it is in it (closed, dropped, reopened by a SYN). */
    void remove(TimeWaitEntry tp) {
        if (tp.twEnd < 0) {
            return;
        }
        if (tp.twPrev == null) {
            head = tp.twNext;
        } else {
            tp.twPrev.twNext = tp.twNext;
        }
        if (tp.twNext == null) {
            tail = tp.twPrev;
        } else {
            tp.twNext.twPrev = tp.twPrev;
        }
        tp.twPrev = null;
        tp.twNext = null;
        tp.twEnd = -1;
        size--;
    }

    /**
     * The built tcpcb takes the place of the fast way's stand-in: same neighbours, end, listing
     * time and cause.
     */
    void replace(TimeWaitEntry stub, TimeWaitEntry tp) {
        tp.twPrev = stub.twPrev;
        tp.twNext = stub.twNext;
        tp.twEnd = stub.twEnd;
        tp.twListedAt = stub.twListedAt;
        tp.twCause = stub.twCause;
        if (tp.twPrev == null) {
            head = tp;
        } else {
            tp.twPrev.twNext = tp;
        }
        if (tp.twNext == null) {
            tail = tp;
        } else {
            tp.twNext.twPrev = tp;
        }
        stub.twPrev = null;
        stub.twNext = null;
        stub.twEnd = -1;
    }

    /** The walk that will close the connection: the first at or after its end and every end before it. */
    long closesAt(TimeWaitEntry tp) {
        if (tp.twEnd < 0) {
            return -1;
        }
        long latest = tp.twEnd;
        for (TimeWaitEntry c = head; c != tp; c = c.twNext) {
            latest = Math.max(latest, c.twEnd);
        }
        return walkAtOrAfter(latest);
    }

    /** The first walk at or after {@code time}: boot + 1 tick + k x 500 ms, k >= 0. */
    long walkAtOrAfter(long time) {
        long first = stack.host().bootTime() + TICK_MICROS;
        if (time <= first) {
            return first;
        }
        return first + Math.floorDiv(time - first + WALK_PERIOD_MICROS - 1, WALK_PERIOD_MICROS) * WALK_PERIOD_MICROS;
    }

    /** The entries in list order, oldest first. */
    java.util.List<TimeWaitEntry> entries() {
        java.util.List<TimeWaitEntry> out = new java.util.ArrayList<>(size);
        for (TimeWaitEntry e = head; e != null; e = e.twNext) {
            out.add(e);
        }
        return out;
    }

    /** The walk for a new head, unless one is already due at or before it. */
    private void scheduleWalkFor(TimeWaitEntry first) {
        long at = walkAtOrAfter(first.twEnd);
        if (!walk.isScheduled() || walk.time() > at) {
            simulator.schedule(walk, at);
        }
    }

    /** Forgets every entry (the host's state is lost). */
    void clear() {
        while (head != null) {
            remove(head);
        }
        simulator.cancel(walk);
    }

    /** tcp_slowtimo's tcp_tw_2msl_scan(0). */
    private final class Walk extends Event {
        @Override
        protected void fire() {
            walks++;
            long now = simulator.now();
            int replayed = 0;
            while (head != null && head.twEnd <= now) {
                TimeWaitEntry e = head;
                remove(e);
                if (e instanceof TcpConnection tp) {
                    TcpTimers.timeWaitOver(tp);
                } else {
                    stack.unbuilt.closed((ReplayedTimeWait) e);
                    replayed++;
                }
            }
            if (replayed > 0) {
                stack.unbuilt.closedCounts(replayed);
            }
            if (head != null) {
                scheduleWalkFor(head);
            }
        }
    }
}
