package dev.scn.run;

import java.util.Map;

/**
 * What {@code sample H} recorded: the host's tools' output and the numbers charts need.
 *
 * @param netstat        {@code netstat -an -p tcp}
 * @param ipfwShow       {@code ipfw -d show} (empty when ipfw is not loaded)
 * @param tcpStates      connections per state name
 * @param dynamicRules   live dynamic rules
 * @param dynCount       net.inet.ip.fw.dyn_count (may include dead, not yet reaped states)
 */
public record Snapshot(long timeMicros, String host, String netstat, String ipfwShow, Map<String, Integer> tcpStates,
                       int dynamicRules, int dynCount) {
}
