package dev.scn.run;

import dev.scn.fact.Segment;

import java.util.List;
import java.util.Map;

/**
 * Everything one run of one variant produced.
 *
 * @param variant          "base" or the variant's name
 * @param outcome          how the run ended: completed, or the bound that stopped it
 * @param tcpStates        at the end: per host, connections per TCP state (every state listed)
 * @param dynamicRules     at the end: per host with ipfw, live dynamic rules
 * @param dynCount         at the end: per host with ipfw, net.inet.ip.fw.dyn_count
 * @param packetsByOrigin  packets sent, by origin
 * @param packetsByKind    packets sent, by kind (sent, syn, fin, rst, keepalive)
 * @param packetsPerHost   the same per host
 * @param packets          every packet as it left its sender, when asked for (else empty); at
 *                         most {@value ScenarioRunner#MAX_KEPT_PACKETS}, the first ones
 * @param packetsNotKept   packets sent after {@code packets} was full (0 when it holds them all)
 * @param connections      the connections the timeline opened, by name
 * @param capture          the packet capture, when one was asked for (else null)
 * @param facts            the stored facts of the detailed flows (structured causes)
 * @param hosts            each host at the end of the run, by name
 * @param steps            counts over time as exact step series (TCP states, dynamic rules, packets)
 * @param connectFailures  per host that had any: connect(2) calls that failed with EADDRNOTAVAIL
 *                         (no free ephemeral port); the application got the error, the run went on
 * @param samplesThinned   per host whose samples outgrew {@value BoundedSamples#MAX_PER_HOST}: every
 *                         Nth sample was kept (N here), plus the one with the most connections
 * @param connectionsReplayed traffic connections the fast way replayed from their shape rather than
 *                         simulated packet by packet (0 without it); nothing else in the result depends on it
 */
public record RunResult(String scenario, String variant, long seed, Outcome outcome, long endMicros,
                        long eventsProcessed, List<ExpectationResult> expectations, List<ShowOutput> shows,
                        List<Snapshot> samples, Map<String, Map<String, Integer>> tcpStates,
                        Map<String, Integer> dynamicRules, Map<String, Integer> dynCount,
                        Map<String, Long> packetsByOrigin, Map<String, Long> packetsByKind,
                        Map<String, Map<String, Long>> packetsPerHost, List<TimedPacket> packets,
                        Map<String, Connection> connections, String traceDigest,
                        dev.scn.observe.Capture capture, RunFacts facts, Map<String, HostEnd> hosts,
                        StepCounts steps, Map<String, Long> connectFailures,
                        Map<String, Integer> samplesThinned, long packetsNotKept, long connectionsReplayed) {

    /**
     * A connection the timeline named.
     *
     * @param host     the host that opened it
     * @param target   the host it connected to
     * @param flow     its flow, as {@link RunFacts} names flows
     * @param onHost   its end on the host that opened it, at the end of the run
     * @param onTarget its end on the target, at the end of the run
     */
    public record Connection(String name, String host, String target, String flow, End onHost, End onTarget) {
    }

    /**
     * One end of a connection at the end of the run.
     *
     * @param state  netstat's state, CLOSED when the host has no such connection
     * @param since  when it entered that state (the last recorded state change), -1 when the host never had it
     */
    public record End(String state, long since) {
        public boolean existed() {
            return since >= 0;
        }
    }

    public boolean allHeld() {
        return expectations.stream().allMatch(ExpectationResult::held);
    }

    /** How a run ended. */
    public enum Outcome {
        COMPLETED,
        /** The --max-events budget ran out before the run's end time. */
        EVENT_BUDGET_EXHAUSTED,
        /** Stopped from outside (Ctrl-C). */
        STOPPED,
        /** The Java heap was nearly full: stopped before an OutOfMemoryError. */
        MEMORY_BOUND
    }

    /**
     * A packet and the instant it left its sender.
     *
     * @param tcpdump the line tcpdump -n prints for it (relative sequence numbers)
     * @param label   the flags, seq and ack part of that line, e.g. {@code [F.] seq 20441:20481 ack 301}
     */
    public record TimedPacket(long timeMicros, String host, String via, Segment segment, String tcpdump, String label) {
    }
}
