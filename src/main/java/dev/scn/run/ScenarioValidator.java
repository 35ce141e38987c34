package dev.scn.run;

import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.ipfw.IpfwAction;
import dev.scn.engine.ipfw.IpfwCommand;
import dev.scn.engine.ipfw.IpfwSyntaxException;
import dev.scn.engine.ipfw.RuleOption;
import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.flow.Protocol;
import dev.scn.engine.os.Profile;
import dev.scn.engine.os.Profiles;
import dev.scn.engine.os.SysctlDef;
import dev.scn.engine.os.Sysctls;
import dev.scn.engine.tcp.TcpState;
import dev.scn.lang.Code;
import dev.scn.lang.Diagnostics;
import dev.scn.model.Action;
import dev.scn.model.Expectation;
import dev.scn.model.HostDecl;
import dev.scn.model.LinkDecl;
import dev.scn.model.PathRule;
import dev.scn.model.Scenario;
import dev.scn.model.Span;
import dev.scn.model.TimelineEntry;
import dev.scn.model.Timing;
import dev.scn.model.TrafficDecl;
import dev.scn.model.Variant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Semantic checks before anything runs, all problems at once: names, times, sysctls against the
 * host's release, the ipfw subset, expectations' subjects; and warnings for likely mistakes.
 *
 * <p>Codes: the E03xx and W03xx rows of {@link Code}; topology checks are in {@link PathChecks}.
 */
public final class ScenarioValidator {
    /** Pools larger than this would need more than 65536 addresses on one simulated host. */
    static final int SMALLEST_POOL_PREFIX = 16;
    static final double MAX_RATE_PER_SECOND = 100_000;

    final Scenario scenario;
    final Diagnostics out;
    final Map<String, HostDecl> hosts = new LinkedHashMap<>();
    final Map<String, Profile> profiles = new HashMap<>();
    final Set<String> trafficNames = new LinkedHashSet<>();
    final Map<String, TrafficDecl> pools = new LinkedHashMap<>();
    PathChecks paths;
    /** The links in force for the timeline being checked: the base's, or a variant's merge. */
    PathChecks.Topology topology;
    /** Connections a timeline opens anywhere, for "used before it exists" messages. */
    final Map<String, Long> laterConnections = new HashMap<>();

    private ScenarioValidator(Scenario scenario, Diagnostics out) {
        this.scenario = scenario;
        this.out = out;
    }

    public static void validate(Scenario scenario, Diagnostics out) {
        new ScenarioValidator(scenario, out).run();
    }

    private void run() {
        for (HostDecl host : scenario.hosts()) {
            if (hosts.putIfAbsent(host.name(), host) != null) {
                out.error(Code.DUPLICATE_NAME.id(), host.span(), "host '" + host.name() + "' is declared twice", null);
                continue;
            }
            checkHost(host);
        }
        for (TrafficDecl traffic : scenario.traffic()) {
            checkTraffic(traffic);
        }
        paths = new PathChecks(hosts.keySet(), pools, out, this::unknownHost);
        PathChecks.Topology base = paths.baseLinks(scenario.links());
        paths.pathRules(scenario.pathRules(), base);
        topology = base;
        new AddressClaims(scenario, hosts, out).check();
        Map<String, Long> connections = checkTimeline(scenario.timeline(), new LinkedHashMap<>());
        for (Variant variant : scenario.variants()) {
            topology = paths.variantLinks(base, variant.links());
            paths.pathRules(variant.pathRules(), topology);
            paths.removals(variant.removedPathRules(), scenario.pathRules());
            checkVariantExpectations(variant);
            for (HostDecl change : variant.hostChanges()) {
                if (!hosts.containsKey(change.name())) {
                    unknownHost(change.name(), change.span());
                    continue;
                }
                for (HostDecl.SysctlLine line : change.sysctls()) {
                    checkSysctl(change.name(), line.name(), line.value(), line.nameSpan(), line.valueSpan());
                }
                for (HostDecl.IpfwLine line : change.ipfw()) {
                    checkIpfw(line);
                }
                checkListens(change.name(), change.listens());
            }
            checkTimeline(variant.timeline(), new LinkedHashMap<>(connections));
        }
        topology = base;
        checkRunLength();
    }

    // ---- hosts ---------------------------------------------------------------------------------

