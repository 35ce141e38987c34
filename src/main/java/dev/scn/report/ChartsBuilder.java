package dev.scn.report;

import dev.scn.engine.net.Origin;
import dev.scn.engine.net.TcpFlags;
import dev.scn.run.RunResult;
import dev.scn.run.ScenarioRunner;
import dev.scn.run.Snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/** The charts of section 4 (one run) and section 8 (every variant on the same axes). */
final class ChartsBuilder {
    /** Points per chart line when a quantity is sampled from packets. */
    static final int CHART_STEPS = 240;
    private static final Set<String> NOT_CHARTED = Set.of("LISTEN", "CLOSED");

    private ChartsBuilder() {
    }

    static List<Chart> charts(RunResult main, List<RunResult> runs, boolean overlay) {
        long end = main.endMicros();
        List<Chart> out = new ArrayList<>();
        out.add(new Chart(overlay ? "states-variants" : "states", overlay ? "chart.states.variants" : "chart.states",
                "chart.unit.connections", end, stateSeries(runs, overlay)));
        out.add(new Chart(overlay ? "dynamic-variants" : "dynamic", overlay ? "chart.dynamic.variants" : "chart.dynamic",
                "chart.unit.rules", end, dynamicSeries(runs, overlay)));
        out.add(new Chart(overlay ? "packets-variants" : "packets", overlay ? "chart.packets.variants" : "chart.packets",
                "chart.unit.packets", end, packetSeries(runs, overlay)));
        return out;
    }

    private static String suffix(RunResult r, boolean overlay) {
        return !overlay ? "" : ScenarioRunner.BASE.equals(r.variant()) ? ".base" : ".v";
    }

    private static List<String> args(RunResult r, boolean overlay, String... args) {
        List<String> out = new ArrayList<>(List.of(args));
        if (overlay && !ScenarioRunner.BASE.equals(r.variant())) {
            out.add(r.variant());
        }
        return out;
    }

    private static List<Chart.Series> stateSeries(List<RunResult> runs, boolean overlay) {
        Set<String> keys = new TreeSet<>();
        for (RunResult r : runs) {
            for (Snapshot s : r.samples()) {
                s.tcpStates().forEach((state, n) -> {
                    if (n > 0 && !NOT_CHARTED.contains(state)) {
                        keys.add(s.host() + "\u0000" + state);
                    }
                });
            }
        }
        List<String> ordered = new ArrayList<>(keys);
        List<Chart.Series> out = new ArrayList<>();
        for (int run = 0; run < runs.size(); run++) {
            RunResult r = runs.get(run);
            for (int k = 0; k < ordered.size(); k++) {
                String[] hs = ordered.get(k).split("\u0000");
                out.add(new Chart.Series("series.state" + suffix(r, overlay), args(r, overlay, hs[0], hs[1]), k, run,
                        sampled(r, hs[0], s -> (double) s.tcpStates().getOrDefault(hs[1], 0))));
            }
        }
        return out;
    }

    private static List<Chart.Series> dynamicSeries(List<RunResult> runs, boolean overlay) {
        Set<String> hosts = new TreeSet<>();
        Set<String> countDiffers = new TreeSet<>();
        for (RunResult r : runs) {
            for (Snapshot s : r.samples()) {
                if (!s.ipfwShow().isEmpty()) {
                    hosts.add(s.host());
                }
                if (s.dynCount() != s.dynamicRules()) {
                    countDiffers.add(s.host());
                }
            }
        }
        List<Chart.Series> out = new ArrayList<>();
        for (int run = 0; run < runs.size(); run++) {
            RunResult r = runs.get(run);
            int slot = 0;
            for (String host : hosts) {
                out.add(new Chart.Series("series.dynamic" + suffix(r, overlay), args(r, overlay, host), slot++, run,
                        sampled(r, host, s -> (double) s.dynamicRules())));
                if (countDiffers.contains(host)) {
                    out.add(new Chart.Series("series.dynCount" + suffix(r, overlay), args(r, overlay, host), slot++, run,
                            sampled(r, host, s -> (double) s.dynCount())));
                }
            }
        }
        return out;
    }

    private static List<Chart.Point> sampled(RunResult r, String host, Function<Snapshot, Double> value) {
        List<Chart.Point> points = new ArrayList<>();
        for (Snapshot s : r.samples()) {
            if (s.host().equals(host)) {
                points.add(new Chart.Point(s.timeMicros(), value.apply(s)));
            }
        }
        return points;
    }

    /** Cumulative packets by kind; in the overlay only ipfw keepalives and RSTs, the figures a fix changes. */
    private static List<Chart.Series> packetSeries(List<RunResult> runs, boolean overlay) {
        Map<String, Predicate<RunResult.TimedPacket>> kinds = new LinkedHashMap<>();
        kinds.put("keepalive", p -> p.packet().origin() == Origin.IPFW_KEEPALIVE);
        kinds.put("rst", p -> p.packet().has(TcpFlags.RST));
        kinds.put("fin", p -> p.packet().has(TcpFlags.FIN));
        kinds.put("syn", p -> p.packet().has(TcpFlags.SYN));
        if (!overlay) {
            kinds.put("all", p -> true);
        } else {
            kinds.keySet().retainAll(Set.of("keepalive", "rst"));
        }
        List<Chart.Series> out = new ArrayList<>();
        for (int run = 0; run < runs.size(); run++) {
            RunResult r = runs.get(run);
            int slot = 0;
            for (var kind : kinds.entrySet()) {
                out.add(new Chart.Series("series.kind." + kind.getKey() + suffix(r, overlay), args(r, overlay), slot++,
                        run, cumulative(r, kind.getValue())));
            }
        }
        return out;
    }

    private static List<Chart.Point> cumulative(RunResult r, Predicate<RunResult.TimedPacket> kind) {
        List<Chart.Point> points = new ArrayList<>();
        long end = Math.max(1, r.endMicros());
        int index = 0;
        long count = 0;
        List<RunResult.TimedPacket> packets = r.packets();
        for (int step = 0; step <= CHART_STEPS; step++) {
            long t = end * step / CHART_STEPS;
            while (index < packets.size() && packets.get(index).timeMicros() <= t) {
                if (kind.test(packets.get(index))) {
                    count++;
                }
                index++;
            }
            points.add(new Chart.Point(t, count));
        }
        return points;
    }
}
