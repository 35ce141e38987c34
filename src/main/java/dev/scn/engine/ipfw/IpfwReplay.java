package dev.scn.engine.ipfw;

import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.flow.Protocol;
import dev.scn.engine.os.IpfwEra;
import dev.scn.engine.os.Sysctl;
import dev.scn.fact.Fact;

import java.util.List;

/**
 * What the fast way does to ipfw for a connection whose packets it does not simulate one by one:
 * the SYN's lookup and install_state at the instant the SYN would arrive, then, at each instant a
 * packet of the connection would pass, the lookup's walk of the bucket (reaping dead states
 * before the match, moving the match to the front) and the state's fields as that instant left
 * them in the sandbox. Rule counters are added in one go: only {@code ipfw show} reads them, and
 * the fast way never runs with an observation inside a replayed connection.
 */
public final class IpfwReplay {
    private IpfwReplay() {
    }

    /** True when the rule exists, keeps state and has no {@code limit} (whose parents are not replayed). */
    public static boolean replayable(Ipfw ipfw, int ruleNumber) {
        IpfwRule rule = rule(ipfw, ruleNumber);
        return rule != null && rule.keepState() && rule.limit() == null;
    }

    /** Whether a state of the tuple is linked now (then a SYN of it would not make one). */
    public static boolean hasState(Ipfw ipfw, int a, int pa, int b, int pb) {
        return has(ipfw.table(), a, pa, b, pb);
    }

    /** dyn_count now, and net.inet.ip.fw.dyn_max. */
    public static long room(Ipfw ipfw) {
        return ipfw.sysctl(Sysctl.IPFW_DYN_MAX) - ipfw.table().count();
    }

    /**
     * The SYN from {@code source}:{@code sourcePort} arrives: its lookup walks the bucket, then
     * {@code ruleNumber}'s install_state links a state whose fields are those given.
     */
    public static DynamicState link(Ipfw ipfw, Rules rules, FlowKey flow, int source, int sourcePort, int destination,
                                    int destinationPort, int stateBits, long lifetime, long packets, long bytes,
                                    int ackFwd, int ackRev) {
        long now = ipfw.host().uptimeSeconds();
        DynamicTable table = ipfw.table();
        int bucket = walk(table, source, sourcePort, destination, destinationPort, null, now);
        DynamicState q = new DynamicState(rules.dynRule, Protocol.TCP, source, sourcePort, destination,
                destinationPort, DynamicState.Kind.STATE, null, flow);
        q.state = stateBits;
        q.expire = now + lifetime;
        q.packets = packets;
        q.bytes = bytes;
        q.ackFwd = ackFwd;
        q.ackRev = ackRev;
        linkAt(ipfw, table, q, bucket);
        return q;
    }

    /** The packets of one instant passed: the walk to {@code q}, then its fields as they left it. */
    public static void refresh(Ipfw ipfw, DynamicState q, int stateBits, long lifetime, long packets, long bytes,
                               int ackFwd, int ackRev) {
        long now = ipfw.host().uptimeSeconds();
        walk(ipfw.table(), q.source(), q.sourcePort(), q.destination(), q.destinationPort(), q, now);
        q.state = stateBits;
        q.packets = packets;
        q.bytes = bytes;
        q.ackFwd = ackFwd;
        q.ackRev = ackRev;
        expireAt(ipfw.table(), q, now + lifetime);
    }

    /** When the keepalive tick runs next (microseconds; {@link Long#MAX_VALUE} when it does not), and its period. */
    public static long nextTick(Ipfw ipfw) {
        return ipfw.nextTickAt();
    }

    public static long tickPeriod(Ipfw ipfw) {
        return ipfw.tickPeriod();
    }

    /**
     * Whether a tick at time_uptime {@code uptime} would send keepalives for a state with these
     * bits and expiry: dyn_keepalive on, both SYNs seen, the expiry close enough as the era says.
     */
    public static boolean wouldProbe(Ipfw ipfw, int stateBits, long expire, long uptime) {
        return ipfw.sysctl(Sysctl.IPFW_DYN_KEEPALIVE) != 0
                && (stateBits & DynamicState.BOTH_SYN) == DynamicState.BOTH_SYN
                && ipfw.keepaliveDueAt(expire, uptime);
    }

    /** Empties the table: the sandbox clears what its last recording left before the next. */
    public static void clearStates(Ipfw ipfw) {
        ipfw.table().clear();
    }