    private void checkHost(HostDecl host) {
        Profile profile = profileOf(host);
        profiles.put(host.name(), profile);
        if (host.addresses().isEmpty()) {
            out.error(Code.BAD_ADDRESS.id(), host.span(), "host '" + host.name() + "' has no address",
                    "add a line such as 'ip 192.0.2.10'");
        }
        for (HostDecl.Address address : host.addresses()) {
            try {
                Ipv4.parse(address.dotted());
            } catch (IllegalArgumentException e) {
                out.error(Code.BAD_ADDRESS.id(), address.span(), "'" + address.dotted() + "' is not an IPv4 address",
                        "write four numbers 0-255 separated by dots");
            }
        }
        for (HostDecl.SysctlLine line : host.sysctls()) {
            checkSysctl(host.name(), line.name(), line.value(), line.nameSpan(), line.valueSpan());
        }
        checkRuleSet(host);
        checkListens(host.name(), host.listens());
    }

    /** One socket per port: the stack refuses a second listen(2) on it (EADDRINUSE). */
    private void checkListens(String hostName, List<HostDecl.Listen> listens) {
        Map<Integer, HostDecl.Listen> ports = new HashMap<>();
        for (HostDecl.Listen listen : listens) {
            HostDecl.Listen first = ports.putIfAbsent(listen.port(), listen);
            if (first != null) {
                out.error(Code.ADDRESS_TAKEN.id(), listen.span(), hostName + " already listens on port " + listen.port() + " (line "
                        + first.span().line() + ")", "one listen line per port");
            }
        }
    }

    private Profile profileOf(HostDecl host) {
        if (host.osVersion() == null) {
            out.error(Code.NOT_A_RELEASE.id(), host.span(), "host '" + host.name() + "' has no 'os' line",
                    "add e.g. 'os freebsd 5.4'; modelled releases: " + modelled());
            return Profiles.exact("5.4").orElseThrow();
        }
        try {
            Profiles.Resolution resolution = Profiles.resolve(host.osVersion());
            if (resolution.approximate()) {
                out.warning(Code.APPROXIMATE_RELEASE.id(), host.osSpan(), "FreeBSD " + host.osVersion() + " is not modelled exactly; it runs as "
                        + resolution.profile().name(), "modelled releases: " + modelled());
            }
            return resolution.profile();
        } catch (IllegalArgumentException e) {
            out.error(Code.NOT_A_RELEASE.id(), host.osSpan(), "'" + host.osVersion() + "' is not a FreeBSD release",
                    "modelled releases: " + modelled());
            return Profiles.exact("5.4").orElseThrow();
        }
    }

    private static String modelled() {
        List<String> names = new ArrayList<>();
        for (Profile p : Profiles.all()) {
            names.add(p.major() + "." + p.minor());
        }
        return String.join(", ", names);
    }

    void checkSysctl(String hostName, String name, long value, Span nameSpan, Span valueSpan) {
        Profile profile = profiles.get(hostName);
        if (profile == null || !ipfwTreeExists(hostName, name, nameSpan)) {
            return;
        }
        Sysctls sysctls = profile.newSysctls();
        var def = sysctls.definition(name);
        if (def.isEmpty()) {
            List<String> close = closest(name, profile.sysctls().stream().map(SysctlDef::name).toList());
            List<String> elsewhere = Profiles.all().stream()
                    .filter(p -> p.sysctls().stream().anyMatch(d -> d.name().equals(name)))
                    .map(Profile::name).toList();
            String hint;
            if (!elsewhere.isEmpty()) {
                hint = name + " exists on " + String.join(", ", elsewhere) + "; change 'os' or drop the line";
            } else if (!close.isEmpty()) {
                hint = "did you mean " + String.join(" or ", close) + "?";
            } else {
                hint = "see 'sysctl -a' of that release";
            }
            out.error(Code.UNKNOWN_SYSCTL.id(), nameSpan, "unknown sysctl '" + name + "' on " + profile.name(), hint);
            return;
        }
        if (def.get().readOnly()) {
            out.error(Code.SYSCTL_VALUE.id(), nameSpan, "sysctl '" + name + "' is read-only: the kernel sets it", null);
        } else if (!def.get().accepts(value)) {
            out.error(Code.SYSCTL_VALUE.id(), valueSpan, "value " + value + " is out of range for " + name,
                    "accepted: " + def.get().min() + ".." + def.get().max() + " (" + def.get().unit() + ")");
        }
    }

