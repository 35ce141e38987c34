package dev.scn.engine.trace;

import dev.scn.engine.flow.FlowKey;
import dev.scn.fact.Fact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The causal trace: what happened, when, and because of what.
 *
 * <p>Memory stays bounded: full records are stored only for "detailed" flows (chosen ones, plus
 * the first few flows that appear, up to a limit) and host-wide events, and never more than
 * {@code maxRecords}; every other occurrence only bumps a counter per {@link TraceKind}.
 * Callers test {@link #detailed(FlowKey)} before they build a fact, so an untraced flow
 * costs no allocation.
 */
public final class CausalTrace {
    private final Set<FlowKey> detailedFlows = new HashSet<>();
    /**
     * A bit per hash bucket of the detailed flows: most packets belong to flows that are not
     * detailed, and one clear bit answers for them without probing the set.
     */
    private final long[] detailedHashBits = new long[64];
    private final int autoDetailLimit;
    private final int maxRecords;
    private final List<TraceRecord> records = new ArrayList<>();
    private final long[] counters = new long[TraceKind.values().length];
    private long currentCause;
    private long recordsNotStored;
    private LongClock clock = () -> 0L;

    /**
     * @param autoDetailLimit how many flows, in order of first appearance, get full detail
     * @param maxRecords      hard cap on stored records
     */
    public CausalTrace(int autoDetailLimit, int maxRecords) {
        this.autoDetailLimit = autoDetailLimit;
        this.maxRecords = maxRecords;
    }

    public static CausalTrace withDefaults() {
        return new CausalTrace(64, 2_000_000);
    }

    /** The trace reads time through the simulator that owns it. */
    public void attachClock(LongClock clock) {
        this.clock = clock;
    }

    /** Asks for full detail on this flow whatever the automatic limit says. */
    public void detail(FlowKey flow) {
        addDetailed(flow);
    }

    /**
     * Called when a flow first appears (a SYN, a new dynamic state): it gets full detail while
     * the automatic limit is not reached.
     */
    public void flowAppeared(FlowKey flow) {
        if (detailedFlows.size() < autoDetailLimit) {
            addDetailed(flow);
        }
    }

    private void addDetailed(FlowKey flow) {
        detailedFlows.add(flow);
        int bit = hashBit(flow);
        detailedHashBits[bit >>> 6] |= 1L << bit;
    }

    public boolean detailed(FlowKey flow) {
        if (flow == null) {
            return true;
        }
        int bit = hashBit(flow);
        return (detailedHashBits[bit >>> 6] & (1L << bit)) != 0 && detailedFlows.contains(flow);
    }

    /** One of 4096 bits; the hash is spread first, since flows of one pool differ in few bits. */
    private static int hashBit(FlowKey flow) {
        int h = flow.hashCode() * 0x9E3779B9;
        return (h ^ (h >>> 16)) & 4095;
    }

    public long currentCause() {
        return currentCause;
    }

    public void setCurrentCause(long cause) {
        this.currentCause = cause;
    }

    /** True once the automatic detail has taken its flows: a new flow then only counts. */
    public boolean autoDetailFull() {
        return detailedFlows.size() >= autoDetailLimit;
    }

    /** Adds counts per kind (in {@link TraceKind} order): what a replayed connection's work counted. */
    public void addCounts(long[] perKind) {
        for (int i = 0; i < perKind.length; i++) {
            counters[i] += perKind[i];
        }
    }

    /** Counts an occurrence without storing it. */
    public void count(TraceKind kind) {
        counters[kind.ordinal()]++;
    }

    /** Counts {@code n} occurrences without storing them. */
    public void count(TraceKind kind, long n) {
        counters[kind.ordinal()] += n;
    }

    /**
     * Counts the occurrence and, for a detailed flow, stores it with the current cause.
     *
     * @return the new record's id, or 0 when it was only counted
     */
    public long record(TraceKind kind, String host, FlowKey flow, Fact fact) {
        counters[kind.ordinal()]++;
        if (!detailed(flow)) {
            return 0;
        }
        if (records.size() >= maxRecords) {
            recordsNotStored++;
            return 0;
        }
        long id = records.size() + 1L;
        records.add(new TraceRecord(id, clock.now(), currentCause, kind, host, flow, fact));
        return id;
    }

    /** Like {@link #record}, and makes the new record the cause of what follows in this event. */
    public long recordAndFollow(TraceKind kind, String host, FlowKey flow, Fact fact) {
        long id = record(kind, host, flow, fact);
        if (id != 0) {
            currentCause = id;
        }
        return id;
    }

    public TraceRecord byId(long id) {
        if (id <= 0 || id > records.size()) {
            return null;
        }
        return records.get((int) (id - 1));
    }

    public List<TraceRecord> records() {
        return Collections.unmodifiableList(records);
    }

    public long counter(TraceKind kind) {
        return counters[kind.ordinal()];
    }

    public Map<TraceKind, Long> counters() {
        Map<TraceKind, Long> out = new EnumMap<>(TraceKind.class);
        for (TraceKind kind : TraceKind.values()) {
            out.put(kind, counters[kind.ordinal()]);
        }
        return out;
    }

    public long recordsNotStored() {
        return recordsNotStored;
    }

    /**
     * A SHA-256 over every stored record and every counter: two runs are the same run exactly
     * when their digests are equal.
     */
    public String digest() {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            StringBuilder line = new StringBuilder();
            for (TraceRecord r : records) {
                line.setLength(0);
                line.append(r.id()).append('|').append(r.time()).append('|').append(r.cause()).append('|')
                        .append(r.kind()).append('|').append(r.host()).append('|').append(r.flow()).append('|')
                        .append(r.detail()).append('\n');
                sha.update(line.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            for (long counter : counters) {
                sha.update(Long.toString(counter).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) ',');
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** The record and its causes, from the record back to the first cause. */
    public List<TraceRecord> chain(long id) {
        List<TraceRecord> chain = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        TraceRecord at = byId(id);
        while (at != null && seen.add(at.id())) {
            chain.add(at);
            at = byId(at.cause());
        }
        return chain;
    }

    /**
     * The latest record at or before {@code time} about the flow on the host whose kind is one of
     * {@code kinds}: "what last reset this timer", "what last refreshed this state".
     */
    public TraceRecord last(FlowKey flow, String host, Set<TraceKind> kinds, long time) {
        for (int i = records.size() - 1; i >= 0; i--) {
            TraceRecord r = records.get(i);
            if (r.time() > time) {
                continue;
            }
            if (kinds.contains(r.kind()) && flow.equals(r.flow()) && (host == null || host.equals(r.host()))) {
                return r;
            }
        }
        return null;
    }

    /** All stored records about a flow, in order. */
    public List<TraceRecord> about(FlowKey flow) {
        List<TraceRecord> out = new ArrayList<>();
        for (TraceRecord r : records) {
            if (flow.equals(r.flow())) {
                out.add(r);
            }
        }
        return out;
    }

    /** The simulator's clock, as the trace sees it. */
    @FunctionalInterface
    public interface LongClock {
        long now();
    }
}
