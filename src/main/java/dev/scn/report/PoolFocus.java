package dev.scn.report;

import dev.scn.fact.Fact;
import dev.scn.fact.Segment;
import dev.scn.model.Scenario;
import dev.scn.model.TrafficDecl;
import dev.scn.run.RunFacts;
import dev.scn.run.RunResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For a scenario whose connections come from a traffic pool: the pool connection worth a diagram,
 * the first (among those traced in detail) that does not end CLOSED on the server, else the first.
 * Its ends are read from its last recorded state changes.
 */
final class PoolFocus {
    private PoolFocus() {
    }

    static RunResult.Connection pick(Scenario scenario, RunResult run) {
        RunResult.Connection first = null;
        for (TrafficDecl t : scenario.traffic()) {
            int number = 0;
            for (Map.Entry<String, List<RunFacts.Entry>> flow : flowsFrom(run, t.name()).entrySet()) {
                number++; // the pool's n-th traced connection: a stable, readable name
                RunResult.Connection c = new RunResult.Connection(t.name() + "#" + number,
                        t.name(), t.target(), flow.getKey(), end(flow.getValue(), t.name()), end(flow.getValue(), t.target()));
                if (first == null) {
                    first = c;
                }
                if (c.onTarget().existed() && !"CLOSED".equals(c.onTarget().state())) {
                    return c;
                }
            }
        }
        return first;
    }

    /** The detailed flows a pool opened (its host sent their first SYN), in order of appearance. */
    private static Map<String, List<RunFacts.Entry>> flowsFrom(RunResult run, String pool) {
        Map<String, List<RunFacts.Entry>> out = new LinkedHashMap<>();
        for (RunFacts.Entry e : run.facts().all()) {
            if (e.flow() != null && pool.equals(e.host()) && !out.containsKey(e.flow())
                    && e.fact() instanceof Fact.PacketSent p && p.segment().has(Segment.SYN) && !p.segment().has(Segment.ACK)) {
                out.put(e.flow(), run.facts().about(e.flow()));
            }
        }
        return out;
    }

    private static RunResult.End end(List<RunFacts.Entry> facts, String host) {
        RunFacts.Entry last = null;
        for (RunFacts.Entry e : facts) {
            if (host.equals(e.host()) && e.fact() instanceof Fact.StateChange) {
                last = e;
            }
        }
        if (last == null) {
            return new RunResult.End("CLOSED", -1);
        }
        Fact.StateChange s = (Fact.StateChange) last.fact();
        return new RunResult.End(s.forgotten() ? "CLOSED" : s.to(), last.time());
    }
}