    private void checkRuleSet(HostDecl host) {
        boolean checkStateSeen = false;
        for (HostDecl.IpfwLine line : host.ipfw()) {
            IpfwCommand command = checkIpfw(line);
            if (!(command instanceof IpfwCommand.Add add)) {
                continue;
            }
            if (add.spec().action().kind() == IpfwAction.Kind.CHECK_STATE) {
                checkStateSeen = true;
            }
            if (add.spec().keepState()) {
                boolean setup = add.spec().options().stream().anyMatch(o -> o instanceof RuleOption.Setup);
                if (add.spec().protocol() == Protocol.TCP && !setup) {
                    out.warning(Code.KEEP_STATE_WITHOUT_SETUP.id(), line.span(), "keep-state without setup: a state created by a non-SYN packet "
                            + "lives only dyn_rst_lifetime (1 s)", "add 'setup' so only SYNs create states");
                }
                if (!checkStateSeen) {
                    out.warning(Code.KEEP_STATE_WITHOUT_CHECK_STATE.id(), line.span(), "keep-state rule with no check-state before it: packets "
                            + "of existing states are matched only when they reach this rule",
                            "add 'ipfw add 100 check-state' first");
                }
            }
        }
    }

    void checkIpfwListing(Action.Show show) {
        try {
            if (!(IpfwCommand.parse(show.pattern()) instanceof IpfwCommand.ListRules)) {
                out.error(Code.IPFW.id(), show.hostSpan(), "'show " + show.host() + " ipfw " + show.pattern()
                        + "' is not a listing", "use show, list, -d show or -d -e show; change rules with 'on H ipfw'");
            }
        } catch (RuntimeException e) {
            out.error(Code.IPFW.id(), show.hostSpan(), "ipfw: " + e.getMessage(), null);
        }
    }

    IpfwCommand checkIpfw(HostDecl.IpfwLine line) {
        try {
            return IpfwCommand.parse(line.words());
        } catch (IpfwSyntaxException e) {
            int index = Math.max(0, Math.min(e.wordIndex(), line.wordSpans().size() - 1));
            Span span = line.wordSpans().isEmpty() ? line.span() : line.wordSpans().get(index);
            out.error(Code.IPFW.id(), span, "ipfw: " + e.getMessage(),
                    "scn models a subset of ipfw(8); see the README's ipfw section");
            return null;
        } catch (RuntimeException e) {
            out.error(Code.IPFW.id(), line.span(), "ipfw: " + e.getMessage(), null);
            return null;
        }
    }

    // ---- links and traffic ---------------------------------------------------------------------

    boolean isHost(String name) {
        return hosts.containsKey(name) || trafficNames.contains(name);
    }

    private void checkTraffic(TrafficDecl traffic) {
        if (hosts.containsKey(traffic.name()) || !trafficNames.add(traffic.name())) {
            out.error(Code.DUPLICATE_NAME.id(), traffic.span(), "name '" + traffic.name() + "' is already used", null);
        } else if (hosts.containsKey(traffic.target())) {
            pools.put(traffic.name(), traffic); // a pool with a known target is linked to it
        }
        if (!hosts.containsKey(traffic.target())) {
            unknownHost(traffic.target(), traffic.targetSpan());
        }
        if (traffic.prefixLength() < SMALLEST_POOL_PREFIX || traffic.prefixLength() > 32) {
            out.error(Code.TRAFFIC.id(), traffic.span(), "client pool /" + traffic.prefixLength() + " is not supported",
                    "use a prefix from /" + SMALLEST_POOL_PREFIX + " to /32");
        }
        if (!(traffic.ratePerSecond() > 0) || traffic.ratePerSecond() > MAX_RATE_PER_SECOND) {
            out.error(Code.TRAFFIC.id(), traffic.span(), "rate " + java.math.BigDecimal.valueOf(traffic.ratePerSecond())
                    .stripTrailingZeros().toPlainString() + "/s is out of range",
                    "use a rate above 0 and at most " + (long) MAX_RATE_PER_SECOND + "/s");
        }
        double total = traffic.shares().stream().mapToDouble(TrafficDecl.Share::percent).sum();
        if (!traffic.shares().isEmpty() && Math.abs(total - 100.0) > 1e-6) {
            out.error(Code.TRAFFIC.id(), traffic.span(), "the behaviour shares add up to " + total + "%, not 100%", null);
        }
    }


    // ---- timeline and expectations ---------------------------------------------------------------

    /** Checks one timeline; returns the connections it defines with the instant they appear. */
    private Map<String, Long> checkTimeline(List<TimelineEntry> timeline, Map<String, Long> connections) {
        laterConnections.clear();
        for (TimelineEntry entry : timeline) {
            if (entry.action() instanceof Action.Connect c) {
                laterConnections.putIfAbsent(c.name(), start(entry.timing()));
            }
        }
        long previous = 0;
        for (TimelineEntry entry : timeline) {
            long at = start(entry.timing());
            boolean ordered = entry.timing() instanceof Timing.At && !(entry.action() instanceof Action.Expect);
            if (ordered && at < previous) {
                out.error(Code.TIME_BACKWARDS.id(), entry.span(), "time goes backwards: " + SimTime.human(at) + " comes after "
                        + SimTime.human(previous), "keep the timeline in time order, or use 'at +T'");
            }
            if (ordered) {
                previous = Math.max(previous, at);
            }
            checkAction(entry, at, connections);
        }
        return connections;
    }

