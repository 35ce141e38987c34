package dev.scn.run;

import dev.scn.engine.flow.Ipv4;
import dev.scn.lang.Code;
import dev.scn.lang.Diagnostics;
import dev.scn.model.HostDecl;
import dev.scn.model.Scenario;
import dev.scn.model.Span;
import dev.scn.model.TrafficDecl;
import dev.scn.model.Variant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The validator's address check (E0314): no address owned twice, by hosts or traffic pools, in
 * the base scenario or in any variant.
 */
final class AddressClaims {
    private final Scenario scenario;
    private final Map<String, HostDecl> hosts;
    private final Diagnostics out;

    AddressClaims(Scenario scenario, Map<String, HostDecl> hosts, Diagnostics out) {
        this.scenario = scenario;
        this.hosts = hosts;
        this.out = out;
    }

    /**
     * One host address or one pool's network: the addresses it takes. The network layer owns
     * each address once (Network.addHost refuses a second owner), so any overlap is an error here,
     * reported where the second one is written and naming the first.
     */
    private record Claim(long first, long last, HostDecl host, TrafficDecl pool, String dotted, Span span,
                         boolean fromVariant) {
        String owner() {
            return host != null ? host.name() + "'s address" : "traffic '" + pool.name() + "' " + dotted;
        }
    }

    void check() {
        List<Claim> base = baseClaims();
        Set<Span> reported = new HashSet<>();
        reportClashes(base, reported);
        for (Variant variant : scenario.variants()) {
            Map<String, HostDecl> replaced = new HashMap<>();
            for (HostDecl change : variant.hostChanges()) {
                if (hosts.containsKey(change.name()) && !change.addresses().isEmpty()) {
                    replaced.put(change.name(), change); // VariantMerger: the last change's addresses win
                }
            }
            if (replaced.isEmpty()) {
                continue;
            }
            List<Claim> claims = new ArrayList<>();
            for (Claim c : base) {
                if (c.host() == null || !replaced.containsKey(c.host().name())) {
                    claims.add(c);
                }
            }
            for (HostDecl change : replaced.values()) {
                claims.addAll(hostClaims(hosts.get(change.name()), change.addresses(), true));
            }
            reportClashes(claims, reported);
        }
    }

    private List<Claim> baseClaims() {
        List<Claim> claims = new ArrayList<>();
        for (HostDecl host : hosts.values()) {
            claims.addAll(hostClaims(host, host.addresses(), false));
        }
        for (TrafficDecl pool : scenario.traffic()) {
            int prefix = pool.prefixLength();
            Long network = address(pool.network());
            if (network == null || prefix < ScenarioValidator.SMALLEST_POOL_PREFIX || prefix > 32) {
                continue; // reported as a bad address or pool elsewhere
            }
            long size = 1L << (32 - prefix);
            long first = network & ~(size - 1);
            claims.add(new Claim(first, first + size - 1, null, pool, pool.network() + "/" + prefix, pool.span(), false));
        }
        return claims;
    }

    private static List<Claim> hostClaims(HostDecl host, List<HostDecl.Address> addresses, boolean fromVariant) {
        List<Claim> claims = new ArrayList<>();
        for (HostDecl.Address a : addresses) {
            Long value = address(a.dotted());
            if (value != null) {
                claims.add(new Claim(value, value, host, null, a.dotted(), a.span(), fromVariant));
            }
        }
        return claims;
    }

    private static Long address(String dotted) {
        try {
            return Integer.toUnsignedLong(Ipv4.parse(dotted));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Claims in source order (a variant's after the base's), each checked against those before it.
     * The claims kept do not overlap, so the one starting closest below a claim's end is the
     * only one to look at: a file of many addresses is checked in n log n.
     */
    private void reportClashes(List<Claim> claims, Set<Span> reported) {
        List<Claim> ordered = new ArrayList<>(claims);
        ordered.sort(Comparator.comparing(Claim::fromVariant).thenComparingInt((Claim c) -> c.span().line())
                .thenComparingInt(c -> c.span().column()));
        TreeMap<Long, Claim> taken = new TreeMap<>();
        for (Claim claim : ordered) {
            Map.Entry<Long, Claim> below = taken.floorEntry(claim.last());
            if (below == null || below.getValue().last() < claim.first()) {
                taken.put(claim.first(), claim);
            } else if (reported.add(claim.span())) {
                clash(claim, below.getValue());
            }
        }
    }

    private void clash(Claim second, Claim first) {
        String where = " (line " + first.span().line() + ")";
        if (second.host() != null && first.pool() != null) {
            out.error(Code.ADDRESS_TAKEN.id(), second.span(), second.dotted() + " is in " + first.owner() + where,
                    "a traffic pool owns every address of its network; move the host or the pool");
        } else if (second.host() != null) {
            String hint = second.host() == first.host() ? "remove the repeated address"
                    : "give each host addresses of its own";
            out.error(Code.ADDRESS_TAKEN.id(), second.span(), second.dotted() + " is already " + first.owner() + where, hint);
        } else if (first.host() != null) {
            out.error(Code.ADDRESS_TAKEN.id(), second.span(), second.owner() + " holds " + first.dotted() + ", " + first.owner() + where,
                    "choose a pool that leaves out the hosts' addresses, e.g. 203.0.113.0/24");
        } else {
            out.error(Code.ADDRESS_TAKEN.id(), second.span(), second.owner() + " overlaps " + first.owner() + where,
                    "give each traffic pool a network of its own");
        }
    }
}
