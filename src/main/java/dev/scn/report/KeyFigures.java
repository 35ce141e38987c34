package dev.scn.report;

import dev.scn.fact.Times;
import dev.scn.run.ExpectationResult;
import dev.scn.run.HostEnd;
import dev.scn.run.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The table that proves a fix: the scenario's key figures in one row each, one column per run.
 * The figures are the subjects of the scenario's own expectations (at their instants), each named
 * connection's end on the host it connected to, the states left at the end, ipfw's table and the
 * packets a fix changes. A run without a value shows "—".
 */
final class KeyFigures {
    private static final String NONE = "—";

    private KeyFigures() {
    }

    static Report.KeyTable of(List<RunResult> runs, List<RunResult.Connection> named) {
        List<Report.KeyRow> rows = new ArrayList<>();
        expectations(runs, rows);
        for (RunResult.Connection c : named) {
            row(rows, "key.connection", List.of(c.name(), c.target()), runs, r -> {
                RunResult.Connection rc = r.connections().get(c.name());
                if (rc == null) {
                    return NONE;
                }
                RunResult.End end = rc.onTarget();
                return !end.existed() ? "CLOSED (—)" : end.state() + " @ " + Format.seconds(end.since()) + " s";
            });
        }
        Set<String> hosts = new LinkedHashSet<>();
        runs.forEach(r -> hosts.addAll(r.tcpStates().keySet()));
        for (String host : hosts) {
            for (String state : Narrative.ABNORMAL) {
                if (runs.stream().anyMatch(r -> count(r, host, state) > 0)) {
                    row(rows, "key.state", List.of(host, state), runs, r -> Integer.toString(count(r, host, state)));
                }
            }
            if (runs.stream().anyMatch(r -> r.hosts().containsKey(host) && r.hosts().get(host).hasIpfw())) {
                row(rows, "key.dynamic", List.of(host), runs, r -> ipfw(r, host, h -> Integer.toString(h.liveDynamic())));
                row(rows, "key.tableFull", List.of(host), runs, r -> ipfw(r, host,
                        h -> Long.toString(h.log().stream().filter(HostEnd.LogLine::tableFull).count())));
            }
        }
        row(rows, "key.keepalives", List.of(), runs, r -> Long.toString(r.packetsByKind().getOrDefault("keepalive", 0L)));
        row(rows, "key.rsts", List.of(), runs, r -> Long.toString(r.packetsByKind().getOrDefault("rst", 0L)));
        return new Report.KeyTable(runs.stream().map(RunResult::variant).toList(), List.copyOf(rows));
    }

    /**
     * One row per expectation subject and instant, in the order the runs first state them; an
     * instant expectation ("when") is one row per subject, its cells the instants each run saw.
     */
    private static void expectations(List<RunResult> runs, List<Report.KeyRow> rows) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (RunResult r : runs) {
            for (ExpectationResult e : r.expectations()) {
                keys.putIfAbsent(rowKey(e), List.of(e.mode(), Times.human(e.timeMicros()), e.subject()));
            }
        }
        keys.forEach((key, label) -> row(rows, "key.expect." + label.get(0), List.of(label.get(1), label.get(2)), runs,
                r -> r.expectations().stream().filter(e -> key.equals(rowKey(e)))
                        .findFirst().map(ExpectationResult::actual).orElse(NONE)));
    }

    private static String rowKey(ExpectationResult e) {
        return e.mode().equals("when") ? "when|" + e.subject() : e.mode() + "|" + e.timeMicros() + "|" + e.subject();
    }

    private static void row(List<Report.KeyRow> rows, String key, List<String> args, List<RunResult> runs,
                            Function<RunResult, String> value) {
        List<String> values = runs.stream().map(value).toList();
        boolean differs = values.stream().distinct().count() > 1;
        rows.add(new Report.KeyRow(key, args, values, differs));
    }

    private static int count(RunResult r, String host, String state) {
        return r.tcpStates().getOrDefault(host, Map.of()).getOrDefault(state, 0);
    }

    private static String ipfw(RunResult r, String host, Function<HostEnd, String> value) {
        HostEnd h = r.hosts().get(host);
        return h == null || !h.hasIpfw() ? NONE : value.apply(h);
    }
}
