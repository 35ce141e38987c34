package dev.scn.report;

import dev.scn.engine.Machine;
import dev.scn.engine.SimTime;
import dev.scn.engine.net.Origin;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.os.Profile;
import dev.scn.engine.os.Profiles;
import dev.scn.engine.os.SysctlDef;
import dev.scn.model.Action;
import dev.scn.model.HostDecl;
import dev.scn.model.Scenario;
import dev.scn.model.TimelineEntry;
import dev.scn.model.Variant;
import dev.scn.observe.Observations;
import dev.scn.observe.TcpdumpFormatter;
import dev.scn.run.ExpectationResult;
import dev.scn.run.RunResult;
import dev.scn.run.ScenarioRunner;
import dev.scn.run.ShowOutput;
import dev.scn.run.Snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/** Builds the {@link Report} of a scenario from its runs (the base first, then variants in file order). */
public final class ReportBuilder {
    /** A trace longer than this is folded in the page and written whole to a sidecar file. */
    static final int TRACE_FOLD_LINES = 200;
    static final int TRACE_HEAD = 60;
    static final int TRACE_TAIL = 20;

    /** The report and the full packet trace for the sidecar (null when the page holds all of it). */
    public record Built(Report report, String sidecarText) {
    }

    private ReportBuilder() {
    }

    /**
     * Runs the scenario for a report: packets kept; every host sampled every run/240 when the
     * scenario has no {@code sample} line of its own, so the charts have data.
     *
     * @param names the runs wanted ("base" and/or variant names), in order
     */
    public static List<RunResult> runAll(Scenario scenario, List<String> names, long maxEvents) {
        ScenarioRunner.RunOptions options = new ScenarioRunner.RunOptions(maxEvents, true, null);
        if (!samples(scenario)) {
            options = options.withSampling(Math.max(1, scenario.runMicros() / ChartsBuilder.CHART_STEPS));
        }
        ScenarioRunner runner = new ScenarioRunner(scenario, options);
        List<RunResult> out = new ArrayList<>();
        for (String name : names) {
            out.add(runner.run(name));
        }
        return out;
    }

    private static boolean samples(Scenario scenario) {
        Predicate<TimelineEntry> isSample = e -> e.action() instanceof Action.Sample;
        return scenario.timeline().stream().anyMatch(isSample)
                || scenario.variants().stream().anyMatch(v -> v.timeline().stream().anyMatch(isSample));
    }

    /**
     * @param file      the file as the user named it
     * @param stem      the report's file name without extension (the sidecar is STEM.trace.txt)
     * @param runs      the runs, the first being the one the narrative and diagram describe
     */
    public static Built build(Scenario scenario, String file, String sha256, String stem, List<RunResult> runs) {
        RunResult main = runs.get(0);
        List<RunResult> others = runs.subList(1, runs.size());
        List<RunResult.Connection> connections = connections(scenario, main);
        RunResult.Connection focus = focus(main, connections);
        SequenceDiagram sequence = focus == null ? null
                : SequenceBuilder.build(main, focus, Narrative.stateAtEnd(main, focus));
        List<String> traceLines = traceLines(main);
        String sidecarName = traceLines.size() > TRACE_FOLD_LINES ? stem + ".trace.txt" : null;
        Report.Trace trace = sidecarName == null ? new Report.Trace(traceLines.size(), traceLines, 0, List.of(), null)
                : new Report.Trace(traceLines.size(), traceLines.subList(0, TRACE_HEAD),
                traceLines.size() - TRACE_HEAD - TRACE_TAIL, traceLines.subList(traceLines.size() - TRACE_TAIL,
                traceLines.size()), sidecarName);
        List<Report.Run> runViews = runs.stream().map(r -> run(scenario, r)).toList();
        boolean allHeld = runs.stream().allMatch(r -> r.allHeld() && r.outcome() == RunResult.Outcome.COMPLETED);
        List<Report.Snap> snapshots = new ArrayList<>();
        runs.forEach(r -> snapshots.addAll(snapshots(r)));
        List<Report.HostConfig> hosts = scenario.hosts().stream().map(h -> hostConfig(h, main)).toList();
        Report report = new Report(scenario.name(), file, sha256, scenario.seed(), SimTime.human(scenario.runMicros()),
                scenario.title(), scenario.summary(), scenario.note(), allHeld, runViews,
                Narrative.of(scenario, main, others, connections), ChartsBuilder.charts(main, List.of(main), false),
                runs.size() > 1 ? ChartsBuilder.charts(main, runs, true) : List.of(), sequence, List.copyOf(snapshots), hosts, trace,
                glossary(runs, snapshots, hosts));
        return new Built(report, sidecarName == null ? null : sidecar(runs));
    }

