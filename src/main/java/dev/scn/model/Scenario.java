package dev.scn.model;

import java.util.List;

/**
 * One {@code scenario NAME { ... }} block.
 *
 * @param runMicros how long the clock runs (the {@code run} line)
 * @param timeline  timed lines in file order, with times resolved to absolute microseconds
 * @param variants  re-runs with changes; the base run is not among them
 */
public record Scenario(String name, Span span, Texts title, Texts summary, Texts note, long seed, long runMicros,
                       List<HostDecl> hosts, List<LinkDecl> links, List<PathRule> pathRules,
                       List<TimelineEntry> timeline, List<TrafficDecl> traffic, List<Variant> variants) {
}
