package dev.scn.engine.ipfw;

import dev.scn.engine.net.Packet;
import dev.scn.engine.flow.Protocol;
import dev.scn.engine.net.TcpFlags;
import dev.scn.engine.os.IpfwEra;
import dev.scn.engine.os.Sysctl;
import dev.scn.engine.trace.CausalTrace;
import dev.scn.engine.trace.TraceKind;
import dev.scn.fact.Fact;

import java.util.ArrayList;
import java.util.List;

/**
 * The dynamic rule hash table ({@code ipfw_dyn_v}) and the per-packet state machine of each
 * era (model-freebsd.md sections 1 and 3).
 *
 * <p>Buckets are chosen with the era's hash_packet ({@code src ^ dst ^ sport ^ dport}, masked by
 * {@code curr_dyn_buckets - 1}; [A], [F], [G]); a new state goes to the head of its bucket and a
 * matched one is moved to the front (lookup_dyn_rule). Before 2013 a dead state is only unlinked
 * when a lookup walks past it or when the full-table sweep runs, so {@link #count()} may count dead
 * states; from 2013 the one-second tick sweeps ({@link #sweepExpired}).
 */
final class DynamicTable {
    /** dyn_keepalive_period: an internal constant, not a sysctl ([A]..[H]). */
    static final int KEEPALIVE_PERIOD = 5;

    private final Ipfw ipfw;
    final IpfwEra era;
    /** Package-wide for the fast way's hooks ({@link IpfwReplay}), as are hash, unlinked and reallocIfAsked. */
    List<List<DynamicState>> buckets = new ArrayList<>();
    int count;
    private long lastRemove = Long.MIN_VALUE;
    /** Told of links, expiry moves and unlinks (exact step charts); see {@link Ipfw#setDynamicStateListener}. */
    DynamicStateListener listener = DynamicStateListener.NONE;

    DynamicTable(Ipfw ipfw, IpfwEra era) {
        this.ipfw = ipfw;
        this.era = era;
        resize(initialBuckets());
    }

    /**
     * curr_dyn_buckets at init: 256 in every era ([A] static, [F]/[G] ipfw_dyn_init, [H]
     * dyn_grow_hashtable(chain, 256)). Not modelled: [G]/[H] growing the table from the tick.
     */
    private int initialBuckets() {
        return 256;
    }

    int currentBuckets() {
        return buckets.size();
    }