    private static long start(Timing timing) {
        if (timing instanceof Timing.At at) {
            return at.micros();
        }
        return ((Timing.Every) timing).fromMicros();
    }

    private void checkAction(TimelineEntry entry, long at, Map<String, Long> connections) {
        entry.action().accept(new ActionChecks(this, entry, at, connections));
    }


    void checkExpectation(Expectation e, long at, Map<String, Long> connections) {
        e.subject().accept(new SubjectChecks(this, e, at, connections));
    }


    /**
     * A free injection needs a host on at least one end (a spoofed source is any address no host
     * owns); a bound one needs its connection opened by then, and one of its two hosts to receive it.
     */
    void checkInject(Action.Inject i, long at, Map<String, Long> connections) {
        if (i.connection() != null) {
            requireConnection(i.connection(), i.connectionSpan(), at, connections);
            if (requireHost(i.to(), i.toSpan())) {
                List<String> ends = connectionEnds(i.connection());
                if (!ends.isEmpty() && !ends.contains(i.to())) {
                    out.error(Code.INJECT_NOT_AN_END.id(), i.toSpan(), i.connection() + " runs between " + String.join(" and ", ends)
                            + ", not " + i.to(), "inject " + i.connection() + " to " + ends.get(0)
                            + " or to " + ends.get(ends.size() - 1));
                }
            }
            return;
        }
        boolean fromAddress = Peers.isAddress(i.from());
        boolean toAddress = Peers.isAddress(i.to());
        boolean fromHost = !fromAddress && requireHost(i.from(), i.fromSpan());
        boolean toHost = !toAddress && requireHost(i.to(), i.toSpan());
        if (fromHost && toHost) {
            paths.requirePath(i.from(), i.to(), i.toSpan(), topology, "the injected segment would go nowhere");
        }
        if (fromAddress && toAddress && !ownedByHost(i.from()) && !ownedByHost(i.to())) {
            out.error(Code.INJECT_TOUCHES_NO_HOST.id(), i.toSpan(), "no host of the scenario sends or receives this segment",
                    "name a host on one end: inject 203.0.113.9:4444->server:80 ...");
        }
    }

    /** The hosts a connection runs between, from its connect line; empty when there is none. */
    private List<String> connectionEnds(String name) {
        for (TimelineEntry entry : scenario.timeline()) {
            if (entry.action() instanceof Action.Connect c && c.name().equals(name)) {
                return List.of(c.host(), c.target());
            }
        }
        return List.of();
    }

    private boolean ownedByHost(String address) {
        return hosts.values().stream().anyMatch(h -> h.addresses().contains(address));
    }

    /**
     * net.inet.ip.fw.* exists only where the kernel has ipfw; here, on a host with ipfw rules or
     * commands (Machine.loadIpfwModule). Elsewhere sysctl(8) says "unknown oid".
     */
    boolean ipfwTreeExists(String hostName, String name, Span nameSpan) {
        if (!name.startsWith(dev.scn.engine.Machine.IPFW_TREE)) {
            return true;
        }
        HostDecl host = hosts.get(hostName);
        if (host == null || !host.ipfw().isEmpty() || ipfwLaterOn(hostName)) {
            return true;
        }
        out.error(Code.NO_IPFW.id(), nameSpan, "'" + name + "' does not exist on " + hostName + ": it has no ipfw",
                "the net.inet.ip.fw tree comes with ipfw: add the host's rules (ipfw add ...), or drop the line");
        return false;
    }

    /**
     * {@code replace expect} must replace something; a plain variant expectation on the same
     * subject and instant as a base one is checked beside it, which is worth a warning.
     */
    private void checkVariantExpectations(Variant variant) {
        Map<String, List<Long>> base = new HashMap<>();
        for (TimelineEntry entry : scenario.timeline()) {
            if (entry.action() instanceof Action.Expect e) {
                base.computeIfAbsent(VariantMerger.subjectKey(e.expectation().subject()), k -> new ArrayList<>())
                        .add(start(entry.timing()));
            }
        }
        for (TimelineEntry entry : variant.timeline()) {
            if (!(entry.action() instanceof Action.Expect e)) {
                continue;
            }
            String key = VariantMerger.subjectKey(e.expectation().subject());
            List<Long> instants = base.getOrDefault(key, List.of());
            if (variant.replacing().contains(entry) && instants.isEmpty()) {
                out.error(Code.VARIANT.id(), entry.span(), "'replace expect': the base scenario has no expectation on "
                        + key, "delete 'replace' to add this expectation");
            } else if (!variant.replacing().contains(entry) && instants.contains(start(entry.timing()))) {
                out.warning(Code.VARIANT_EXPECT_BESIDE_BASE.id(), entry.span(), "the base scenario expects " + key
                        + " at the same instant: both expectations are checked in this variant",
                        "write 'replace expect' to replace the base's expectations on " + key);
            }
        }
    }

