package dev.scn.engine.trace;

import dev.scn.engine.net.FlowKey;

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
 * @param detail a short human-readable description with the real numbers
 */
public record TraceRecord(long id, long time, long cause, TraceKind kind, String host, FlowKey flow, String detail) {
}
