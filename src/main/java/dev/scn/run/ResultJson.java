package dev.scn.run;

import dev.scn.engine.kernel.SimTime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stable result schema of {@code scn run --json} (version 1), documented in the README:
 *
 * <pre>
 * { "schema": "scn-result/1", "file": ..., "scenario": ..., "seed": N,
 *   "variants": [ { "name", "outcome", "simulated_end_us", "simulated_end", "events_processed",
 *       "all_held", "expectations": [ { "file", "line", "column", "time_us", "time", "mode",
 *           "subject", "op", "expected", "actual", "held" } ],
 *       "tcp_states": { host: { STATE: count } }, "dynamic_rules": { host: live },
 *       "dyn_count": { host: n }, "packets": { "by_origin": {...}, "by_kind": {...},
 *       "by_host": { host: {...} } }, "connect_eaddrnotavail": { host: n },
 *       "samples_thinned": { host: every }, "trace_digest": sha256 } ] }
 * </pre>
 * {@code connect_eaddrnotavail} (connect(2) calls that found no free ephemeral port) and
 * {@code samples_thinned} (hosts whose samples were thinned: every Nth kept) appear only when
 * not empty, so runs without them keep their bytes.
 */
public final class ResultJson {
    private ResultJson() {
    }

    public static String write(String file, List<RunResult> runs) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", "scn-result/1");
        root.put("file", file);
        root.put("scenario", runs.isEmpty() ? null : runs.get(0).scenario());
        root.put("seed", runs.isEmpty() ? 0L : runs.get(0).seed());
        List<Object> variants = new ArrayList<>();
        for (RunResult run : runs) {
            variants.add(variant(run));
        }
        root.put("variants", variants);
        return Json.write(root);
    }

    private static Map<String, Object> variant(RunResult run) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", run.variant());
        v.put("outcome", run.outcome().name().toLowerCase(java.util.Locale.ROOT));
        v.put("simulated_end_us", run.endMicros());
        v.put("simulated_end", SimTime.human(run.endMicros()));
        v.put("events_processed", run.eventsProcessed());
        v.put("all_held", run.allHeld());
        List<Object> expectations = new ArrayList<>();
        for (ExpectationResult e : run.expectations()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("file", e.span().file());
            x.put("line", (long) e.span().line());
            x.put("column", (long) e.span().column());
            x.put("time_us", e.timeMicros());
            x.put("time", SimTime.human(e.timeMicros()));
            x.put("mode", e.mode());
            x.put("subject", e.subject());
            x.put("op", e.op());
            x.put("expected", e.expected());
            x.put("actual", e.actual());
            x.put("held", e.held());
            expectations.add(x);
        }
        v.put("expectations", expectations);
        Map<String, Object> states = new LinkedHashMap<>();
        run.tcpStates().forEach((host, counts) -> states.put(host, new LinkedHashMap<String, Object>(counts)));
        v.put("tcp_states", states);
        v.put("dynamic_rules", new LinkedHashMap<String, Object>(run.dynamicRules()));
        v.put("dyn_count", new LinkedHashMap<String, Object>(run.dynCount()));
        Map<String, Object> packets = new LinkedHashMap<>();
        packets.put("by_origin", new LinkedHashMap<String, Object>(run.packetsByOrigin()));
        packets.put("by_kind", new LinkedHashMap<String, Object>(run.packetsByKind()));
        Map<String, Object> byHost = new LinkedHashMap<>();
        run.packetsPerHost().forEach((host, kinds) -> byHost.put(host, new LinkedHashMap<String, Object>(kinds)));
        packets.put("by_host", byHost);
        v.put("packets", packets);
        if (!run.connectFailures().isEmpty()) {
            v.put("connect_eaddrnotavail", new LinkedHashMap<String, Object>(run.connectFailures()));
        }
        if (!run.samplesThinned().isEmpty()) {
            v.put("samples_thinned", new LinkedHashMap<String, Object>(run.samplesThinned()));
        }
        v.put("trace_digest", run.traceDigest());
        return v;
    }
}
