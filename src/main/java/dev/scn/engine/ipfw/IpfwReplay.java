package dev.scn.engine.ipfw;

import dev.scn.engine.flow.Protocol;

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
        return ipfw.table().has(a, pa, b, pb);
    }

    /** dyn_count now, and net.inet.ip.fw.dyn_max. */
    public static long room(Ipfw ipfw) {
        return ipfw.sysctl(dev.scn.engine.os.Sysctl.IPFW_DYN_MAX) - ipfw.table().count();
    }

    /**
     * The SYN from {@code source}:{@code sourcePort} arrives: its lookup walks the bucket, then
     * {@code ruleNumber}'s install_state links a state whose fields are those given.
     */
    public static DynamicState link(Ipfw ipfw, int ruleNumber, int source, int sourcePort, int destination,
                                    int destinationPort, int stateBits, long lifetime, long packets, long bytes,
                                    int ackFwd, int ackRev) {
        long now = ipfw.host().uptimeSeconds();
        DynamicTable table = ipfw.table();
        int bucket = table.replayWalk(source, sourcePort, destination, destinationPort, null, now);
        DynamicState q = new DynamicState(rule(ipfw, ruleNumber), Protocol.TCP, source, sourcePort, destination,
                destinationPort);
        q.state = stateBits;
        q.expire = now + lifetime;
        q.packets = packets;
        q.bytes = bytes;
        q.ackFwd = ackFwd;
        q.ackRev = ackRev;
        table.replayLink(q, bucket);
        return q;
    }

    /** The packets of one instant passed: the walk to {@code q}, then its fields as they left it. */
    public static void refresh(Ipfw ipfw, DynamicState q, int stateBits, long lifetime, long packets, long bytes,
                               int ackFwd, int ackRev) {
        long now = ipfw.host().uptimeSeconds();
        ipfw.table().replayWalk(q.source(), q.sourcePort(), q.destination(), q.destinationPort(), q, now);
        q.state = stateBits;
        q.packets = packets;
        q.bytes = bytes;
        q.ackFwd = ackFwd;
        q.ackRev = ackRev;
        ipfw.table().replayExpire(q, now + lifetime);
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
        return ipfw.sysctl(dev.scn.engine.os.Sysctl.IPFW_DYN_KEEPALIVE) != 0
                && (stateBits & DynamicState.BOTH_SYN) == DynamicState.BOTH_SYN
                && ipfw.keepaliveDueAt(expire, uptime);
    }

    /** Empties the table: the sandbox clears what its last recording left before the next. */
    public static void clearStates(Ipfw ipfw) {
        ipfw.table().clear();
    }

    /** Adds what a replayed connection's packets added to a static rule's counters. */
    public static void addRuleCounts(Ipfw ipfw, int ruleNumber, long packets, long bytes) {
        rule(ipfw, ruleNumber).add(packets, bytes);
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
