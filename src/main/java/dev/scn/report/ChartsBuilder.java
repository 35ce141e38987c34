package dev.scn.report;

import dev.scn.run.RunResult;
import dev.scn.run.ScenarioRunner;
import dev.scn.run.StepCounts;
import dev.scn.run.StepSeries;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The charts of section 4 (one run) and section 8 (every variant, one strip per run on the same
 * axes). They draw the exact step series the run recorded ({@link StepCounts}), not samples.
 */
final class ChartsBuilder {
    /** Connections never charted: listeners are not connections, CLOSED lasts no time. */
    private static final Set<String> NOT_CHARTED = Set.of("LISTEN", "CLOSED");
    /** Packet kinds (as StepCounts names them), their heading keys and colours (keepalives as in the sequence diagram). */
    private static final List<String[]> KINDS = List.of(
            new String[] {"keepalive", "series.kind.keepalive", "#c2410c"},
            new String[] {"rst", "series.kind.rst", "#b42318"},
            new String[] {"fin", "series.kind.fin", "#7c3aed"},
            new String[] {"syn", "series.kind.syn", "#0e7490"},
            new String[] {"sent", "series.kind.all", "#1f4e89"});
    /** The comparison keeps what a fix changes: keepalives, RSTs, and all packets. */
    private static final Set<String> COMPARED_KINDS = Set.of("keepalive", "rst", "sent");
    /** A colour per TCP state (kernel order): FIN_WAIT_2 red, ESTABLISHED green, TIME_WAIT blue. */
    private static final String[] STATE_COLORS = {"#6b7280", "#6b7280", "#0e7490", "#0e7490", "#15803d", "#c2410c",
            "#7c3aed", "#db2777", "#92400e", "#b42318", "#1f4e89"};
    /** A colour per run in the comparison: the base run dark blue, then the variants. */
    private static final String[] RUN_COLORS = {"#1f4e89", "#c2410c", "#15803d", "#7c3aed", "#92400e", "#0e7490",
            "#db2777", "#6b7280"};
    private static final String LIVE_COLOR = "#c2410c";
    private static final String DYN_COUNT_COLOR = "#6b7280";

    private ChartsBuilder() {
    }

    /**
     * @param main    the run the report describes (its length is the axis' end)
     * @param runs    the runs drawn: {@code [main]}, or every run for the comparison
     * @param overlay true for the comparison of section 8: one strip per run and quantity
     */
    static List<Chart> charts(RunResult main, List<RunResult> runs, boolean overlay) {
        List<Quantity> states = stateQuantities(runs);
        List<Quantity> dynamic = dynamicQuantities(runs);
        List<Quantity> packets = packetQuantities(overlay);
        List<Quantity> all = new ArrayList<>(states);
        all.addAll(dynamic);
        all.addAll(packets);
        long end = main.endMicros();
        for (RunResult r : runs) {
            end = Math.max(end, r.endMicros());
        }
        TimeAxis axis = TimeAxis.of(end, firstChange(all, runs));
        String suffix = overlay ? "-variants" : "";
        String title = overlay ? ".variants" : "";
        return List.of(
                chart("states" + suffix, "chart.states" + title, "chart.states.none", "chart.unit.connections", axis,
                        states, runs, overlay),
                chart("dynamic" + suffix, "chart.dynamic" + title, "chart.dynamic.none", "chart.unit.rules", axis,
                        dynamic, runs, overlay),
                chart("packets" + suffix, "chart.packets" + title, "chart.packets.none", "chart.unit.packets", axis,
                        packets, runs, overlay));
    }

    /** A quantity a chart may draw: its heading and how to read it from a run (null: not in that run). */
    private record Quantity(Chart.Label label, String color, Function<StepCounts, StepSeries> read) {
        StepSeries of(RunResult r) {
            StepSeries s = read.apply(r.steps());
            return s == null ? StepSeries.zero() : s;
        }
    }

