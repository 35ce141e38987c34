package dev.scn.run;

import dev.scn.engine.Simulation;
import dev.scn.engine.net.Packet;

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
 * @param packets          every packet as it left its sender, when asked for (else empty)
 * @param connections      the connections the timeline opened, by name
 * @param capture          the packet capture, when one was asked for (else null)
 * @param simulation       the finished simulation, for explanations and captures
 */
public record RunResult(String scenario, String variant, long seed, Outcome outcome, long endMicros,
                        long eventsProcessed, List<ExpectationResult> expectations, List<ShowOutput> shows,
                        List<Snapshot> samples, Map<String, Map<String, Integer>> tcpStates,
                        Map<String, Integer> dynamicRules, Map<String, Integer> dynCount,
                        Map<String, Long> packetsByOrigin, Map<String, Long> packetsByKind,
                        Map<String, Map<String, Long>> packetsPerHost, List<TimedPacket> packets,
                        Map<String, Connection> connections, String traceDigest,
                        dev.scn.observe.Capture capture, Simulation simulation) {

    /** A connection the timeline named: its flow, who opened it and to which host. */
    public record Connection(String name, String host, String target, dev.scn.engine.net.FlowKey flow) {
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
        STOPPED
    }

    /** A packet and the instant it left its sender. */
    public record TimedPacket(long timeMicros, String host, String via, Packet packet) {
    }
}
