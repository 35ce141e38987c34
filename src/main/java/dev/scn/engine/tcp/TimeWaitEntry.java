package dev.scn.engine.tcp;

import dev.scn.engine.flow.FlowKey;

/**
 * A place in a host's TIME_WAIT list ({@link TimeWaitQueue}, 5.x-13.x): a tcpcb in TIME_WAIT or
 * one the fast way has not built ({@link ReplayedTimeWait}). The neighbours, the end of 2MSL as a
 * time on a tick (tw_time; -1 when not in the list), when it was put there, and the trace record
 * that put it there, which the walk that closes it follows as a callout would.
 */
abstract class TimeWaitEntry {
    TimeWaitEntry twPrev;
    TimeWaitEntry twNext;
    long twEnd = -1;
    long twListedAt;
    long twCause;

    /** The 4-tuple it holds. */
    abstract FlowKey flow();
}
