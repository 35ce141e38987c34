package dev.scn.model;

import java.util.List;

/**
 * {@code variant "NAME" { ... }}: the base scenario re-run with host settings replaced or
 * added, timeline lines added, and expectations replacing those of the same subject.
 *
 * @param hostChanges partial host blocks ({@code host NAME { sysctl ... }}) and bare
 *                    {@code on H sysctl ...} lines applied at time 0
 */
public record Variant(String name, Span span, List<HostDecl> hostChanges, List<TimelineEntry> timeline) {
}