    /**
     * The live rules a recorded connection touched, found once by number: the one whose state it
     * made, and those whose counters its packets moved, with how much. The fast way runs only
     * when no command changes the rule set, so they stay the ones found.
     */
    public static final class Rules {
        private final IpfwRule dynRule;
        private final IpfwRule[] counted;
        private final long[] packets;
        private final long[] bytes;

        private Rules(IpfwRule dynRule, IpfwRule[] counted, long[] packets, long[] bytes) {
            this.dynRule = dynRule;
            this.counted = counted;
            this.packets = packets;
            this.bytes = bytes;
        }
    }

    /** @param counters per rule number: packets and bytes the connection added */
    public static Rules rules(Ipfw ipfw, int dynRule, java.util.Map<Integer, long[]> counters) {
        IpfwRule[] counted = new IpfwRule[counters.size()];
        long[] packets = new long[counted.length];
        long[] bytes = new long[counted.length];
        int i = 0;
        for (java.util.Map.Entry<Integer, long[]> e : counters.entrySet()) {
            counted[i] = rule(ipfw, e.getKey());
            packets[i] = e.getValue()[0];
            bytes[i++] = e.getValue()[1];
        }
        return new Rules(rule(ipfw, dynRule), counted, packets, bytes);
    }

    /** Adds what a replayed connection's packets added to the static rules' counters. */
    public static void addRuleCounts(Rules rules) {
        for (int i = 0; i < rules.counted.length; i++) {
            rules.counted[i].add(rules.packets[i], rules.bytes[i]);
        }
    }

    /**
     * What the lookups of one instant's packets do before they reach {@code q} (null: the SYN's
     * lookup, which matches nothing): [A]..[F] reap every dead state they walk past, then move the
     * match to the front ([A]..[G]). Returns the bucket of the tuple.
     */
    private static int walk(DynamicTable t, int a, int pa, int b, int pb, DynamicState q, long now) {
        int i = t.hash(a, pa, b, pb);
        List<DynamicState> bucket = t.buckets.get(i);
        boolean lazy = !t.era.sweepsEverySecond();
        for (int k = 0; k < bucket.size(); k++) {
            DynamicState other = bucket.get(k);
            if (other == q) {
                if (k > 0 && t.era != IpfwEra.REWRITE_2018) {
                    bucket.remove(k);
                    bucket.add(0, q);
                }
                return i;
            }
            if (other.kind() != DynamicState.Kind.PARENT && lazy && other.dead(now)) {
                bucket.remove(k);
                k--;
                t.unlinked(other, Fact.DynRemoval.REAPED, "lazily reaped: lookup walked its bucket after expiry");
            }
        }
        return i;
    }

    /** install_state's link of a replayed SYN's state, the fields as its instant left them. */
    private static void linkAt(Ipfw ipfw, DynamicTable t, DynamicState q, int bucket) {
        if (t.count == 0 && !t.era.sweepsEverySecond()) {
            t.reallocIfAsked();
            bucket = t.hash(q.source(), q.sourcePort(), q.destination(), q.destinationPort());
        }
        q.bucket = bucket;
        t.buckets.get(bucket).add(0, q);
        t.count++;
        ipfw.kernelSet(Sysctl.IPFW_DYN_COUNT, t.count);
        t.listener.linked(q, t.count);
        ipfw.trace().flowAppeared(q.flow());
    }

    /** A replayed refresh: the expiry moved as the instant's last packet moved it. */
    private static void expireAt(DynamicTable t, DynamicState q, long expire) {
        long before = q.expire;
        q.expire = expire;
        t.listener.expireChanged(q, before);
    }

    /** Whether a state of this tuple is linked (a SYN of it would match, not make one). */
    private static boolean has(DynamicTable t, int a, int pa, int b, int pb) {
        for (DynamicState q : t.buckets.get(t.hash(a, pa, b, pb))) {
            if (q.kind() != DynamicState.Kind.PARENT && (q.forward(a, pa, b, pb) || q.reverse(a, pa, b, pb))) {
                return true;
            }
        }
        return false;
    }

    private static IpfwRule rule(Ipfw ipfw, int number) {
        for (IpfwRule rule : ipfw.rules()) {
            if (rule.number() == number) {
                return rule;
            }
        }
        return null;
    }
}
