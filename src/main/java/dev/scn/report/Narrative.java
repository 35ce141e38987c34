package dev.scn.report;

import dev.scn.engine.Machine;
import dev.scn.engine.ipfw.DynamicState;
import dev.scn.engine.os.Sysctls;
import dev.scn.engine.tcp.TcpConnection;
import dev.scn.engine.trace.TraceKind;
import dev.scn.engine.trace.TraceRecord;
import dev.scn.model.HostDecl;
import dev.scn.model.Scenario;
import dev.scn.run.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Section 2, "what happened": for each connection the timeline opened, the chain that kept it
 * alive (or how it ended), read from the causal trace with the real numbers. Produces bundle
 * keys and arguments only; each language words the sentences itself.
 */
final class Narrative {
    /** tcp_timer.h TCPTV_KEEPCNT (model-freebsd.md §5), when the profile has no keepcnt sysctl. */
    private static final long KEEPCNT = 8;
    private static final Pattern RULE = Pattern.compile("rule (\\d+)");
    private static final Pattern LIFETIME = Pattern.compile("now\\+(\\d+) s \\((net\\.inet\\.ip\\.fw\\.\\w+)\\)");
    private static final Pattern ARMED = Pattern.compile("^(\\S+) timer armed for (\\d+(?:\\.\\d+)?) s");

    private final Scenario scenario;
    private final RunResult base;
    private final List<RunResult> others;
    private final List<Report.Phrase> out = new ArrayList<>();

    private Narrative(Scenario scenario, RunResult base, List<RunResult> others) {
        this.scenario = scenario;
        this.base = base;
        this.others = others;
    }

    static List<Report.Phrase> of(Scenario scenario, RunResult base, List<RunResult> others,
                                  List<RunResult.Connection> connections) {
        Narrative n = new Narrative(scenario, base, others);
        if (connections.isEmpty()) {
            n.say("story.noConnections");
        }
        for (RunResult.Connection c : connections) {
            n.connection(c);
        }
        n.hostsAtTheEnd();
        return List.copyOf(n.out);
    }

    /**
     * The hosts as a whole at the end of the base run: traffic sent, TCP states that remain, and
     * for each host with ipfw its dynamic rules against dyn_max and any table-full log lines.
     */
    private void hostsAtTheEnd() {
        for (var traffic : scenario.traffic()) {
            long syns = base.packetsPerHost().getOrDefault(traffic.name(), java.util.Map.of()).getOrDefault("syn", 0L);
            say("story.traffic", traffic.name(), syns, traffic.target(), traffic.port());
        }
        for (HostDecl host : scenario.hosts()) {
            var machine = base.simulation().machine(host.name());
            var states = base.tcpStates().get(host.name());
            if (states != null) {
                for (String state : List.of("SYN_RCVD", "ESTABLISHED", "CLOSE_WAIT", "FIN_WAIT_1", "CLOSING",
                        "LAST_ACK", "FIN_WAIT_2", "TIME_WAIT")) {
                    int n = states.getOrDefault(state, 0);
                    if (n > 0 && connectionsNamed() < n) {
                        say("story.hostState", host.name(), n, state);
                    }
                }
            }
            machine.ipfw().ifPresent(ipfw -> {
                say("story.ipfwTable", host.name(), ipfw.liveCount(), ipfw.dynCount(),
                        machine.sysctls().get("net.inet.ip.fw.dyn_max"));
                List<dev.scn.engine.ipfw.Ipfw.LogLine> full = ipfw.logLines().stream()
                        .filter(l -> l.text().contains("Too many dynamic rules") || l.text().contains("Cannot allocate"))
                        .toList();
                if (!full.isEmpty()) {
                    say("story.ipfwFull", host.name(), full.get(0).text(), full.size(),
                            Format.seconds(full.get(0).time()), Format.seconds(full.get(full.size() - 1).time()));
                }
            });
        }
    }

    /** Connections the timeline named: the paragraphs above already told their story. */
    private int connectionsNamed() {
        return base.connections().size();
    }

    private void say(String key, Object... args) {
        List<String> strings = new ArrayList<>();
        for (Object a : args) {
            strings.add(String.valueOf(a));
        }
        out.add(new Report.Phrase(key, List.copyOf(strings)));
    }

    static String stateAtEnd(RunResult run, RunResult.Connection c) {
        TcpConnection tcp = run.simulation().machine(c.target()).tcp().connection(c.flow());
        return tcp == null ? "CLOSED" : tcp.state().netstatName();
    }

    private void connection(RunResult.Connection c) {
        List<TraceRecord> records = base.simulation().trace().about(c.flow());
        String state = stateAtEnd(base, c);
        TraceRecord lastState = last(records, TraceKind.TCP_STATE, c.target());
        String entered = lastState == null ? "0" : Format.seconds(lastState.time());
        if ("CLOSED".equals(state)) {
            say("story.closed", c.name(), c.host(), c.target(), entered);
            variants(c);
            return;
        }
        say("story.alive", c.name(), c.host(), c.target(), state, entered, base.endMicros() == 0 ? "0"
                : dev.scn.engine.SimTime.human(base.endMicros()));
        records.stream().filter(r -> r.kind() == TraceKind.TCP_STATE && c.host().equals(r.host())
                && r.detail().contains("(forgotten")).findFirst().ifPresent(r -> say(
                strayDrops(c.host()) ? "story.forgotten.drop" : "story.forgotten.rst", c.host(), Format.seconds(r.time())));
        Machine server = base.simulation().machine(c.target());
        long keepintvl = server.sysctls().get("net.inet.tcp.keepintvl") / 1000;
        long keepcnt = keepcnt(server.sysctls());
        long maxidle = keepcnt * keepintvl;
        TraceRecord armed = last(records, TraceKind.TCP_TIMER_ARMED, c.target());
        Matcher armedText = armed == null ? null : ARMED.matcher(armed.detail());
        if (armedText != null && armedText.find()) {
            say("story.timerArmed", armedText.group(1), Format.seconds(armed.time()), armedText.group(2), keepcnt, keepintvl);
        }
        List<TraceRecord> keepalives = records.stream().filter(r -> r.kind() == TraceKind.IPFW_KEEPALIVE).toList();
        if (!keepalives.isEmpty()) {
            keepaliveChain(c, records, keepalives, state, armed, maxidle, keepintvl);
        } else {
            say("story.noKeepalive", c.target());
        }
        server.ipfw().ifPresent(ipfw -> ipfw.states().stream().filter(s -> s.flow().equals(c.flow())).findFirst()
                .ifPresent(s -> dynamicAtEnd(s, ipfw.now(), c.target())));
        variants(c);
    }

