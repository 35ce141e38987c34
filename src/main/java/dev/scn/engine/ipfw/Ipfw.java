package dev.scn.engine.ipfw;

import dev.scn.engine.kernel.Event;
import dev.scn.engine.kernel.SimTime;
import dev.scn.engine.kernel.Simulator;
import dev.scn.engine.net.Direction;
import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.net.Host;
import dev.scn.engine.net.Interface;
import dev.scn.engine.flow.Ipv4;
import dev.scn.fact.Origin;
import dev.scn.engine.net.Packet;
import dev.scn.engine.net.PacketFilter;
import dev.scn.engine.flow.Protocol;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.os.IpfwEra;
import dev.scn.engine.os.Sysctl;
import dev.scn.engine.trace.CausalTrace;
import dev.scn.engine.trace.TraceKind;
import dev.scn.fact.Fact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * ipfw2 on one host: the static rule chain walked by ipfw_chk on input and output, the dynamic
 * table, the keepalive tick, and the ipfw(8) commands that change them.
 *
 * <p>Every {@code net.inet.ip.fw.*} value is read from the host's sysctls when the kernel would
 * use it. Time is {@link Host#uptimeSeconds()} (time_uptime / time_second).
 */
public final class Ipfw implements PacketFilter, Host.Lifecycle {
    private static final int DEFAULT_RULE = 65535;
    private static final int KEEPALIVE_INTERVAL = 20;
    /** IPTOS_LOWDELAY. */
    private static final int TOS_LOWDELAY = 0x10;

    private final Host host;
    private final Simulator simulator;
    private final IpfwEra era;
    private final List<IpfwRule> rules = new ArrayList<>();
    private final DynamicTable table;
    private final Tick tick = new Tick();
    private final List<LogLine> logLines = new ArrayList<>();
    private long lastLog = Long.MIN_VALUE;
    private long keepaliveLast;

    public Ipfw(Host host) {
        this.host = host;
        this.simulator = host.simulator();
        this.era = host.profile().ipfwEra();
        this.table = new DynamicTable(this, era);
        rules.add(new IpfwRule(DEFAULT_RULE, IpfwRule.RuleSpec.defaultDeny()));
        kernelSet(Sysctl.IPFW_STATIC_COUNT, rules.size());
        host.setFirewall(this);
        host.addLifecycleListener(this);
        start();
    }

    /** A line the kernel logged, with the simulated instant. */
    public record LogLine(long time, String text, boolean tableFull) {
    }

    // ---------------------------------------------------------------- inspection

    /** The static rules in chain order, the default rule 65535 last. */
    /** The dynamic table, for the fast way's hooks ({@link IpfwReplay}). */
    DynamicTable table() {
        return table;
    }

    public List<IpfwRule> rules() {
        return Collections.unmodifiableList(rules);
    }

    /** Every state the kernel still has linked, dead-but-not-yet-removed ones included, in table order. */
    public List<DynamicState> states() {
        return table.states();
    }

    /** The kernel's dyn_count: linked states, including dead ones not yet unlinked. */
    public int dynCount() {
        return table.count();
    }

    /** Sessions (keep-state and limit states, not limit parents) whose expiry is still in the future. */
    public int liveCount() {
        long now = host.uptimeSeconds();
        int n = 0;
        for (DynamicState s : table.states()) {
            if (s.kind() != DynamicState.Kind.PARENT && !s.dead(now)) {
                n++;
            }
        }
        return n;
    }

    /** Who hears of every dynamic rule's link, expiry move and unlink (the run's step charts). */
    public void setDynamicStateListener(DynamicStateListener listener) {
        table.listener = listener;
    }

    public List<LogLine> logLines() {
        return Collections.unmodifiableList(logLines);
    }

    public Host host() {
        return host;
    }

    public IpfwEra era() {
        return era;
    }

    /** time_uptime of the host, the clock every expiry is compared with. */
    public long now() {
        return host.uptimeSeconds();
    }

    /** The run's instant (µs) at which time_uptime reads {@code uptimeSeconds}. */
    long instantOfUptime(long uptimeSeconds) {
        return host.bootTime() + SimTime.seconds(uptimeSeconds);
    }

    // ---------------------------------------------------------------- ipfw_chk

    @Override
    public Verdict check(Packet packet, Direction direction, Interface via) {
        if (sysctl(Sysctl.IPFW_ENABLE) == 0) {
            return Verdict.PASS;
        }
        long now = host.uptimeSeconds();
        boolean probed = false;
        int i = 0;
        while (i < rules.size()) {
            IpfwRule rule = rules.get(i);
            IpfwAction.Kind kind = rule.action().kind();
            if (kind == IpfwAction.Kind.CHECK_STATE || rule.installsState()) {
                // O_PROBE_STATE / O_CHECK_STATE: the dynamic table is consulted once, at the first
                // check-state or keep-state rule reached (dyn_dir == MATCH_UNKNOWN), before any
                // other opcode of that rule; a hit jumps to the parent rule's action.
                if (!probed) {
                    probed = true;
                    DynamicState hit = table.lookup(packet, now);
                    if (hit != null) {
                        IpfwRule parent = hit.rule();
                        int at = positionOf(parent);
                        // [H] ipfw_dyn_lookup_state: an orphaned rule continues at the penultimate rule.
                        i = act(parent, at >= 0 ? at : rules.size() - 2, packet, direction, via);
                        if (i < 0) {
                            return i == PASS ? Verdict.PASS : Verdict.DENY;
                        }
                        continue;
                    }
                }
                if (kind == IpfwAction.Kind.CHECK_STATE) {
                    i++;
                    continue;
                }
            }
            if (!rule.matches(host, packet, direction, via)) {
                i++;
                continue;
            }
            if (rule.installsState() && !table.install(rule, packet, now)) {
                // install_state failed: retval = IP_FW_DENY; goto done (the rule's counters still move)
                rule.count(packet);
                return Verdict.DENY;
            }
            i = act(rule, i, packet, direction, via);
            if (i < 0) {
                return i == PASS ? Verdict.PASS : Verdict.DENY;
            }
        }
        return Verdict.DENY;
    }

    /** The rule's index in the chain, -1 once deleted; by identity, as the state points at the rule itself. */
    private int positionOf(IpfwRule rule) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) == rule) {
                return i;
            }
        }
        return -1;
    }

    private static final int PASS = -1;
    private static final int DENY = -2;

    /**
     * The action part of a rule (ipfw_chk): O_LOG first, then the action. Counters of the rule
     * move for every action ("done: Update statistics", and O_COUNT/O_SKIPTO before going on).
     *
     * @return the index of the next rule to evaluate, or PASS / DENY
     */
    private int act(IpfwRule rule, int index, Packet packet, Direction direction, Interface via) {
        if (rule.spec().log()) {
            logPacket(rule, packet, direction, via);
        }
        rule.count(packet);
        return switch (rule.action().kind()) {
            case ALLOW -> PASS;
            case DENY -> DENY;
            case RESET -> {
                sendReset(packet);
                yield DENY;
            }
            case COUNT, CHECK_STATE -> index + 1;
            case SKIPTO -> skipTarget(index, rule.action().target());
        };
    }

    /** lookup_next_rule: the first rule after this one whose number is at least the target. */
    private int skipTarget(int index, int target) {
        for (int k = index + 1; k < rules.size(); k++) {
            if (rules.get(k).number() >= target) {
                return k;
            }
        }
        return rules.size() - 1;
    }

    /**
     * send_reject with ICMP_REJECT_RST -> send_pkt (ip_fw2.c; [G] ipfw_send_pkt): only for TCP
     * segments without RST; addressed back to the sender. With ACK set: seq = th_ack, flags RST;
     * without: seq 0, ack = th_seq (+1 for SYN; payload not added), flags RST|ACK. Window 0,
     * TTL net.inet.ip.ttl, M_SKIP_FIREWALL.
     */
    private void sendReset(Packet packet) {
        if (packet.protocol() != Protocol.TCP || packet.has(TcpFlags.RST)) {
            return;
        }
        Packet.Builder b = packet.reply().window(0).ttl((int) host.sysctls().get(Sysctl.IP_TTL))
                .tos(tcpTos()).origin(Origin.IPFW_RESET).skipFirewall(true);
        if (packet.has(TcpFlags.ACK)) {
            b.seq(packet.ack()).ack(0).flags(TcpFlags.RST);
        } else {
            b.seq(0).ack(packet.seq() + (packet.has(TcpFlags.SYN) ? 1 : 0)).flags(TcpFlags.RST | TcpFlags.ACK);
        }
        host.send(b.build());
    }

    /**
     * ip_tos of packets ipfw builds: 0 in the 2002-era send_pkt (bzero'd header, [A]..[C]);
     * IPTOS_LOWDELAY in [F] and [G] ipfw_send_pkt and [H] dyn_make_keepalive_ipv4.
     * Note: a 2009-2011 sys/netinet/ipfw/ip_fw_dynamic.c (8.x) already sets IPTOS_LOWDELAY; the
     * 7.x/8.x profiles run the 2002 logic and keep TOS 0 here (model-freebsd.md, UNVERIFIED for 8.x).
     */
    private int tcpTos() {
        return era == IpfwEra.IPFW2_2002 ? 0 : TOS_LOWDELAY;
    }

    /**
     * ipfw_log, only when net.inet.ip.fw.verbose is on. UNVERIFIED: the line format
     * ("ipfw: RULE ACTION PROTO src:port dst:port in|out via IF") and the verbose_limit handling
     * are written from memory of ip_fw2.c ipfw_log, not re-read.
     */
    private void logPacket(IpfwRule rule, Packet packet, Direction direction, Interface via) {
        if (sysctl(Sysctl.IPFW_VERBOSE) == 0) {
            return;
        }
        long limit = sysctl(Sysctl.IPFW_VERBOSE_LIMIT);
        if (limit > 0 && rule.logged() >= limit) {
            return;
        }
        rule.countLogged();
        String action = switch (rule.action().kind()) {
            case ALLOW -> "Accept";
            case DENY -> "Deny";
            case RESET -> "Reset";
            case COUNT -> "Count";
            case CHECK_STATE -> "Check-State";
            case SKIPTO -> "SkipTo " + rule.action().target();
        };
        String proto = switch (packet.protocol()) {
            case TCP, UDP -> packet.protocol().name() + " " + Ipv4.format(packet.source()) + ":" + packet.sourcePort()
                    + " " + Ipv4.format(packet.destination()) + ":" + packet.destinationPort();
            case ICMP -> "ICMP " + Ipv4.format(packet.source()) + " " + Ipv4.format(packet.destination());
        };
        log(packet.flowKey(), "ipfw: " + rule.number() + " " + action + " " + proto + " " + direction.word()
                + " via " + via.name(), false);
        if (limit > 0 && rule.logged() == limit) {
            log(null, "ipfw: limit " + limit + " reached on entry " + rule.number(), false);
        }
    }

    // ---------------------------------------------------------------- keepalives and the tick

    private void start() {
        keepaliveLast = host.uptimeSeconds();
        lastLog = Long.MIN_VALUE;
        // [A] ipfw_init: timeout(ipfw_tick, NULL, hz); [F] ipfw_dyn_init: callout_reset(.., hz, ..);
        // [G] resize_dynamic_table on creation, [H] ipfw_dyn_init: callout_reset(.., hz, ..).
        simulator.schedule(tick, simulator.now() + SimTime.seconds(1));
    }

    private long ticksRun;

    /** How many times the tick ran: what a run's event count owes to ipfw rather than to traffic. */
    public long ticksRun() {
        return ticksRun;
    }

    private final class Tick extends Event {
        @Override
        protected void fire() {
            ticksRun++;
            long now = host.uptimeSeconds();
            if (era.sweepsEverySecond()) {
                secondTick(now);
                simulator.schedule(this, simulator.now() + SimTime.seconds(1));
            } else {
                keepalivePass(now);
                // done: callout_reset(&ipfw_timeout, dyn_keepalive_period * hz, ipfw_tick, ..)
                simulator.schedule(this, simulator.now() + SimTime.seconds(DynamicTable.KEEPALIVE_PERIOD));
            }
        }
    }

    /**
     * [A]..[F] ipfw_tick: nothing if dyn_keepalive is 0 or there are no states; else each TCP
     * state with BOTH_SYN and 0 &lt; expire - now &lt; 20 gets its probes ([F]: unless that side
     * answered since the last refresh). Dead states are not removed here.
     */
    private void keepalivePass(long now) {
        if (sysctl(Sysctl.IPFW_DYN_KEEPALIVE) == 0 || table.count() == 0) {
            return;
        }
        keepaliveWalk(now);
    }

    /**
     * [G] ipfw_dyn_tick / [H] dyn_tick, every second: dead states are unlinked; every
     * dyn_keepalive_period seconds (dyn_keepalive_last + 5 &lt;= time_uptime, dyn_keepalive on)
     * the keepalive pass runs. [G] sends when expire - now &lt;= 20 (TIME_LEQ(expire, now + 20))
     * and skips the pass when the table is empty; [H] when expire - now &lt; 20.
     */
    private void secondTick(long now) {
        boolean checkKeepalive = false;
        if (keepaliveLast + DynamicTable.KEEPALIVE_PERIOD <= now && sysctl(Sysctl.IPFW_DYN_KEEPALIVE) != 0) {
            keepaliveLast = now;
            checkKeepalive = true;
        }
        if (table.count() == 0) {
            return;
        }
        table.sweepExpired(now, era == IpfwEra.SWEEP_2013
                ? "swept by the one-second tick (check_dyn_rules)"
                : "swept by the one-second tick (dyn_expire_states)");
        if (checkKeepalive) {
            keepaliveWalk(now);
        }
    }

    /** One keepalive pass over the table: the probes of every TCP state with BOTH_SYN that is due. */
    private void keepaliveWalk(long now) {
        List<Packet> out = new ArrayList<>();
        List<DynamicState> owners = new ArrayList<>();
        for (DynamicState q : table.states()) {
            if (q.protocol() == Protocol.TCP && (q.stateBits() & DynamicState.BOTH_SYN) == DynamicState.BOTH_SYN
                    && keepaliveDue(q, now)) {
                probesFor(q, out, owners);
            }
        }
        sendProbes(out, owners, now);
    }

    /**
     * When a state gets probes: [A]..[F] while 0 &lt; expire - now &lt; 20 ("too early", "too late,
     * rule expired"); [G] TIME_LEQ(expire, now + 20), dead states being already swept; [H] while
     * expire - now &lt; 20.
     */
    private boolean keepaliveDue(DynamicState q, long now) {
        return keepaliveDueAt(q.expire(), now);
    }

    /** {@link #keepaliveDue} for a state expiring at {@code expire} (DynamicState.dead: expire &lt;= now). */
    boolean keepaliveDueAt(long expire, long now) {
        return switch (era) {
            case IPFW2_2002, BOTH_SIDES_2012 -> (int) (now + KEEPALIVE_INTERVAL - expire) > 0 && (int) (expire - now) > 0;
            case SWEEP_2013 -> (int) (expire - (now + KEEPALIVE_INTERVAL)) <= 0;
            case REWRITE_2018 -> (int) (now + KEEPALIVE_INTERVAL - expire) > 0;
        };
    }

    /** When the tick runs next, or {@link Long#MAX_VALUE}. */
    long nextTickAt() {
        return tick.isScheduled() ? tick.time() : Long.MAX_VALUE;
    }

    /** The tick's period: a second from 2013, dyn_keepalive_period before. */
    long tickPeriod() {
        return SimTime.seconds(era.sweepsEverySecond() ? 1 : DynamicTable.KEEPALIVE_PERIOD);
    }

    /**
     * The two probes of a state. Toward the server (as from the client, send_pkt with TH_SYN):
     * seq = ack_rev - 1, ack = ack_fwd. Toward the client (as from the server): seq = ack_fwd - 1,
     * ack = ack_rev. Both ACK only, window 0, TTL net.inet.ip.ttl, M_SKIP_FIREWALL.
     * [A]..[G] queue the server-side probe first; [H] dyn_enqueue_keepalive_ipv4 the client-side
     * one first and skips a side whose stored ack is 0. 2012+: ACK_REV suppresses the probe to the
     * server side, ACK_FWD the one to the client side. 2018+: DF set.
     */
    private void probesFor(DynamicState q, List<Packet> out, List<DynamicState> owners) {
        boolean suppress = era.refreshNeedsBothSides();
        boolean toServer = !(suppress && (q.stateBits() & DynamicState.ACK_REV) != 0);
        boolean toClient = !(suppress && (q.stateBits() & DynamicState.ACK_FWD) != 0);
        if (era == IpfwEra.REWRITE_2018) {
            toServer &= q.ackRev() != 0;
            toClient &= q.ackFwd() != 0;
        }
        Packet server = toServer ? probe(q.source(), q.sourcePort(), q.destination(), q.destinationPort(),
                q.ackRev() - 1, q.ackFwd()) : null;
        Packet client = toClient ? probe(q.destination(), q.destinationPort(), q.source(), q.sourcePort(),
                q.ackFwd() - 1, q.ackRev()) : null;
        Packet first = era == IpfwEra.REWRITE_2018 ? client : server;
        Packet second = era == IpfwEra.REWRITE_2018 ? server : client;
        if (first != null) {
            out.add(first);
            owners.add(q);
        }
        if (second != null) {
            out.add(second);
            owners.add(q);
        }
    }

    private Packet probe(int src, int sport, int dst, int dport, int seq, int ack) {
        return Packet.tcp(src, sport, dst, dport).seq(seq).ack(ack).flags(TcpFlags.ACK).window(0)
                .ttl((int) host.sysctls().get(Sysctl.IP_TTL)).tos(tcpTos())
                .dontFragment(era == IpfwEra.REWRITE_2018).origin(Origin.IPFW_KEEPALIVE).skipFirewall(true).build();
    }

    /** The probes go out after the walk, in order ([F]/[G] chain of mbufs, [H] mbufq). */
    private void sendProbes(List<Packet> out, List<DynamicState> owners, long now) {
        CausalTrace trace = simulator.trace();
        long cause = trace.currentCause();
        for (int k = 0; k < out.size(); k++) {
            Packet p = out.get(k);
            DynamicState q = owners.get(k);
            trace.setCurrentCause(cause);
            if (trace.detailed(q.flow())) {
                trace.recordAndFollow(TraceKind.IPFW_KEEPALIVE, host.name(), q.flow(), new Fact.KeepaliveSent(
                        q.ruleNumber(), p.destination() == q.destination(), Integer.toUnsignedLong(p.seq()),
                        Integer.toUnsignedLong(p.ack()), q.expire() - now));
            } else {
                trace.count(TraceKind.IPFW_KEEPALIVE);
            }
            host.send(p);
        }
        trace.setCurrentCause(cause);
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void stateLost() {
        simulator.cancel(tick);
        table.clear();
        for (IpfwRule rule : rules) {
            rule.zero();
        }
    }

    @Override
    public void booted() {
        start();
    }

    // ---------------------------------------------------------------- commands

    /**
     * Applies a command at the current simulated time and returns what ipfw(8) prints on stdout
     * (the added rule for {@code add} unless {@code -q}; empty otherwise). Listing commands are
     * observations: see {@code dev.scn.observe.IpfwListing}.
     *
     * @throws IpfwCommandException when the kernel refuses (no such rule)
     */
    public String execute(IpfwCommand command) {
        if (command instanceof IpfwCommand.Add add) {
            return add(add);
        }
        if (command instanceof IpfwCommand.Delete delete) {
            delete(delete.numbers());
            return "";
        }
        if (command instanceof IpfwCommand.Flush flush) {
            flush();
            // sbin/ipfw/ipfw2.c flush() (RELENG_4 through 14.x): if (!do_quiet)
            // printf("Flushed all %s.\n", do_pipe ? "pipes" : "rules");
            return flush.quiet() ? "" : "Flushed all rules.\n";
        }
        if (command instanceof IpfwCommand.Zero zero) {
            return zero(zero);
        }
        if (command instanceof IpfwCommand.SetSysctl set) {
            host.sysctls().setByAdministrator(set.name(), set.value());
            return "";
        }
        throw new IllegalArgumentException("listing commands are observations: use dev.scn.observe.IpfwListing");
    }

    private String add(IpfwCommand.Add add) {
        int number = add.number();
        if (number == 0) {
            // add_rule: "locate the highest numbered rule before default", then + autoinc_step
            // unless that would reach the default rule. UNVERIFIED: the no-room case (reuse the
            // highest number) is from memory of [A] add_rule.
            int last = 0;
            for (IpfwRule r : rules) {
                if (r.number() != DEFAULT_RULE) {
                    last = r.number();
                }
            }
            long step = sysctl(Sysctl.IPFW_AUTOINC_STEP);
            number = last < DEFAULT_RULE - step ? (int) (last + step) : last;
        }
        IpfwRule rule = new IpfwRule(number, add.spec());
        int at = 0;
        while (at < rules.size() && rules.get(at).number() <= number) {
            at++;
        }
        rules.add(at, rule);
        kernelSet(Sysctl.IPFW_STATIC_COUNT, rules.size());
        return add.quiet() ? "" : String.format("%05d %s%n", number, rule.text());
    }

    private void delete(List<Integer> numbers) {
        for (int number : numbers) {
            List<IpfwRule> doomed = new ArrayList<>();
            for (IpfwRule r : rules) {
                if (r.number() == number && number != DEFAULT_RULE) {
                    doomed.add(r);
                }
            }
            if (doomed.isEmpty()) {
                // ipfw2.c delete(): warn("rule %u: setsockopt(IP_FW_DEL)", rulenum) with EINVAL.
                throw new IpfwCommandException("ipfw: rule " + number + ": setsockopt(IP_FW_DEL): Invalid argument");
            }
            for (IpfwRule r : doomed) {
                removeRule(r, "rule " + number + " deleted");
            }
        }
    }

    private void flush() {
        for (IpfwRule r : new ArrayList<>(rules)) {
            if (r.number() != DEFAULT_RULE) {
                removeRule(r, "ipfw flush");
            }
        }
    }

    /**
     * delete_rule -> remove_dyn_rule(rule, NULL) ([A]); [G] ipfw_expire_dyn_rules; [H]
     * dyn_expire_states with a range: the states go at once, unless 2018+ with dyn_keep_states=1.
     */
    private void removeRule(IpfwRule rule, String why) {
        rules.remove(rule);
        kernelSet(Sysctl.IPFW_STATIC_COUNT, rules.size());
        boolean keep = era == IpfwEra.REWRITE_2018 && sysctl(Sysctl.IPFW_DYN_KEEP_STATES) != 0;
        table.ruleDeleted(rule, keep, why);
    }

    /** zero_entry: counters of all rules, or of the numbered ones (dynamic states are untouched). */
    private String zero(IpfwCommand.Zero zero) {
        StringBuilder out = new StringBuilder();
        if (zero.numbers().isEmpty()) {
            rules.forEach(IpfwRule::zero);
            if (!zero.quiet()) {
                out.append("Accounting cleared.").append(System.lineSeparator());
            }
            return out.toString();
        }
        for (int number : zero.numbers()) {
            boolean found = false;
            for (IpfwRule r : rules) {
                if (r.number() == number) {
                    r.zero();
                    found = true;
                }
            }
            if (!found) {
                throw new IpfwCommandException("ipfw: rule " + number + ": setsockopt(IP_FW_ZERO): Invalid argument");
            }
            if (!zero.quiet()) {
                out.append("Entry ").append(number).append(" cleared").append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- helpers for the table

    long sysctl(Sysctl s) {
        return host.sysctls().get(s);
    }

    void kernelSet(Sysctl s, long value) {
        host.sysctls().setByKernel(s, value);
    }

    /** A kernel write an operator would notice (the lifetime clamps): traced as SYSCTL_SET. */
    void kernelSetTraced(Sysctl s, long value, String why) {
        long before = sysctl(s);
        kernelSet(s, value);
        simulator.trace().record(TraceKind.SYSCTL_SET, host.name(), null,
                new Fact.SysctlSet(s.oid(), before, value, why));
    }

    CausalTrace trace() {
        return simulator.trace();
    }

    String hostName() {
        return host.name();
    }

    /** The shared last_log rate limit of install_state / add_dyn_rule: one message a second. */
    void logOncePerSecond(long now, boolean tableFull, String text) {
        if (lastLog == now) {
            return;
        }
        lastLog = now;
        log(null, text, tableFull);
    }

    /** @param tableFull true when the line says the dynamic-state table is full (dyn_max) */
    private void log(FlowKey flow, String text, boolean tableFull) {
        logLines.add(new LogLine(simulator.now(), text, tableFull));
        CausalTrace trace = simulator.trace();
        if (trace.detailed(flow)) {
            trace.record(TraceKind.KERNEL_LOG, host.name(), flow,
                    new Fact.KernelLog(text, tableFull));
        } else {
            trace.count(TraceKind.KERNEL_LOG);
        }
    }
}
