package dev.scn.engine.trace;

import dev.scn.engine.flow.FlowKey;
import dev.scn.fact.Fact;

/**
 * One stored fact of the causal trace.
 *
 * @param id     1-based, dense among stored records
 * @param time   simulated microseconds
 * @param cause  the record that caused this one, 0 for a root (a scenario command, a timer
 *               armed before tracing, or an untraced flow)
 * @param kind   what happened
 * @param host   the host it happened on, or null for the network
 * @param flow   the TCP/UDP flow it concerns, or null for a host-wide event
 * @param fact   what happened, as typed fields
 */
public record TraceRecord(long id, long time, long cause, TraceKind kind, String host, FlowKey flow, Fact fact) {

    /** The English trace line of the fact (for --trace and explain; readers use {@link #fact()}). */
    public String detail() {
        return fact.render();
    }
}