    boolean ipfwLaterOn(String host) {
        return scenario.timeline().stream().anyMatch(t -> t.action() instanceof Action.Ipfw i && i.host().equals(host));
    }

    void requireNumber(Expectation e) {
        if (e.op() == Expectation.Op.IS) {
            out.error(Code.BAD_EXPECTATION.id(), e.valueSpan(), "'is' compares a connection's state; use == != < <= > >= for counts",
                    null);
            return;
        }
        try {
            Long.parseLong(e.value());
        } catch (NumberFormatException ex) {
            out.error(Code.BAD_EXPECTATION.id(), e.valueSpan(), "expected a number, found '" + e.value() + "'", null);
        }
    }

    void requireState(String state, Span span) {
        try {
            TcpState.fromNetstatName(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (TcpState s : TcpState.values()) {
                names.add(s.netstatName());
            }
            List<String> close = closest(state.toUpperCase(Locale.ROOT), names);
            out.error(Code.BAD_EXPECTATION.id(), span, "unknown TCP state '" + state + "'",
                    close.isEmpty() ? "states: " + String.join(" ", names) : "did you mean " + close.get(0) + "?");
        }
    }

    boolean requireHost(String name, Span span) {
        if (isHost(name)) {
            return true;
        }
        unknownHost(name, span);
        return false;
    }

    private void unknownHost(String name, Span span) {
        List<String> names = new ArrayList<>(hosts.keySet());
        names.addAll(trafficNames);
        List<String> close = closest(name, names);
        out.error(Code.UNKNOWN_HOST.id(), span, "unknown host '" + name + "'",
                close.isEmpty() ? (names.isEmpty() ? "declare it with 'host " + name + " { ... }'"
                        : "hosts are: " + String.join(", ", names)) : "did you mean '" + close.get(0) + "'?");
    }

    void requireConnection(String name, Span span, long at, Map<String, Long> connections) {
        Long since = connections.get(name);
        if (since == null && laterConnections.containsKey(name)) {
            out.error(Code.UNKNOWN_CONNECTION.id(), span, "connection '" + name + "' is used at " + SimTime.human(at)
                    + " before it exists: it is opened only at " + SimTime.human(laterConnections.get(name)),
                    "move the connect line first, or this line later");
        } else if (since == null) {
            List<String> close = closest(name, new ArrayList<>(connections.keySet()));
            out.error(Code.UNKNOWN_CONNECTION.id(), span, "unknown connection '" + name + "'",
                    close.isEmpty() ? "create it first with 'H connect H2:PORT as " + name + "'"
                            : "did you mean '" + close.get(0) + "'?");
        } else if (at < since) {
            out.error(Code.UNKNOWN_CONNECTION.id(), span, "connection '" + name + "' is used at " + SimTime.human(at)
                    + " but only created at " + SimTime.human(since), null);
        }
    }

    private void checkRunLength() {
        long last = 0;
        Span where = scenario.span();
        for (TimelineEntry entry : scenario.timeline()) {
            long t = start(entry.timing());
            if (t > last) {
                last = t;
                where = entry.span();
            }
        }
        if (last > scenario.runMicros()) {
            out.warning(Code.RUN_TOO_SHORT.id(), where, "this line is at " + SimTime.human(last) + " but the run ends at "
                    + SimTime.human(scenario.runMicros()), "lengthen 'run' or the line never happens");
        }
    }

    /** Up to three names within edit distance 3 (or sharing the last dotted part), closest first. */
    static List<String> closest(String wanted, List<String> candidates) {
        String tail = wanted.substring(wanted.lastIndexOf('.') + 1);
        List<String> out = new ArrayList<>();
        candidates.stream()
                .map(c -> Map.entry(c, distance(wanted, c)))
                .filter(e -> e.getValue() <= Math.max(3, wanted.length() / 4)
                        || e.getKey().endsWith("." + tail) && tail.length() > 3)
                .sorted(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getValue())
                        .thenComparing(Map.Entry::getKey))
                .limit(3)
                .forEach(e -> out.add(e.getKey()));
        return out;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
