package dev.scn.engine.ipfw;

import dev.scn.engine.net.Direction;
import dev.scn.engine.net.Host;
import dev.scn.engine.net.Interface;
import dev.scn.engine.net.Packet;
import dev.scn.engine.flow.Protocol;
import dev.scn.engine.net.TcpFlags;

import java.util.List;

/**
 * One static rule with its counters ({@code struct ip_fw}: rulenum, pcnt, bcnt).
 *
 * <p>The match part follows ipfw_chk's opcodes: protocol, source address and ports, destination
 * address and ports, options in the typed order; {@code keep-state} is compiled last
 * (ipfw2.c add(): "put back the have_state command as last opcode") and preceded by an implicit
 * O_PROBE_STATE as the rule's first opcode, which {@link Ipfw} runs before any match.
 */
public final class IpfwRule {
    private final int number;
    private final RuleSpec spec;
    private long packets;
    private long bytes;
    private long logged;

    IpfwRule(int number, RuleSpec spec) {
        this.number = number;
        this.spec = spec;
    }

    public int number() {
        return number;
    }

    public RuleSpec spec() {
        return spec;
    }

    public IpfwAction action() {
        return spec.action();
    }

    public boolean keepState() {
        return spec.keepState();
    }

    /** The {@code limit} option, or null. */
    public RuleOption.Limit limit() {
        for (RuleOption option : spec.options()) {
            if (option instanceof RuleOption.Limit l) {
                return l;
            }
        }
        return null;
    }

    /** keep-state or limit: matching the rule installs dynamic state (and probes the table first). */
    public boolean installsState() {
        return spec.keepState() || limit() != null;
    }

    /** The rule's packet counter (pcnt). */
    public long packets() {
        return packets;
    }

    /** The rule's byte counter (bcnt, sum of ip_len). */
    public long bytes() {
        return bytes;
    }

    /** ipfw_chk "Update statistics": pcnt++, bcnt += pktlen. */
    void count(Packet packet) {
        packets++;
        bytes += packet.ipLength();
    }

    /** What the packets of a replayed connection would have added (the fast way). */
    void add(long packets, long bytes) {
        this.packets += packets;
        this.bytes += bytes;
    }

    void zero() {
        packets = 0;
        bytes = 0;
        logged = 0;
    }

    long logged() {
        return logged;
    }

    void countLogged() {
        logged++;
    }

    /** The rule body as show_ipfw prints it, e.g. {@code allow tcp from any to me dst-port 80 setup keep-state}. */
    public String text() {
        return RuleText.of(spec);
    }

    /**
     * Every body opcode but the state ones, as ipfw_chk evaluates them (ip_fw2.c 6.x):
     * O_PROTO, O_IP_SRC*, O_IP_SRCPORT and O_IP_DSTPORT (TCP/UDP only), O_IP_DST*, O_IN,
     * O_VIA/O_RECV/O_XMIT, O_TCPFLAGS (setup = syn,!ack), O_ESTAB (RST or ACK).
     */
    boolean matches(Host host, Packet packet, Direction direction, Interface via) {
        if (spec.protocol() != null && spec.protocol() != packet.protocol()) {
            return false;
        }
        if (!spec.source().matches(host, packet.source())) {
            return false;
        }
        boolean ports = packet.protocol() == Protocol.TCP || packet.protocol() == Protocol.UDP;
        if (spec.sourcePorts() != null && !(ports && spec.sourcePorts().matches(packet.sourcePort()))) {
            return false;
        }
        if (!spec.destination().matches(host, packet.destination())) {
            return false;
        }
        if (spec.destinationPorts() != null
                && !(ports && spec.destinationPorts().matches(packet.destinationPort()))) {
            return false;
        }
        for (RuleOption option : spec.options()) {
            if (!matches(option, packet, direction, via)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(RuleOption option, Packet packet, Direction direction, Interface via) {
        boolean tcp = packet.protocol() == Protocol.TCP;
        int flags = packet.flags();
        if (option instanceof RuleOption.Setup) {
            return tcp && (flags & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN;
        }
        if (option instanceof RuleOption.Established) {
            return tcp && (flags & (TcpFlags.RST | TcpFlags.ACK)) != 0;
        }
        if (option instanceof RuleOption.Way way) {
            return way.in() == (direction == Direction.IN);
        }
        if (option instanceof RuleOption.TcpFlagsOption f) {
            return tcp && (flags & f.set()) == f.set() && (flags & f.clear()) == 0;
        }
        if (option instanceof RuleOption.Limit) {
            return true; // O_LIMIT installs state when the rest matched; it filters nothing itself
        }
        if (option instanceof RuleOption.Iface iface) {
            // O_RECV checks the receiving interface, O_XMIT the outgoing one, O_VIA whichever
            // the packet has: rcvif on input, oif on output (ipfw_chk, iface_match).
            boolean named = via.name().equals(iface.name());
            return switch (iface.keyword()) {
                case "recv" -> direction == Direction.IN && named;
                case "xmit" -> direction == Direction.OUT && named;
                default -> named;
            };
        }
        throw new IllegalStateException("unhandled option " + option);
    }

    /**
     * What the operator wrote after the rule number.
     *
     * @param action           the action
     * @param log              {@code log} after the action
     * @param protocol         null for {@code ip}/{@code all}
     * @param source           source address
     * @param sourcePorts      null when absent
     * @param destination      destination address
     * @param destinationPorts null when absent
     * @param options          options in typed order, without keep-state
     * @param keepState        {@code keep-state} present
     * @param bodyOmitted      {@code add check-state} with no protocol and addresses
     */
    public record RuleSpec(IpfwAction action, boolean log, Protocol protocol, AddressSpec source,
                           PortSpec sourcePorts, AddressSpec destination, PortSpec destinationPorts,
                           List<RuleOption> options, boolean keepState, boolean bodyOmitted) {

        /** {@code deny ip from any to any}: the default rule 65535 (IPFW_DEFAULT_RULE). */
        public static RuleSpec defaultDeny() {
            return new RuleSpec(IpfwAction.of(IpfwAction.Kind.DENY), false, null, AddressSpec.ANY, null,
                    AddressSpec.ANY, null, List.of(), false, false);
        }
    }
}
