package dev.scn.engine.trace;

import dev.scn.engine.flow.FlowKey;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The answer to "why is this connection (or dynamic rule) still there at time T": its last
 * state change, the last event that pushed its death further away, and the chain of causes
 * behind that event back to the first one.
 *
 * @param flow        the flow asked about
 * @param host        the host whose view is asked about (null: any)
 * @param time        the instant asked about
 * @param lastState   the last TCP state change at or before {@code time}, or null
 * @param lastRenewal the last idle-timer reset or dynamic-state refresh at or before {@code time}, or null
 * @param chain       {@code lastRenewal} and its causes, newest first; empty when there is none
 */
public record Explanation(FlowKey flow, String host, long time, TraceRecord lastState, TraceRecord lastRenewal,
                          List<TraceRecord> chain) {

    /** Records that push a connection's or a state's end further away. */
    public static final Set<TraceKind> RENEWALS = EnumSet.of(TraceKind.TCP_IDLE_RESET, TraceKind.DYN_REFRESHED);

    /** Builds the explanation from a trace; the flow must have been traced in detail. */
    public static Explanation of(CausalTrace trace, FlowKey flow, String host, long time,
                                 Set<TraceKind> renewalKinds) {
        TraceRecord state = trace.last(flow, host, EnumSet.of(TraceKind.TCP_STATE), time);
        TraceRecord renewal = trace.last(flow, host, renewalKinds, time);
        List<TraceRecord> chain = renewal == null ? List.of() : trace.chain(renewal.id());
        return new Explanation(flow, host, time, state, renewal, chain);
    }

    /** True when some record of the chain is of the given kind: "an ipfw keepalive is behind it". */
    public boolean chainContains(TraceKind kind) {
        return chain.stream().anyMatch(r -> r.kind() == kind);
    }
}
