package dev.scn.run;

import dev.scn.model.Action;
import dev.scn.model.Expectation;
import dev.scn.model.HostDecl;
import dev.scn.model.LinkDecl;
import dev.scn.model.PathRule;
import dev.scn.model.Scenario;
import dev.scn.model.TimelineEntry;
import dev.scn.model.Variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a variant to its scenario (README "Variants"): host settings replaced or added, links
 * replaced (as a whole, per pair of hosts) or added, path rules added or removed ({@code no ...}),
 * timeline lines added; a {@code replace expect} drops the base's expectations on its subject.
 * Within a host: a sysctl replaces the same name or is added; ipfw lines run after the base's
 * ones, as an operator's further {@code ipfw add/delete} commands would; os, addresses,
 * interface, stray and listen lines replace the base's when given.
 */
final class VariantMerger {
    private VariantMerger() {
    }

    static Scenario apply(Scenario base, Variant variant) {
        List<HostDecl> hosts = new ArrayList<>();
        for (HostDecl host : base.hosts()) {
            HostDecl merged = host;
            for (HostDecl change : variant.hostChanges()) {
                if (change.name().equals(host.name())) {
                    merged = merge(merged, change);
                }
            }
            hosts.add(merged);
        }
        List<String> replacedSubjects = new ArrayList<>();
        for (TimelineEntry entry : variant.replacing()) {
            if (entry.action() instanceof Action.Expect expect) {
                replacedSubjects.add(subjectKey(expect.expectation().subject()));
            }
        }
        List<TimelineEntry> timeline = new ArrayList<>();
        for (TimelineEntry entry : base.timeline()) {
            if (entry.action() instanceof Action.Expect expect
                    && replacedSubjects.contains(subjectKey(expect.expectation().subject()))) {
                continue;
            }
            timeline.add(entry);
        }
        timeline.addAll(variant.timeline());
        return new Scenario(base.name(), base.span(), base.title(), base.summary(), base.note(), base.seed(),
                base.runMicros(), hosts, links(base.links(), variant.links()),
                pathRules(base.pathRules(), variant), timeline, base.traffic(), List.of(),
                base.startEpochSeconds());
    }

    /** A variant's link replaces the base's between the same two hosts, in its place, or is added. */
    private static List<LinkDecl> links(List<LinkDecl> base, List<LinkDecl> changes) {
        List<LinkDecl> out = new ArrayList<>();
        List<LinkDecl> added = new ArrayList<>(changes);
        for (LinkDecl link : base) {
            LinkDecl replacement = link;
            for (LinkDecl change : changes) {
                if (sameEnds(link, change)) {
                    replacement = change;
                    added.remove(change);
                }
            }
            out.add(replacement);
        }
        out.addAll(added);
        return out;
    }

    private static boolean sameEnds(LinkDecl a, LinkDecl b) {
        return a.a().equals(b.a()) && a.b().equals(b.b()) || a.a().equals(b.b()) && a.b().equals(b.a());
    }

    /** The base's rules less those the variant removes ({@code no ...}), then the variant's. */
    private static List<PathRule> pathRules(List<PathRule> base, Variant variant) {
        List<PathRule> out = new ArrayList<>();
        for (PathRule rule : base) {
            if (variant.removedPathRules().stream().noneMatch(r -> sameRule(rule, r))) {
                out.add(rule);
            }
        }
        out.addAll(variant.pathRules());
        return out;
    }

    /**
     * {@code no blackhole A->B} matches the base's blackhole A->B; {@code no drop on A->B tcp flags F}
     * matches the base's drop rules on A->B for the same flags, whatever their count.
     */
    static boolean sameRule(PathRule base, PathRule removal) {
        if (!base.from().equals(removal.from()) || !base.to().equals(removal.to())) {
            return false;
        }
        if (base instanceof PathRule.Drop b && removal instanceof PathRule.Drop r) {
            return b.tcpFlags() == r.tcpFlags();
        }
        return base instanceof PathRule.Blackhole && removal instanceof PathRule.Blackhole;
    }

    private static HostDecl merge(HostDecl base, HostDecl change) {
        Map<String, HostDecl.SysctlLine> sysctls = new LinkedHashMap<>();
        for (HostDecl.SysctlLine line : base.sysctls()) {
            sysctls.put(line.name(), line);
        }
        for (HostDecl.SysctlLine line : change.sysctls()) {
            sysctls.remove(line.name());
            sysctls.put(line.name(), line);
        }
        return new HostDecl(base.name(), base.span(),
                change.osVersion() != null ? change.osVersion() : base.osVersion(),
                change.osVersion() != null ? change.osSpan() : base.osSpan(),
                change.addresses().isEmpty() ? base.addresses() : change.addresses(),
                change.interfaceName() != null ? change.interfaceName() : base.interfaceName(),
                new ArrayList<>(sysctls.values()),
                concat(base.ipfw(), change.ipfw()),
                change.stray() != null ? change.stray() : base.stray(),
                change.listens().isEmpty() ? base.listens() : change.listens());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Two expectations are about the same thing when this key is equal (spans ignored). */
    static String subjectKey(Expectation.Subject subject) {
        return Subjects.describe(subject);
    }
}