    private static Chart chart(String id, String titleKey, String noneKey, String unitKey, TimeAxis axis,
                               List<Quantity> quantities, List<RunResult> runs, boolean overlay) {
        List<Chart.Group> groups = new ArrayList<>();
        List<Chart.Label> zero = new ArrayList<>();
        for (Quantity q : quantities) {
            if (runs.stream().allMatch(r -> q.of(r).allZero())) {
                if (!id.startsWith("states")) {
                    zero.add(q.label()); // a state passed through within one instant is no news
                }
                continue;
            }
            List<Chart.Series> series = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                RunResult r = runs.get(i);
                series.add(new Chart.Series(overlay ? runLabel(r) : null,
                        overlay ? RUN_COLORS[i % RUN_COLORS.length] : q.color(), points(q.of(r))));
            }
            groups.add(new Chart.Group(q.label(), series));
        }
        return new Chart(id, titleKey, noneKey, unitKey, axis, groups, zero);
    }

    private static Chart.Label runLabel(RunResult r) {
        return ScenarioRunner.BASE.equals(r.variant()) ? new Chart.Label("series.run.base", List.of())
                : new Chart.Label("series.run.variant", List.of(r.variant()));
    }

    private static List<Chart.Point> points(StepSeries s) {
        List<Chart.Point> out = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            out.add(new Chart.Point(s.time(i), s.value(i)));
        }
        return out;
    }

    /** Every (host, state) some run had a connection in, hosts in name order, states in the kernel's. */
    private static List<Quantity> stateQuantities(List<RunResult> runs) {
        Map<String, Set<String>> byHost = new TreeMap<>();
        for (RunResult r : runs) {
            r.steps().tcpStates().forEach((host, states) -> states.forEach((state, series) -> {
                if (!NOT_CHARTED.contains(state)) {
                    byHost.computeIfAbsent(host, h -> new LinkedHashSet<>()).add(state);
                }
            }));
        }
        List<Quantity> out = new ArrayList<>();
        byHost.forEach((host, states) -> states.stream()
                .sorted((a, b) -> Integer.compare(stateOrder(a), stateOrder(b)))
                .forEach(state -> out.add(new Quantity(new Chart.Label("series.state", List.of(host, state)),
                        STATE_COLORS[stateOrder(state)], s -> s.tcpState(host, state)))));
        return out;
    }

    /** netstat's state names in the kernel's order (tcp_fsm.h TCPS_*), for colours and legend order. */
    private static final List<String> STATE_ORDER = List.of("CLOSED", "LISTEN", "SYN_SENT", "SYN_RCVD", "ESTABLISHED",
            "CLOSE_WAIT", "FIN_WAIT_1", "CLOSING", "LAST_ACK", "FIN_WAIT_2", "TIME_WAIT");

    private static int stateOrder(String netstatName) {
        return Math.max(0, STATE_ORDER.indexOf(netstatName));
    }

    /**
     * Per host with ipfw: live dynamic rules, and dyn_count where it ever differs from them (dead
     * rules the 2002-era code has not unlinked yet); equal lines would only repeat each other.
     */
    private static List<Quantity> dynamicQuantities(List<RunResult> runs) {
        Set<String> hosts = new java.util.TreeSet<>();
        runs.forEach(r -> hosts.addAll(r.steps().dynamicRules().keySet()));
        List<Quantity> out = new ArrayList<>();
        for (String host : hosts) {
            out.add(new Quantity(new Chart.Label("series.dynamic", List.of(host)), LIVE_COLOR,
                    s -> s.dynamicRules().get(host)));
            boolean differs = runs.stream().anyMatch(r -> {
                StepSeries live = r.steps().dynamicRules().get(host);
                StepSeries count = r.steps().dynCount().get(host);
                return live != null && count != null && !live.sameSteps(count);
            });
            if (differs) {
                out.add(new Quantity(new Chart.Label("series.dynCount", List.of(host)), DYN_COUNT_COLOR,
                        s -> s.dynCount().get(host)));
            }
        }
        return out;
    }

    /** Cumulative packets by kind; the comparison keeps ipfw keepalives, RSTs and all packets. */
    private static List<Quantity> packetQuantities(boolean overlay) {
        List<Quantity> out = new ArrayList<>();
        for (String[] kind : KINDS) {
            if (!overlay || COMPARED_KINDS.contains(kind[0])) {
                out.add(new Quantity(new Chart.Label(kind[1], List.of()), kind[2], s -> s.packetsByKind().get(kind[0])));
            }
        }
        return out;
    }

    /** The earliest positive instant where a drawn series changes: what the axis must still resolve. */
    private static long firstChange(List<Quantity> quantities, List<RunResult> runs) {
        long first = Long.MAX_VALUE;
        for (Quantity q : quantities) {
            for (RunResult r : runs) {
                StepSeries s = q.of(r);
                for (int i = 0; i < s.size(); i++) {
                    if (s.time(i) > 0) {
                        first = Math.min(first, s.time(i));
                        break;
                    }
                }
            }
        }
        return first == Long.MAX_VALUE ? 0 : first;
    }
}
