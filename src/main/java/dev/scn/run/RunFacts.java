package dev.scn.run;

import dev.scn.engine.trace.CausalTrace;
import dev.scn.engine.trace.TraceRecord;
import dev.scn.fact.Fact;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stored facts of a finished run, as data: what {@code explain}, the narrative and the
 * sequence diagram read. Flows are named by their text ({@code tcp 192.0.2.10.80 <-> ...}).
 * Immutable; ids are the trace's (dense from 1), so causes resolve with {@link #byId}.
 */
public final class RunFacts {
    private final List<Entry> entries;
    private final Map<String, List<Entry>> byFlow;

    /**
     * One fact.
     *
     * @param cause the id of the fact that caused it, 0 for a root
     * @param host  where it happened, null for the network or the scenario
     * @param flow  the flow it concerns, null for a host-wide fact
     */
    public record Entry(long id, long time, long cause, String host, String flow, Fact fact) {
    }

    private RunFacts(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        Map<String, List<Entry>> flows = new LinkedHashMap<>();
        for (Entry e : this.entries) {
            if (e.flow() != null) {
                flows.computeIfAbsent(e.flow(), f -> new ArrayList<>()).add(e);
            }
        }
        flows.replaceAll((f, list) -> List.copyOf(list));
        this.byFlow = flows;
    }

    static RunFacts of(CausalTrace trace) {
        List<Entry> out = new ArrayList<>(trace.records().size());
        for (TraceRecord r : trace.records()) {
            out.add(new Entry(r.id(), r.time(), r.cause(), r.host(), r.flow() == null ? null : r.flow().toString(),
                    r.fact()));
        }
        return new RunFacts(out);
    }

    public static RunFacts empty() {
        return new RunFacts(List.of());
    }

    public List<Entry> all() {
        return entries;
    }

    public Entry byId(long id) {
        return id <= 0 || id > entries.size() ? null : entries.get((int) (id - 1));
    }

    /** Every stored fact about a flow, in order. */
    public List<Entry> about(String flow) {
        return byFlow.getOrDefault(flow, List.of());
    }

    /** The fact and its causes, newest first, back to the first cause. */
    public List<Entry> chain(long id) {
        List<Entry> chain = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Entry at = byId(id);
        while (at != null && seen.add(at.id())) {
            chain.add(at);
            at = byId(at.cause());
        }
        return chain;
    }

    /** The first fact of the given type in the chain behind {@code id} (itself included), or null. */
    public <T extends Fact> Entry firstInChain(long id, Class<T> type) {
        for (Entry e : chain(id)) {
            if (type.isInstance(e.fact())) {
                return e;
            }
        }
        return null;
    }
}
