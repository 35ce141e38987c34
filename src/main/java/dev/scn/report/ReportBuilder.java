package dev.scn.report;

import dev.scn.fact.Times;
import dev.scn.model.Action;
import dev.scn.model.HostDecl;
import dev.scn.model.Scenario;
import dev.scn.model.TimelineEntry;
import dev.scn.model.Variant;
import dev.scn.run.ExpectationResult;
import dev.scn.run.HostEnd;
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
     * @param file      the file as the user named it
     * @param stem      the report's file name without extension (the sidecar is STEM.trace.txt)
     * @param runs      the runs, the first being the one the narrative and diagram describe
     */
    public static Built build(Scenario scenario, String file, String sha256, String stem, List<RunResult> runs) {
        RunResult main = runs.get(0);
        List<RunResult> others = runs.subList(1, runs.size());
        List<RunResult.Connection> connections = connections(scenario, main);
        RunResult.Connection focus = focus(main, connections);
        List<Report.Diagram> sequences = new ArrayList<>();
        for (RunResult r : runs) {
            RunResult.Connection c = focus == null ? PoolFocus.pick(scenario, r) : r.connections().get(focus.name());
            if (c != null) {
                sequences.add(new Report.Diagram(r.variant(), ScenarioRunner.BASE.equals(r.variant()),
                        SequenceBuilder.build(r, c)));
            }
        }
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
        List<Report.Paragraph> narrative = Narrative.of(scenario, main, others, connections);
        Report report = new Report(scenario.name(), file, sha256, scenario.seed(), Times.human(scenario.runMicros()),
                scenario.title(), scenario.summary(), scenario.note(), allHeld, runViews,
                narrative, ChartsBuilder.charts(main, List.of(main), false),
                runs.size() > 1 ? ChartsBuilder.charts(main, runs, true) : List.of(), List.copyOf(sequences),
                List.copyOf(snapshots), hosts, trace,
                glossary(runs, snapshots, hosts, narrative), KeyFigures.of(runs, connections));
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
        return connections.stream().filter(c -> !"CLOSED".equals(c.onTarget().state())).findFirst()
                .orElse(connections.isEmpty() ? null : connections.get(0));
    }

    private static Report.Run run(Scenario scenario, RunResult r) {
        List<Report.Expect> rows = new ArrayList<>();
        for (ExpectationResult e : r.expectations()) {
            rows.add(new Report.Expect(e.span().line(), Times.human(e.timeMicros()), e.mode(), e.subject(), e.op(),
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
                base ? List.of() : changes(scenario, r), endStates, dynamic,
                kinds.getOrDefault("keepalive", 0L), kinds.getOrDefault("rst", 0L), kinds.getOrDefault("fin", 0L),
                kinds.getOrDefault("sent", 0L), r.eventsProcessed(), r.outcome() == RunResult.Outcome.COMPLETED);
    }

    /** What a variant sets: {@code server: sysctl net.inet.ip.fw.dyn_keepalive=0 (1)} with the default. */
    private static List<String> changes(Scenario scenario, RunResult run) {
        List<String> out = new ArrayList<>();
        for (Variant v : scenario.variants()) {
            if (!v.name().equals(run.variant())) {
                continue;
            }
            for (HostDecl change : v.hostChanges()) {
                HostEnd host = run.hosts().get(change.name());
                for (HostDecl.SysctlLine line : change.sysctls()) {
                    String def = host == null ? "" : host.sysctls().stream().filter(d -> d.name().equals(line.name()))
                            .findFirst().map(d -> " (" + d.defaultValue() + ")").orElse("");
                    out.add(change.name() + ": sysctl " + line.name() + "=" + line.value() + def);
                }
                for (HostDecl.IpfwLine line : change.ipfw()) {
                    out.add(change.name() + ": ipfw " + line.text());
                }
                if (change.osVersion() != null) {
                    out.add(change.name() + ": os freebsd " + change.osVersion());
                }
            }
            // An operator's command the variant adds to the timeline is a change too.
            for (TimelineEntry entry : v.timeline()) {
                String command = operatorCommand(entry.action());
                if (command != null && entry.timing() instanceof dev.scn.model.Timing.At at) {
                    out.add("at " + Times.human(at.micros()) + " " + command);
                }
            }
        }
        return out;
    }

    /** The text of a timeline command that changes a host ({@code on H sysctl/ipfw/ifconfig}), else null. */
    private static String operatorCommand(Action action) {
        if (action instanceof Action.Sysctl c) {
            return c.host() + ": sysctl " + c.name() + "=" + c.value();
        } else if (action instanceof Action.Ipfw c) {
            return c.host() + ": ipfw " + c.line().text();
        } else if (action instanceof Action.Ifconfig c) {
            return c.host() + ": ifconfig " + c.interfaceName() + (c.up() ? " up" : " down");
        }
        return null;
    }

    /** A host's configuration in the base run: sysctls set away from their defaults, its rules. */
    private static Report.HostConfig hostConfig(HostDecl h, RunResult run) {
        HostEnd end = run.hosts().get(h.name());
        List<Report.Setting> differ = new ArrayList<>();
        List<String> explicitDefaults = new ArrayList<>();
        for (HostDecl.SysctlLine line : h.sysctls()) {
            HostEnd.Setting def = end.sysctls().stream().filter(d -> d.name().equals(line.name())).findFirst()
                    .orElse(null);
            if (def == null) {
                continue;
            }
            if (def.defaultValue() != line.value()) {
                differ.add(new Report.Setting(line.name(), line.value(), def.defaultValue()));
            } else {
                explicitDefaults.add(line.name() + "=" + line.value());
            }
        }
        return new Report.HostConfig(h.name(), h.osVersion(), end.profile(), end.approximate(), differ,
                explicitDefaults, end.ipfwList(), h.addresses().stream().map(HostDecl.Address::dotted).toList());
    }

    /** The run's {@code show} outputs; then, for a run that showed no netstat at its end, each host's end state. */
    private static List<Report.Snap> snapshots(RunResult r) {
        List<Report.Snap> out = new ArrayList<>();
        boolean endShown = false;
        for (ShowOutput s : r.shows()) {
            out.add(new Report.Snap(r.variant(), Times.human(s.timeMicros()), s.host(), s.command(), s.text()));
            endShown |= s.timeMicros() == r.endMicros() && s.command().startsWith("netstat");
        }
        peak(r).ifPresent(p -> {
            String time = Times.human(p.timeMicros());
            out.add(new Report.Snap(r.variant(), time, p.host(), "netstat -an -p tcp", p.netstat()));
            if (!p.ipfwShow().isEmpty()) {
                out.add(new Report.Snap(r.variant(), time, p.host(), "ipfw -d show", p.ipfwShow()));
            }
        });
        if (!endShown) {
            for (HostEnd m : r.hosts().values()) {
                String time = Times.human(r.endMicros());
                out.add(new Report.Snap(r.variant(), time, m.name(), "netstat -an -p tcp", m.netstat()));
                if (m.hasIpfw()) {
                    out.add(new Report.Snap(r.variant(), time, m.name(), "ipfw -d show", m.ipfwShow()));
                }
            }
        }
        out.removeIf(snap -> snap.text().isBlank());
        return out;
    }

    /**
     * The sample with the most connections in states other than LISTEN and CLOSED (the peak of
     * what piles up), when it is neither empty nor at the run's end; the earliest of equals.
     */
    private static java.util.Optional<Snapshot> peak(RunResult r) {
        Snapshot best = null;
        int bestCount = 0;
        for (Snapshot s : r.samples()) {
            int n = s.tcpStates().entrySet().stream().filter(e -> !"LISTEN".equals(e.getKey())
                    && !"CLOSED".equals(e.getKey())).mapToInt(Map.Entry::getValue).sum();
            if (n > bestCount) {
                best = s;
                bestCount = n;
            }
        }
        return best == null || best.timeMicros() >= r.endMicros() ? java.util.Optional.empty()
                : java.util.Optional.of(best);
    }

    private static List<String> traceLines(RunResult r) {
        List<String> lines = new ArrayList<>();
        for (RunResult.TimedPacket p : r.packets()) {
            lines.add(p.tcpdump() + ("lo0".equals(p.via()) ? " (lo0)" : ""));
        }
        return lines;
    }

    private static String sidecar(List<RunResult> runs) {
        StringBuilder out = new StringBuilder();
        for (RunResult r : runs) {
            out.append("# ").append(r.scenario()).append(" [").append(r.variant()).append("] seed ").append(r.seed())
                    .append(": every packet as it left its sender, tcpdump -n style\n");
            traceLines(r).forEach(l -> out.append(l).append('\n'));
            if (r.packetsNotKept() > 0) {
                out.append("# ... and ").append(r.packetsNotKept()).append(" later packets, not kept: a report keeps the first ")
                        .append(r.packets().size()).append(" packets of a run\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static List<Report.Phrase> concat(Report.Phrase first, List<Report.Phrase> rest) {
        List<Report.Phrase> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    // ---- glossary ----

    /** Glossary entries (bundle keys glossary.ID.term / .text) for the terms the page shows. */
    private static List<String> glossary(List<RunResult> runs, List<Report.Snap> snaps, List<Report.HostConfig> hosts,
                                         List<Report.Paragraph> narrative) {
        StringBuilder seen = new StringBuilder();
        snaps.forEach(s -> seen.append(s.text()).append(s.command()));
        hosts.forEach(h -> seen.append(h.ipfwList()));
        for (RunResult r : runs) {
            r.samples().forEach(s -> seen.append(s.netstat()));
            long keepalives = r.packetsByKind().getOrDefault("keepalive", 0L);
            if (keepalives > 0) {
                seen.append(" dyn_keepalive dyn_ack_lifetime ");
            }
        }
        // the narrative's own words: its keys and the values it quotes
        for (Report.Paragraph p : narrative) {
            for (Report.Phrase phrase : concat(p.heading(), p.steps())) {
                seen.append(phrase.key()).append(' ').append(String.join(" ", phrase.args())).append('\n');
            }
        }
        if (seen.indexOf("story.idle") >= 0 || seen.indexOf("story.nextCheck") >= 0) {
            seen.append(" t_rcvtime ");
        }
        if (seen.indexOf("story.rst") >= 0) {
            seen.append(" [R ");
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