    /** The connections the timeline named, in the order it opened them. */
    private static List<RunResult.Connection> connections(Scenario scenario, RunResult run) {
        List<RunResult.Connection> out = new ArrayList<>();
        for (TimelineEntry e : scenario.timeline()) {
            if (e.action() instanceof Action.Connect c && run.connections().containsKey(c.name())
                    && out.stream().noneMatch(x -> x.name().equals(c.name()))) {
                out.add(run.connections().get(c.name()));
            }
        }
        run.connections().keySet().stream().sorted().filter(n -> out.stream().noneMatch(x -> x.name().equals(n)))
                .forEach(n -> out.add(run.connections().get(n)));
        return out;
    }

    /** The first connection that ends abnormal (not CLOSED) on the host it connected to, else the first. */
    private static RunResult.Connection focus(RunResult run, List<RunResult.Connection> connections) {
        return connections.stream().filter(c -> !"CLOSED".equals(Narrative.stateAtEnd(run, c))).findFirst()
                .orElse(connections.isEmpty() ? null : connections.get(0));
    }

    private static Report.Run run(Scenario scenario, RunResult r) {
        List<Report.Expect> rows = new ArrayList<>();
        for (ExpectationResult e : r.expectations()) {
            rows.add(new Report.Expect(e.span().line(), SimTime.human(e.timeMicros()), e.mode(), e.subject(), e.op(),
                    e.expected(), e.actual(), e.held()));
        }
        int held = (int) r.expectations().stream().filter(ExpectationResult::held).count();
        List<String> endStates = new ArrayList<>();
        r.tcpStates().forEach((host, states) -> states.forEach((state, count) -> {
            if (count > 0 && !"LISTEN".equals(state)) {
                endStates.add(host + " " + state + " × " + count);
            }
        }));
        long dynamic = r.dynamicRules().values().stream().mapToLong(Integer::longValue).sum();
        Map<String, Long> kinds = r.packetsByKind();
        boolean base = ScenarioRunner.BASE.equals(r.variant());
        return new Report.Run(r.variant(), base, held, r.expectations().size(), rows,
                base ? List.of() : changes(scenario, r.variant()), endStates, dynamic,
                kinds.getOrDefault("keepalive", 0L), kinds.getOrDefault("rst", 0L), kinds.getOrDefault("fin", 0L),
                kinds.getOrDefault("sent", 0L), r.eventsProcessed(), r.outcome() == RunResult.Outcome.COMPLETED);
    }

    /** What a variant sets: {@code server: sysctl net.inet.ip.fw.dyn_keepalive=0 (1)} with the default. */
    private static List<String> changes(Scenario scenario, String variantName) {
        List<String> out = new ArrayList<>();
        for (Variant v : scenario.variants()) {
            if (!v.name().equals(variantName)) {
                continue;
            }
            for (HostDecl change : v.hostChanges()) {
                Profile profile = profileOf(scenario, change.name());
                for (HostDecl.SysctlLine line : change.sysctls()) {
                    String def = profile.sysctls().stream().filter(d -> d.name().equals(line.name())).findFirst()
                            .map(d -> " (" + d.defaultValue() + ")").orElse("");
                    out.add(change.name() + ": sysctl " + line.name() + "=" + line.value() + def);
                }
                for (HostDecl.IpfwLine line : change.ipfw()) {
                    out.add(change.name() + ": ipfw " + line.text());
                }
                if (change.osVersion() != null) {
                    out.add(change.name() + ": os freebsd " + change.osVersion());
                }
            }
        }
        return out;
    }

    private static Profile profileOf(Scenario scenario, String host) {
        return scenario.hosts().stream().filter(h -> h.name().equals(host)).findFirst()
                .map(h -> Profiles.resolve(h.osVersion()).profile()).orElse(Profiles.exact("5.4").orElseThrow());
    }

