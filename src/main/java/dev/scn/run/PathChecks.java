package dev.scn.run;

import dev.scn.lang.Code;
import dev.scn.lang.Diagnostics;
import dev.scn.model.LinkDecl;
import dev.scn.model.PathRule;
import dev.scn.model.Span;
import dev.scn.model.TrafficDecl;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The validator's topology checks: links and path rules name known hosts or pools, and two
 * hosts that talk have a path. The network has no routers (engine.net.Network#transmit): a packet
 * reaches another host only over a {@code link} between the two, and without one it is dropped
 * as NO_ROUTE, so a connect with no link sits in SYN_SENT until it gives up. A traffic pool is
 * always linked to its target (TrafficGenerator makes that link; a {@code link POOL TARGET} line
 * only sets its delay, jitter and loss) and to nothing else.
 */
final class PathChecks {
    private final Set<String> hosts;
    private final Map<String, TrafficDecl> pools;
    private final Diagnostics out;
    private final BiConsumer<String, Span> unknownName;

    PathChecks(Set<String> hosts, Map<String, TrafficDecl> pools, Diagnostics out, BiConsumer<String, Span> unknownName) {
        this.hosts = hosts;
        this.pools = pools;
        this.out = out;
        this.unknownName = unknownName;
    }

    /** The links in force: unordered host pairs, each with the line that made it. */
    static final class Topology {
        private final Map<String, Span> links = new LinkedHashMap<>();

        boolean linked(String a, String b) {
            return links.containsKey(key(a, b));
        }

        Topology copy() {
            Topology t = new Topology();
            t.links.putAll(links);
            return t;
        }
    }

    static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
    }

    private boolean known(String name) {
        return hosts.contains(name) || pools.containsKey(name);
    }

    /** The base scenario's links, checked; every pool's link to its target is in. */
    Topology baseLinks(List<LinkDecl> links) {
        Topology topology = new Topology();
        for (TrafficDecl pool : pools.values()) {
            topology.links.put(key(pool.name(), pool.target()), pool.span());
        }
        Set<String> declared = new LinkedHashSet<>();
        for (LinkDecl link : links) {
            if (checkLink(link) && !declared.add(key(link.a(), link.b()))) {
                out.error(Code.LINK.id(), link.span(), "link " + link.a() + " " + link.b() + " is declared twice",
                        "keep one line; its options apply to both directions");
            }
            topology.links.putIfAbsent(key(link.a(), link.b()), link.span());
        }
        return topology;
    }

    /** A variant's links, checked: each replaces the base link between the same hosts or adds one. */
    Topology variantLinks(Topology base, List<LinkDecl> links) {
        Topology topology = base.copy();
        Set<String> declared = new LinkedHashSet<>();
        for (LinkDecl link : links) {
            if (checkLink(link) && !declared.add(key(link.a(), link.b()))) {
                out.error(Code.LINK.id(), link.span(), "link " + link.a() + " " + link.b()
                        + " is given twice in this variant", null);
            }
            topology.links.putIfAbsent(key(link.a(), link.b()), link.span());
        }
        return topology;
    }

    /** Names known, two different ends, and a pool only toward its target. */
    private boolean checkLink(LinkDecl link) {
        boolean ok = true;
        if (!known(link.a())) {
            unknownName.accept(link.a(), link.aSpan());
            ok = false;
        }
        if (!known(link.b())) {
            unknownName.accept(link.b(), link.bSpan());
            ok = false;
        }
        if (!ok) {
            return false;
        }
        if (link.a().equals(link.b())) {
            out.error(Code.LINK.id(), link.bSpan(), "a link needs two different hosts", null);
            return false;
        }
        for (String end : List.of(link.a(), link.b())) {
            TrafficDecl pool = pools.get(end);
            String other = end.equals(link.a()) ? link.b() : link.a();
            if (pool != null && !pool.target().equals(other)) {
                out.error(Code.LINK.id(), end.equals(link.a()) ? link.aSpan() : link.bSpan(), "traffic '" + end
                        + "' talks only to its target " + pool.target() + ", so it has no link to " + other,
                        "write 'link " + end + " " + pool.target() + " ...' to set the path of its clients");
                return false;
            }
        }
        if (link.mtu() != 0 && link.mtu() != 1500) {
            out.warning(Code.MTU_NOT_MODELLED.id(), link.span(), "mtu " + link.mtu()
                    + " is not modelled yet: segments use an MTU of 1500", null);
        }
        return true;
    }

    /**
     * {@code drop on A->B} and {@code blackhole A->B}: both ends known, a link between them. A
     * pool end means every client of the pool: the pool is one simulated host, so the rule
     * sits on the one link between the pool and its target.
     */
    void pathRules(List<PathRule> rules, Topology topology) {
        for (PathRule rule : rules) {
            if (!known(rule.from())) {
                unknownName.accept(rule.from(), rule.span());
            } else if (!known(rule.to())) {
                unknownName.accept(rule.to(), rule.span());
            } else if (rule.from().equals(rule.to())) {
                out.error(Code.LINK.id(), rule.span(), "a path rule needs two different hosts", null);
            } else if (!topology.linked(rule.from(), rule.to())) {
                out.error(Code.LINK.id(), rule.span(), "no link between " + rule.from() + " and " + rule.to(),
                        "add 'link " + rule.from() + " " + rule.to() + "'");
            }
        }
    }

    /** A variant's {@code no drop on|no blackhole}: each must remove a rule of the base. */
    void removals(List<PathRule> removed, List<PathRule> base) {
        for (PathRule rule : removed) {
            if (base.stream().noneMatch(b -> VariantMerger.sameRule(b, rule))) {
                out.error(Code.VARIANT.id(), rule.span(), "the base scenario has no such rule to remove",
                        "write the rule as the base has it ('no blackhole A->B', 'no drop on A->B tcp flags F')");
            }
        }
    }

    /** Two known hosts that exchange packets need a link: without one the packets go nowhere. */
    void requirePath(String from, String to, Span span, Topology topology, String what) {
        if (!known(from) || !known(to) || from.equals(to) || topology.linked(from, to)) {
            return;
        }
        out.error(Code.NO_PATH.id(), span, "no path between " + from + " and " + to + ": " + what,
                "add `link " + from + " " + to + " delay 40ms`");
    }

    /** {@code link A B up|down} changes a link that must exist. */
    void requireLink(String a, String b, Span span, Topology topology) {
        if (known(a) && known(b) && !topology.linked(a, b)) {
            out.error(Code.LINK.id(), span, "no link between " + a + " and " + b + " to take up or down",
                    "declare it with 'link " + a + " " + b + "'");
        }
    }
}
