package dev.scn.run;

import java.util.Map;

/**
 * Counts over the whole run as exact step series, recorded as the kernel changed them (the
 * charts of the report draw these, not the {@code sample} lines).
 *
 * @param tcpStates     per host (name order), per TCP state in netstat's spelling (kernel order):
 *                      connections in that state; a state no connection of the host ever entered
 *                      is absent
 * @param dynamicRules  per host with ipfw: live dynamic rules (sessions whose expiry is ahead of
 *                      time_uptime, the lines {@code ipfw -d show} prints); dying needs no event,
 *                      so the step down is at the exact second the expiry is reached
 * @param dynCount      per host with ipfw: net.inet.ip.fw.dyn_count (dead rules not yet unlinked
 *                      and limit parents included)
 * @param packetsByKind packets sent over all hosts, cumulative, by kind: sent, syn, fin, rst,
 *                      keepalive (ipfw's probes), as {@code packets} in the JSON result counts them
 */
public record StepCounts(Map<String, Map<String, StepSeries>> tcpStates, Map<String, StepSeries> dynamicRules,
                         Map<String, StepSeries> dynCount, Map<String, StepSeries> packetsByKind) {

    /** The series of a host's TCP state, or one that stays 0. */
    public StepSeries tcpState(String host, String netstatName) {
        return tcpStates.getOrDefault(host, Map.of()).getOrDefault(netstatName, StepSeries.zero());
    }
}
