package dev.scn.model;

import java.util.List;

/**
 * One {@code scenario NAME { ... }} block.
 *
 * @param runMicros         how long the clock runs (the {@code run} line)
 * @param timeline          timed lines in file order, with times resolved to absolute microseconds
 * @param variants          re-runs with changes; the base run is not among them
 * @param startEpochSeconds the wall-clock instant (UTC, seconds since 1970) at simulated time 0:
 *                          the {@code start} line, else {@link #DEFAULT_START}. It only labels
 *                          time (tcpdump's time of day, pcap timestamps); no timer depends on it.
 */
public record Scenario(String name, Span span, Texts title, Texts summary, Texts note, long seed, long runMicros,
                       List<HostDecl> hosts, List<LinkDecl> links, List<PathRule> pathRules,
                       List<TimelineEntry> timeline, List<TrafficDecl> traffic, List<Variant> variants,
                       long startEpochSeconds) {
    /**
     * 2005-06-01 00:00:00 UTC, the start of a scenario without a {@code start} line: a fixed
     * instant, so the same file always gives the same bytes (the seed incident is from 2005).
     */
    public static final long DEFAULT_START = 1_117_584_000L;

    /** A scenario without a {@code start} line: it starts at {@link #DEFAULT_START}. */
    public Scenario(String name, Span span, Texts title, Texts summary, Texts note, long seed, long runMicros,
                    List<HostDecl> hosts, List<LinkDecl> links, List<PathRule> pathRules,
                    List<TimelineEntry> timeline, List<TrafficDecl> traffic, List<Variant> variants) {
        this(name, span, title, summary, note, seed, runMicros, hosts, links, pathRules, timeline, traffic, variants,
                DEFAULT_START);
    }
}
