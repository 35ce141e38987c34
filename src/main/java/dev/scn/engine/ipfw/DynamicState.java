package dev.scn.engine.ipfw;

import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.flow.Ipv4;
import dev.scn.engine.flow.Protocol;
import dev.scn.engine.net.TcpFlags;

/**
 * One dynamic rule ({@code ipfw_dyn_rule}): the creating packet's 5-tuple, the parent rule,
 * the sticky TCP flag bits, the last acks seen each way, the expiry instant and counters.
 * A dead state (expire &lt;= now) stays here until the era's code unlinks it.
 */
public final class DynamicState {
    /** ip_fw2.c: BOTH_SYN = TH_SYN | (TH_SYN &lt;&lt; 8). */
    public static final int BOTH_SYN = TcpFlags.SYN | (TcpFlags.SYN << 8);
    /** ip_fw2.c: BOTH_FIN = TH_FIN | (TH_FIN &lt;&lt; 8). */
    public static final int BOTH_FIN = TcpFlags.FIN | (TcpFlags.FIN << 8);
    /** ip_fw_dynamic.c [F]/[G]/[H]: "fwd ack seen". */
    public static final int ACK_FWD = 0x10000;
    /** ip_fw_dynamic.c [F]/[G]/[H]: "rev ack seen". */
    public static final int ACK_REV = 0x20000;

    private final IpfwRule rule;
    private final Protocol protocol;
    private final int source;
    private final int sourcePort;
    private final int destination;
    private final int destinationPort;
    private final FlowKey flow;
    int state;
    int ackFwd;
    int ackRev;
    long expire;
    long packets;
    long bytes;
    int bucket;
    boolean orphaned;
    private final Kind kind;
    /** For a LIMIT state, its parent; for a PARENT, null. */
    final DynamicState parent;
    /** For a PARENT, how many LIMIT states point to it (the kernel's count). */
    int children;

    /** dyn_type of ipfw_dyn_rule: O_KEEP_STATE, O_LIMIT, O_LIMIT_PARENT. */
    public enum Kind { STATE, LIMIT, PARENT }

    DynamicState(IpfwRule rule, Protocol protocol, int source, int sourcePort, int destination, int destinationPort) {
        this(rule, protocol, source, sourcePort, destination, destinationPort, Kind.STATE, null);
    }

    DynamicState(IpfwRule rule, Protocol protocol, int source, int sourcePort, int destination, int destinationPort,
                 Kind kind, DynamicState parent) {
        this(rule, protocol, source, sourcePort, destination, destinationPort, kind, parent,
                FlowKey.of(protocol, source, sourcePort, destination, destinationPort));
    }

    /** A state whose flow key the caller already has (a replayed connection's). */
    DynamicState(IpfwRule rule, Protocol protocol, int source, int sourcePort, int destination, int destinationPort,
                 Kind kind, DynamicState parent, FlowKey flow) {
        this.kind = kind;
        this.parent = parent;
        this.rule = rule;
        this.protocol = protocol;
        this.source = source;
        this.sourcePort = sourcePort;
        this.destination = destination;
        this.destinationPort = destinationPort;
        this.flow = flow;
    }

    public Kind kind() {
        return kind;
    }

    /** For a PARENT: its current number of sessions. */
    public int children() {
        return children;
    }

    public IpfwRule rule() {
        return rule;
    }

    /** Number of the rule that created it (still shown after deletion with dyn_keep_states). */
    public int ruleNumber() {
        return rule.number();
    }

    public Protocol protocol() {
        return protocol;
    }

    /** Source of the creating packet (the client for a SYN-created state). */
    public int source() {
        return source;
    }

    public int sourcePort() {
        return sourcePort;
    }

    public int destination() {
        return destination;
    }

    public int destinationPort() {
        return destinationPort;
    }

    public FlowKey flow() {
        return flow;
    }

    /** Sticky flag bits: forward in the low byte, reverse shifted 8, ACK_FWD/ACK_REV above. */
    public int stateBits() {
        return state;
    }

    public int ackFwd() {
        return ackFwd;
    }

    public int ackRev() {
        return ackRev;
    }

    /** Expiry as an uptime second (time_uptime / time_second). */
    public long expire() {
        return expire;
    }

    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    /** True when the parent rule was deleted with dyn_keep_states=1 (2018+). */
    public boolean orphaned() {
        return orphaned;
    }

    /** TIME_LEQ(expire, now): the state is dead. */
    public boolean dead(long now) {
        return (int) (expire - now) <= 0;
    }

    /** What IP_FW_GET reports: 0 when dead, else expire - now (ipfw_get_dynamic). */
    public long remaining(long now) {
        return dead(now) ? 0 : expire - now;
    }

    boolean forward(int src, int sport, int dst, int dport) {
        return src == source && sport == sourcePort && dst == destination && dport == destinationPort;
    }

    boolean reverse(int src, int sport, int dst, int dport) {
        return src == destination && sport == destinationPort && dst == source && dport == sourcePort;
    }

    /** The 5-tuple as show_dyn_ipfw prints it: {@code tcp 198.51.100.7 1030 <-> 192.0.2.10 80}. */
    public String tuple() {
        return protocol.ipfwName() + " " + Ipv4.format(source) + " " + sourcePort + " <-> "
                + Ipv4.format(destination) + " " + destinationPort;
    }

    @Override
    public String toString() {
        return String.format("%05d STATE %s state=0x%x ack_fwd=%s ack_rev=%s expire=%d", rule.number(), tuple(),
                state, Integer.toUnsignedString(ackFwd), Integer.toUnsignedString(ackRev), expire);
    }
}