    private static Report.HostConfig hostConfig(HostDecl h, RunResult run) {
        Profiles.Resolution resolution = Profiles.resolve(h.osVersion());
        Profile profile = resolution.profile();
        List<Report.Setting> differ = new ArrayList<>();
        List<String> explicitDefaults = new ArrayList<>();
        for (HostDecl.SysctlLine line : h.sysctls()) {
            SysctlDef def = profile.sysctls().stream().filter(d -> d.name().equals(line.name())).findFirst().orElse(null);
            if (def == null) {
                continue;
            }
            if (def.defaultValue() != line.value()) {
                differ.add(new Report.Setting(line.name(), line.value(), def.defaultValue()));
            } else {
                explicitDefaults.add(line.name() + "=" + line.value());
            }
        }
        Machine machine = run.simulation().machine(h.name());
        String ipfwList = machine.ipfw().isPresent() ? Observations.ipfwList(machine) : "";
        return new Report.HostConfig(h.name(), h.osVersion(), profile.name(), resolution.approximate(), differ,
                explicitDefaults, ipfwList, h.addresses().stream().map(HostDecl.Address::dotted).toList());
    }

    /** The run's {@code show} outputs; then, for a run that showed no netstat at its end, each host's end state. */
    private static List<Report.Snap> snapshots(RunResult r) {
        List<Report.Snap> out = new ArrayList<>();
        boolean endShown = false;
        for (ShowOutput s : r.shows()) {
            out.add(new Report.Snap(r.variant(), SimTime.human(s.timeMicros()), s.host(), s.command(), s.text()));
            endShown |= s.timeMicros() == r.endMicros() && s.command().startsWith("netstat");
        }
        if (!endShown) {
            for (Machine m : r.simulation().machines()) {
                String time = SimTime.human(r.endMicros());
                out.add(new Report.Snap(r.variant(), time, m.name(), "netstat -an -p tcp", Observations.netstat(m)));
                if (m.ipfw().isPresent()) {
                    out.add(new Report.Snap(r.variant(), time, m.name(), "ipfw -d show", Observations.ipfwDynamicShow(m)));
                }
            }
        }
        return out;
    }

    private static List<String> traceLines(RunResult r) {
        TcpdumpFormatter tcpdump = new TcpdumpFormatter();
        List<String> lines = new ArrayList<>();
        for (RunResult.TimedPacket p : r.packets()) {
            lines.add(tcpdump.format(p.timeMicros(), p.packet()) + ("lo0".equals(p.via()) ? " (lo0)" : ""));
        }
        return lines;
    }

    private static String sidecar(List<RunResult> runs) {
        StringBuilder out = new StringBuilder();
        for (RunResult r : runs) {
            out.append("# ").append(r.scenario()).append(" [").append(r.variant()).append("] seed ").append(r.seed())
                    .append(": every packet as it left its sender, tcpdump -n style\n");
            traceLines(r).forEach(l -> out.append(l).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    // ---- glossary ----

    /** Glossary entries (bundle keys glossary.ID.term / .text) for the terms the page shows. */
    private static List<String> glossary(List<RunResult> runs, List<Report.Snap> snaps, List<Report.HostConfig> hosts) {
        StringBuilder seen = new StringBuilder();
        snaps.forEach(s -> seen.append(s.text()).append(s.command()));
        hosts.forEach(h -> seen.append(h.ipfwList()));
        for (RunResult r : runs) {
            r.samples().forEach(s -> seen.append(s.netstat()));
            long keepalives = r.packetsByKind().getOrDefault("keepalive", 0L);
            if (keepalives > 0) {
                seen.append(" dyn_keepalive dyn_ack_lifetime ");
            }
            for (RunResult.Connection c : r.connections().values()) {
                r.simulation().trace().about(c.flow()).forEach(t -> seen.append(t.detail()).append('\n'));
            }
        }
        Set<String> out = new LinkedHashSet<>();
        Map<String, String> terms = new LinkedHashMap<>();
        terms.put("finWait2", "FIN_WAIT_2");
        terms.put("closeWait", "CLOSE_WAIT");
        terms.put("timeWait", "TIME_WAIT");
        terms.put("keepState", "keep-state");
        terms.put("checkState", "check-state");
        terms.put("dynamicRule", "STATE tcp");
        terms.put("dynKeepalive", "dyn_keepalive");
        terms.put("dynAckLifetime", "dyn_ack_lifetime");
        terms.put("maxidle", "maxidle");
        terms.put("keepintvl", "keepintvl");
        terms.put("rcvtime", "t_rcvtime");
        terms.put("rst", "[R");
        terms.put("tcpdump", "");
        terms.put("netstat", "");
        String text = seen.toString();
        terms.forEach((id, token) -> {
            if (token.isEmpty() || text.contains(token)) {
                out.add(id);
            }
        });
        return List.copyOf(out);
    }
}
