package dev.scn.model;

import java.util.List;

/**
 * {@code variant "NAME" { ... }}: the base scenario re-run with changes (README "Variants"):
 * host settings replaced or added, links replaced or added, path rules added or removed,
 * timeline lines added; an expectation written {@code replace expect} replaces the base's ones
 * on its subject, any other is added to them.
 *
 * @param hostChanges      partial host blocks ({@code host NAME { sysctl ... }}) and bare
 *                         {@code on H sysctl ...} lines applied at time 0
 * @param links            {@code link A B ...}: each replaces the base's link between A and B
 *                         as a whole, or adds one
 * @param pathRules        {@code drop on} and {@code blackhole} lines added to the base's
 * @param removedPathRules {@code no drop on ...} and {@code no blackhole ...}: base rules taken away
 * @param replacing        the entries of {@code timeline} written {@code replace expect}
 */
public record Variant(String name, Span span, List<HostDecl> hostChanges, List<TimelineEntry> timeline,
                      List<LinkDecl> links, List<PathRule> pathRules, List<PathRule> removedPathRules,
                      List<TimelineEntry> replacing) {

    /** A variant that changes only hosts and the timeline, adding its expectations. */
    public Variant(String name, Span span, List<HostDecl> hostChanges, List<TimelineEntry> timeline) {
        this(name, span, hostChanges, timeline, List.of(), List.of(), List.of(), List.of());
    }
}