    private void keepaliveChain(RunResult.Connection c, List<TraceRecord> records, List<TraceRecord> keepalives,
                                String state, TraceRecord armed, long maxidle, long keepintvl) {
        long first = keepalives.get(0).time();
        List<TraceRecord> rounds = keepalives.stream().filter(r -> r.detail().contains("to the server side")).toList();
        if (rounds.isEmpty()) {
            rounds = keepalives;
        }
        long period = rounds.size() < 2 ? 0
                : (rounds.get(rounds.size() - 1).time() - rounds.get(0).time()) / (rounds.size() - 1);
        Matcher rule = RULE.matcher(keepalives.get(0).detail());
        String ruleNumber = rule.find() ? rule.group(1) : "?";
        String ipfwHost = keepalives.get(0).host();
        long dynKeepalive = base.simulation().machine(ipfwHost).sysctls().get("net.inet.ip.fw.dyn_keepalive");
        say("story.keepalives", ruleNumber, ipfwHost, rounds.size(), keepalives.size(), Format.seconds(first),
                Format.seconds(period), dynKeepalive);
        List<TraceRecord> refreshes = records.stream()
                .filter(r -> r.kind() == TraceKind.DYN_REFRESHED && r.time() >= first).toList();
        if (!refreshes.isEmpty()) {
            Matcher life = LIFETIME.matcher(refreshes.get(refreshes.size() - 1).detail());
            if (life.find()) {
                say("story.refresh", refreshes.size(), address(c.target()), life.group(1), life.group(2));
            }
        }
        long resets = records.stream().filter(r -> r.kind() == TraceKind.TCP_IDLE_RESET && c.target().equals(r.host())
                && r.time() >= first).count();
        long fired = records.stream().filter(r -> r.kind() == TraceKind.TCP_TIMER_FIRED && c.target().equals(r.host()))
                .count();
        say("story.idle", c.target(), resets, state, fired, maxidle, keepintvl);
        if (armed != null) {
            TraceRecord lastBefore = null;
            for (TraceRecord r : records) {
                if (r.kind() == TraceKind.TCP_IDLE_RESET && c.target().equals(r.host()) && r.time() < first) {
                    lastBefore = r;
                }
            }
            long lastReceived = lastBefore == null ? armed.time() : lastBefore.time();
            long micros = 1_000_000L;
            long check = armed.time() + maxidle * micros;
            long firstCheck = check;
            // tcp_timer_2msl: re-arm for keepintvl while idle <= maxidle (model-freebsd.md §5)
            while (check - lastReceived <= maxidle * micros) {
                check += keepintvl * micros;
            }
            say("story.without", c.name(), Format.seconds(check), Format.seconds(armed.time()),
                    Format.seconds(firstCheck), keepintvl);
        }
    }

    private void dynamicAtEnd(DynamicState s, long now, String host) {
        if (s.dead(now)) {
            say("story.dynDead", s.ruleNumber(), host);
        } else {
            // ipfw keeps time in whole seconds (time_uptime), so remaining() is in seconds
            say("story.dynAlive", s.ruleNumber(), host, s.remaining(now));
        }
    }

    private void variants(RunResult.Connection c) {
        for (RunResult run : others) {
            RunResult.Connection vc = run.connections().get(c.name());
            if (vc == null) {
                continue;
            }
            String state = stateAtEnd(run, vc);
            if ("CLOSED".equals(state)) {
                TraceRecord closed = last(run.simulation().trace().about(vc.flow()), TraceKind.TCP_STATE, vc.target());
                say("story.variantClosed", run.variant(), c.name(), c.target(),
                        closed == null ? "0" : Format.seconds(closed.time()));
            } else {
                say("story.variantAlive", run.variant(), c.name(), c.target(), state);
            }
        }
    }

    private static TraceRecord last(List<TraceRecord> records, TraceKind kind, String host) {
        TraceRecord found = null;
        for (TraceRecord r : records) {
            if (r.kind() == kind && host.equals(r.host())) {
                found = r;
            }
        }
        return found;
    }

    private static long keepcnt(Sysctls sysctls) {
        return sysctls.exists("net.inet.tcp.keepcnt") ? sysctls.get("net.inet.tcp.keepcnt") : KEEPCNT;
    }

    private boolean strayDrops(String host) {
        return scenario.hosts().stream().anyMatch(h -> h.name().equals(host) && h.stray() == HostDecl.Stray.DROP);
    }

    private String address(String host) {
        return scenario.hosts().stream().filter(h -> h.name().equals(host)).findFirst()
                .filter(h -> !h.addresses().isEmpty()).map(h -> h.addresses().get(0).dotted()).orElse(host);
    }
}
