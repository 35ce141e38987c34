package dev.scn.run;

import dev.scn.model.Action;
import dev.scn.model.Expectation;
import dev.scn.model.HostDecl;
import dev.scn.model.Scenario;
import dev.scn.model.TimelineEntry;
import dev.scn.model.Variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a variant to its scenario (language.md "Variants"): host settings replaced or added,
 * timeline lines added, expectations replaced by the variant's ones with the same subject.
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
        for (TimelineEntry entry : variant.timeline()) {
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
                base.runMicros(), hosts, base.links(), base.pathRules(), timeline, base.traffic(), List.of(),
                base.startEpochSeconds());
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