    private void resize(int n) {
        List<List<DynamicState>> fresh = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fresh.add(new ArrayList<>(1));
        }
        buckets = fresh;
        ipfw.kernelSet(Sysctl.IPFW_CURR_DYN_BUCKETS, n);
    }

    /** dyn_count as the kernel keeps it: every linked state, dead or alive. */
    int count() {
        return count;
    }

    /** All linked states in table order (bucket by bucket, head first), dead ones included. */
    List<DynamicState> states() {
        List<DynamicState> out = new ArrayList<>(count);
        for (List<DynamicState> bucket : buckets) {
            out.addAll(bucket);
        }
        return out;
    }

    /** hash_packet of [A]/[F]/[G]: commutative in source and destination. */
    int hash(int a, int pa, int b, int pb) {
        return (a ^ b ^ pa ^ pb) & (buckets.size() - 1);
    }

    /**
     * lookup_dyn_rule(_locked) / dyn_lookup_ipv4_state: finds the state by 5-tuple only, forward
     * or reverse, and updates it with the packet (flags, acks, expiry) and counts it; returns the
     * state found, or null.
     */
    DynamicState lookup(Packet packet, long now) {
        int i = hash(packet.source(), packet.sourcePort(), packet.destination(), packet.destinationPort());
        List<DynamicState> bucket = buckets.get(i);
        boolean lazy = !era.sweepsEverySecond();
        for (int k = 0; k < bucket.size(); k++) {
            DynamicState q = bucket.get(k);
            if (q.kind() == DynamicState.Kind.PARENT) {
                continue; // lookup_dyn_rule: parents are never matched (nor reaped) by packets
            }
            if (lazy && q.dead(now)) {
                // [A]/[B]/[C]/[F] lookup_dyn_rule: "expire entry", UNLINK_DYN_RULE while walking.
                bucket.remove(k);
                k--;
                unlinked(q, Fact.DynRemoval.REAPED, "lazily reaped: lookup walked its bucket after expiry");
                continue;
            }
            if (q.protocol() != packet.protocol()) {
                continue;
            }
            boolean forward = q.forward(packet.source(), packet.sourcePort(), packet.destination(),
                    packet.destinationPort());
            if (!forward && !q.reverse(packet.source(), packet.sourcePort(), packet.destination(),
                    packet.destinationPort())) {
                continue;
            }
            if (k > 0 && era != IpfwEra.REWRITE_2018) {
                // "found and not in front": moved to the head of the bucket ([A]..[G]); [H]'s
                // lockless lists keep their order.
                bucket.remove(k);
                bucket.add(0, q);
            }
            update(q, packet, forward, true, now);
            // ipfw_chk O_PROBE_STATE hit ([A]..[G]); dyn_update_proto_state DYN_COUNTER_INC ([H]).
            q.packets++;
            q.bytes += packet.ipLength();
            return q;
        }
        return null;
    }

    /**
     * install_state for O_KEEP_STATE. Returns false when the table is full and the packet must be
     * denied.
     */
    boolean install(IpfwRule rule, Packet packet, long now) {
        long max = ipfw.sysctl(Sysctl.IPFW_DYN_MAX);
        if (count >= max && !era.sweepsEverySecond()) {
            // [A]/[B]/[C]/[F] install_state: "Run out of slots, try to remove any expired rule."
            removeExpiredRateLimited(now);
        }
        if (count >= max) {
            ipfw.logOncePerSecond(now, true, switch (era) {
                // [B],[C] install_state (model-freebsd.md section 3)
                case IPFW2_2002 -> "ipfw: install_state: Too many dynamic rules";
                // [F] ipfw_install_state: printf("ipfw: %s: Too many dynamic rules\n", __func__)
                case BOTH_SIDES_2012 -> "ipfw: ipfw_install_state: Too many dynamic rules";
                // [G] add_dyn_rule: uma zone limit reached, log(LOG_DEBUG, "ipfw: %s: Cannot allocate rule")
                case SWEEP_2013 -> "ipfw: add_dyn_rule: Cannot allocate rule";
                // [H] dyn_alloc_dyndata
                case REWRITE_2018 -> "ipfw: Cannot allocate dynamic state, consider increasing net.inet.ip.fw.dyn_max";
            });
            return false;
        }
        if (count == 0 && !era.sweepsEverySecond()) {
            reallocIfAsked();
        }
        DynamicState parent = null;
        RuleOption.Limit limit = rule.limit();
        if (limit != null) {
            parent = limitParent(rule, limit, packet, now);
            if (parent.children >= limit.count()) {
                // install_state O_LIMIT: "See if we can remove some expired rule." remove_dyn_rule(rule, parent)
                removeExpiredOfRule(rule, parent, now);
                if (parent.children >= limit.count()) {
                    if (ipfw.sysctl(Sysctl.IPFW_VERBOSE) != 0) {
                        ipfw.logOncePerSecond(now, false, "drop session, too many entries");
                    }
                    return false;
                }
            }
        }
        DynamicState q = parent == null
                ? new DynamicState(rule, packet.protocol(), packet.source(), packet.sourcePort(),
                        packet.destination(), packet.destinationPort())
                : new DynamicState(rule, packet.protocol(), packet.source(), packet.sourcePort(),
                        packet.destination(), packet.destinationPort(), DynamicState.Kind.LIMIT, parent);
        if (parent != null) {
            parent.children++;
        }
        int i = hash(q.source(), q.sourcePort(), q.destination(), q.destinationPort());
        q.bucket = i;
        q.expire = now + ipfw.sysctl(Sysctl.IPFW_DYN_SYN_LIFETIME);
        buckets.get(i).add(0, q);
        count++;
        ipfw.kernelSet(Sysctl.IPFW_DYN_COUNT, count);
        listener.linked(q, count);
        CausalTrace trace = ipfw.trace();
        trace.flowAppeared(q.flow());
        if (trace.detailed(q.flow())) {
            trace.record(TraceKind.DYN_CREATED, ipfw.hostName(), q.flow(), new Fact.DynCreated(rule.number(),
                    q.tuple(), q.expire - now, "dyn_syn_lifetime"));
        } else {
            trace.count(TraceKind.DYN_CREATED);
        }
        if (era == IpfwEra.REWRITE_2018) {
            // [H] dyn_alloc_dyndata: dyn_update_proto_state(data, pkt, ulp, pktlen, MATCH_FORWARD),
            // which also counts the creating packet.
            update(q, packet, true, true, now);
            q.packets++;
            q.bytes += packet.ipLength();
        } else {
            // [A]..[G] install_state: "XXX just set lifetime": lookup_dyn_rule(&id, NULL, NULL),
            // so no ack tracking and no counting of the creating packet.
            update(q, packet, true, false, now);
        }
        return true;
    }

    /**
     * [A]/[F] add_dyn_rule -> realloc_dynamic_table when the table is empty and dyn_buckets
     * changed: power of two, above 65536 forced to 1024, otherwise the sysctl is reset.
     */
    void reallocIfAsked() {
        long wanted = ipfw.sysctl(Sysctl.IPFW_DYN_BUCKETS);
        if (wanted == buckets.size()) {
            return;
        }
        if (wanted > 65536) {
            wanted = 1024;
        }
        if ((wanted & (wanted - 1)) != 0) {
            ipfw.kernelSet(Sysctl.IPFW_DYN_BUCKETS, buckets.size());
            return;
        }
        resize((int) wanted);
    }

    /**
     * The per-packet update of lookup_dyn_rule ([A]..[F]), lookup_dyn_rule_locked ([G]) and
     * dyn_update_tcp_state ([H]). {@code withTcp} false stands for the NULL tcp header passed by
     * install_state: no ack tracking.
     */
    private void update(DynamicState q, Packet packet, boolean forward, boolean withTcp, long now) {
        Sysctl lifetime;
        if (packet.protocol() == Protocol.TCP) {
            int flags = packet.flags() & (TcpFlags.FIN | TcpFlags.SYN | TcpFlags.RST);
            q.state |= forward ? flags : flags << 8;
            int tcpState = q.state & 0xffff;
            if (tcpState == TcpFlags.SYN) {
                lifetime = Sysctl.IPFW_DYN_SYN_LIFETIME;
            } else if (tcpState == DynamicState.BOTH_SYN || tcpState == (DynamicState.BOTH_SYN | TcpFlags.FIN)
                    || tcpState == (DynamicState.BOTH_SYN | (TcpFlags.FIN << 8))) {
                if (!withTcp) {
                    return;
                }
                lifetime = trackAck(q, packet.ack(), forward);
                if (lifetime == null) {
                    return;
                }
            } else if (tcpState == (DynamicState.BOTH_SYN | DynamicState.BOTH_FIN)) {
                clamp(Sysctl.IPFW_DYN_FIN_LIFETIME);
                lifetime = Sysctl.IPFW_DYN_FIN_LIFETIME;
            } else {
                // "reset or some invalid combination"; [H] clamps only while dyn_keepalive is on.
                if (era != IpfwEra.REWRITE_2018 || ipfw.sysctl(Sysctl.IPFW_DYN_KEEPALIVE) != 0) {
                    clamp(Sysctl.IPFW_DYN_RST_LIFETIME);
                }
                lifetime = Sysctl.IPFW_DYN_RST_LIFETIME;
            }
        } else if (packet.protocol() == Protocol.UDP) {
            lifetime = Sysctl.IPFW_DYN_UDP_LIFETIME;
        } else {
            lifetime = Sysctl.IPFW_DYN_SHORT_LIFETIME;
        }
        long before = q.expire;
        q.expire = now + ipfw.sysctl(lifetime);
        listener.expireChanged(q, before);
        CausalTrace trace = ipfw.trace();
        if (trace.detailed(q.flow())) {
            trace.record(TraceKind.DYN_REFRESHED, ipfw.hostName(), q.flow(), new Fact.DynRefreshed(q.ruleNumber(),
                    q.expire - now, lifetime.leaf(), forward, q.state, Integer.toUnsignedLong(q.ackFwd),
                    Integer.toUnsignedLong(q.ackRev), ipfw.instantOfUptime(q.expire)));
        } else {
            trace.count(TraceKind.DYN_REFRESHED);
        }
    }

    /**
     * Ack tracking with _SEQ_GE ((int)(a - b) &gt;= 0, so an equal ack counts). 2002 era: a newer
     * or equal ack is stored and refreshes, an older one is ignored and does not refresh. 2012+:
     * it sets ACK_FWD/ACK_REV; the ack lifetime applies only when both are set, then both clear.
     *
     * @return the lifetime sysctl to apply, or null when the expiry stays as it is
     */
    private Sysctl trackAck(DynamicState q, int ack, boolean forward) {
        int stored = forward ? q.ackFwd : q.ackRev;
        boolean inSequence = stored == 0 || ack - stored >= 0;
        if (inSequence) {
            if (forward) {
                q.ackFwd = ack;
            } else {
                q.ackRev = ack;
            }
        }
        if (!era.refreshNeedsBothSides()) {
            return inSequence ? Sysctl.IPFW_DYN_ACK_LIFETIME : null;
        }
        if (inSequence) {
            q.state |= forward ? DynamicState.ACK_FWD : DynamicState.ACK_REV;
        }
        int both = DynamicState.ACK_FWD | DynamicState.ACK_REV;
        if ((q.state & both) == both) {
            q.state &= ~both;
            return Sysctl.IPFW_DYN_ACK_LIFETIME;
        }
        return null;
    }

    /** "if (dyn_fin_lifetime >= dyn_keepalive_period) dyn_fin_lifetime = dyn_keepalive_period - 1". */
    private void clamp(Sysctl lifetime) {
        if (ipfw.sysctl(lifetime) >= KEEPALIVE_PERIOD) {
            ipfw.kernelSetTraced(lifetime, KEEPALIVE_PERIOD - 1,
                    "clamped to dyn_keepalive_period - 1 by the dynamic rule code");
        }
    }

    /**
     * lookup_dyn_parent: the O_LIMIT_PARENT of this rule for the packet's masked fields (the others
     * zeroed, protocol kept); found: expire = now + dyn_short_lifetime; else add_dyn_rule makes one
     * with expire = now + dyn_syn_lifetime. A parent counts in dyn_count and is listed as
     * "PARENT n" ([A] lookup_dyn_parent, add_dyn_rule).
     */
    private DynamicState limitParent(IpfwRule rule, RuleOption.Limit limit, Packet packet, long now) {
        int src = (limit.mask() & RuleOption.Limit.SRC_ADDR) != 0 ? packet.source() : 0;
        int sport = (limit.mask() & RuleOption.Limit.SRC_PORT) != 0 ? packet.sourcePort() : 0;
        int dst = (limit.mask() & RuleOption.Limit.DST_ADDR) != 0 ? packet.destination() : 0;
        int dport = (limit.mask() & RuleOption.Limit.DST_PORT) != 0 ? packet.destinationPort() : 0;
        int i = hash(src, sport, dst, dport);
        for (DynamicState q : buckets.get(i)) {
            if (q.kind() == DynamicState.Kind.PARENT && q.rule() == rule && q.protocol() == packet.protocol()
                    && q.forward(src, sport, dst, dport)) {
                q.expire = now + ipfw.sysctl(Sysctl.IPFW_DYN_SHORT_LIFETIME);
                return q;
            }
        }
        DynamicState parent = new DynamicState(rule, packet.protocol(), src, sport, dst, dport,
                DynamicState.Kind.PARENT, null);
        parent.bucket = i;
        parent.expire = now + ipfw.sysctl(Sysctl.IPFW_DYN_SYN_LIFETIME);
        buckets.get(i).add(0, parent);
        count++;
        ipfw.kernelSet(Sysctl.IPFW_DYN_COUNT, count);
        listener.linked(parent, count);
        return parent;
    }

    /**
     * remove_dyn_rule(rule, keep_me) not forced: at most once a second, the rule's expired
     * sessions go, and its parents left without sessions once expired. (The 2002 code's second
     * pass unlinks the rule's other parents even while sessions still point to them, freeing
     * memory still in use; scn keeps a parent while it has sessions.)
     */
    private void removeExpiredOfRule(IpfwRule rule, DynamicState keep, long now) {
        if (lastRemove == now) {
            return;
        }
        lastRemove = now;
        for (List<DynamicState> bucket : buckets) {
            for (int k = 0; k < bucket.size(); k++) {
                DynamicState q = bucket.get(k);
                if (q == keep || q.rule() != rule || !removable(q, now)) {
                    continue;
                }
                bucket.remove(k);
                k--;
                unlinked(q, Fact.DynRemoval.LIMIT_ROOM, "expired: removed to make room under the rule's limit");
            }
        }
    }

    /** A dead session, or a dead parent no session points to any more. */
    private static boolean removable(DynamicState q, long now) {
        if (!q.dead(now)) {
            return false;
        }
        return q.kind() != DynamicState.Kind.PARENT || q.children == 0;
    }

    /**
     * remove_dyn_rule(NULL, (ipfw_dyn_rule *)1) ([A]..[F]): remove every expired state, "do not
     * expire more than once per second".
     */
    private void removeExpiredRateLimited(long now) {
        if (lastRemove == now) {
            return;
        }
        lastRemove = now;
        sweepExpired(now, "swept: dyn_max reached, install_state removed expired states");
    }

    /** Unlinks every dead state ([G] check_dyn_rules stage 1, [H] dyn_expire_states). */
    void sweepExpired(long now, String why) {
        for (List<DynamicState> bucket : buckets) {
            for (int k = 0; k < bucket.size(); k++) {
                DynamicState q = bucket.get(k);
                if (removable(q, now)) {
                    bucket.remove(k);
                    k--;
                    unlinked(q, Fact.DynRemoval.SWEPT, why);
                }
            }
        }
    }

    /** Removes the states a deleted rule created ([A] remove_dyn_rule(rule, NULL)); 2018+ may keep them. */
    void ruleDeleted(IpfwRule rule, boolean keepStates, String why) {
        for (List<DynamicState> bucket : buckets) {
            for (int k = 0; k < bucket.size(); k++) {
                DynamicState q = bucket.get(k);
                if (q.rule() != rule) {
                    continue;
                }
                if (keepStates) {
                    // [H] dyn_match_ipv4_state with V_dyn_keep_states: dyn_acquire_rule, state kept.
                    q.orphaned = true;
                    continue;
                }
                bucket.remove(k);
                k--;
                unlinked(q, Fact.DynRemoval.RULE_DELETED, why);
            }
        }
    }

    /** Everything gone at once: the host crashed or rebooted. */
    void clear() {
        for (List<DynamicState> bucket : buckets) {
            bucket.clear();
        }
        count = 0;
        lastRemove = Long.MIN_VALUE;
        ipfw.kernelSet(Sysctl.IPFW_DYN_COUNT, 0);
        listener.cleared();
    }

    void unlinked(DynamicState q, Fact.DynRemoval removal, String why) {
        if (q.parent != null) {
            // UNLINK_DYN_RULE: "remove a refcount to the parent"
            q.parent.children--;
        }
        count--;
        ipfw.kernelSet(Sysctl.IPFW_DYN_COUNT, count);
        listener.unlinked(q, count);
        CausalTrace trace = ipfw.trace();
        if (trace.detailed(q.flow())) {
            trace.record(TraceKind.DYN_REMOVED, ipfw.hostName(), q.flow(),
                    new Fact.DynRemoved(q.ruleNumber(), q.tuple(), removal, why));
        } else {
            trace.count(TraceKind.DYN_REMOVED);
        }
    }
}
