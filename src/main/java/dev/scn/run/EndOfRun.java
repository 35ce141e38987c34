package dev.scn.run;

import dev.scn.engine.Machine;
import dev.scn.engine.Simulation;
import dev.scn.engine.ipfw.Ipfw;
import dev.scn.engine.os.Profiles;
import dev.scn.engine.os.Sysctl;
import dev.scn.engine.os.SysctlDef;
import dev.scn.engine.tcp.TcpConnection;
import dev.scn.fact.Fact;
import dev.scn.model.HostDecl;
import dev.scn.model.Scenario;
import dev.scn.observe.Observations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes the end-of-run snapshot of a finished simulation: each host as its tools show it and each
 * named connection's ends. After this, nothing of the run needs the live simulation.
 */
final class EndOfRun {
    private EndOfRun() {
    }

    static Map<String, HostEnd> hosts(Simulation sim, Scenario scenario) {
        Map<String, HostEnd> out = new LinkedHashMap<>();
        for (Machine m : sim.machines()) {
            HostDecl decl = scenario.hosts().stream().filter(h -> h.name().equals(m.name())).findFirst().orElse(null);
            out.put(m.name(), host(m, decl));
        }
        return Collections.unmodifiableMap(out);
    }

    private static HostEnd host(Machine m, HostDecl decl) {
        String release = decl == null ? m.tcp().profile().name() : decl.osVersion();
        boolean approximate = decl != null && Profiles.resolve(decl.osVersion()).approximate();
        List<HostEnd.Setting> settings = new ArrayList<>();
        for (SysctlDef def : m.sysctls().definitions()) {
            settings.add(new HostEnd.Setting(def.name(), m.sysctls().get(def.name()), def.defaultValue()));
        }
        Ipfw ipfw = m.ipfw().orElse(null);
        if (ipfw == null) {
            return new HostEnd(m.name(), release, m.tcp().profile().name(), approximate, code(m), Observations.netstat(m),
                    "", "",
                    -1, -1, -1, List.copyOf(settings), List.of(), List.of(), syncache(m));
        }
        long now = ipfw.now();
        List<HostEnd.DynamicEnd> states = ipfw.states().stream()
                .map(q -> new HostEnd.DynamicEnd(q.ruleNumber(), q.flow().toString(), q.remaining(now), q.dead(now)))
                .toList();
        List<HostEnd.LogLine> log = ipfw.logLines().stream()
                .map(l -> new HostEnd.LogLine(l.time(), l.text(), l.tableFull())).toList();
        return new HostEnd(m.name(), release, m.tcp().profile().name(), approximate, code(m), Observations.netstat(m),
                Observations.ipfwDynamicShow(m), Observations.ipfwList(m), ipfw.liveCount(), ipfw.dynCount(),
                m.sysctls().get(Sysctl.IPFW_DYN_MAX), List.copyOf(settings), states, log, syncache(m));
    }

    private static HostEnd.SyncacheEnd syncache(Machine m) {
        dev.scn.engine.tcp.SyncacheStats s = m.tcp().syncacheStats();
        return new HostEnd.SyncacheEnd(m.tcp().syncacheSize(), s.added(), s.stale(), s.bucketOverflow(),
                s.cacheOverflow(), s.zoneFail(), s.recvCookie());
    }

    private static String code(Machine m) {
        return m.tcp().profile().ipfwEra().name();
    }

    /** The named connection with both of its ends as they are at the end of the run. */
    static RunResult.Connection connection(Simulation sim, RunFacts facts, String name, String host, String target,
                                           dev.scn.engine.flow.FlowKey flow) {
        String key = flow.toString();
        return new RunResult.Connection(name, host, target, key, end(sim, facts, host, flow), end(sim, facts, target, flow));
    }

    private static RunResult.End end(Simulation sim, RunFacts facts, String host, dev.scn.engine.flow.FlowKey flow) {
        TcpConnection tcp = sim.machine(host).tcp().connection(flow);
        long since = -1;
        for (RunFacts.Entry e : facts.about(flow.toString())) {
            if (host.equals(e.host()) && e.fact() instanceof Fact.StateChange) {
                since = e.time();
            }
        }
        return new RunResult.End(tcp == null ? "CLOSED" : tcp.state().netstatName(), since);
    }
}
