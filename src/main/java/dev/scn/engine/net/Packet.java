package dev.scn.engine.net;

import dev.scn.engine.flow.FlowKey;
import dev.scn.engine.flow.Protocol;
import dev.scn.engine.flow.Ipv4;

import dev.scn.fact.Origin;

/**
 * An IPv4 datagram with the header fields that matter to TCP, ipfw and tcpdump.
 *
 * <p>Sequence and acknowledgement numbers are 32-bit unsigned values held in {@code int}s and
 * compared with serial arithmetic ({@code (int) (a - b) < 0}), as the kernel's SEQ_LT does.
 * The payload is described by its length only; its bytes are zeros when written to a pcap.
 * A packet is immutable; {@link #id()} is given when it is first sent.
 */
public final class Packet {
    public static final int DEFAULT_TTL = 64;
    /** IPTOS_ECN_MASK and the ECN codepoints of the low two TOS bits (RFC 3168 §5, IPTOS_ECN_* of the IP header). */
    public static final int ECN_MASK = 0x03;
    public static final int ECN_NOT_ECT = 0x00;
    public static final int ECN_ECT1 = 0x01;
    public static final int ECN_ECT0 = 0x02;
    public static final int ECN_CE = 0x03;

    private final Protocol protocol;
    private final int source;
    private final int sourcePort;
    private final int destination;
    private final int destinationPort;
    private final int seq;
    private final int ack;
    private final int flags;
    private final int window;
    private final int payloadLength;
    private final TcpOptions options;
    private final int ttl;
    private final boolean dontFragment;
    private final int tos;
    private final Origin origin;
    private final boolean skipFirewall;
    private long id;
    /** Computed on first use: the send path, ipfw, the trace and TCP all ask for it. */
    private FlowKey flowKey;

    private Packet(Builder b) {
        this.protocol = b.protocol;
        this.source = b.source;
        this.sourcePort = b.sourcePort;
        this.destination = b.destination;
        this.destinationPort = b.destinationPort;
        this.seq = b.seq;
        this.ack = b.ack;
        this.flags = b.flags;
        this.window = b.window;
        this.payloadLength = b.payloadLength;
        this.options = b.options;
        this.ttl = b.ttl;
        this.dontFragment = b.dontFragment;
        this.tos = b.tos;
        this.flowKey = b.flowKey;
        this.origin = b.origin;
        this.skipFirewall = b.skipFirewall;
    }

    public static Builder tcp(int source, int sourcePort, int destination, int destinationPort) {
        return new Builder(Protocol.TCP, source, sourcePort, destination, destinationPort);
    }

    public static Builder udp(int source, int sourcePort, int destination, int destinationPort) {
        return new Builder(Protocol.UDP, source, sourcePort, destination, destinationPort);
    }

    /** The flow this packet belongs to, whichever way it travels. */
    public FlowKey flowKey() {
        FlowKey key = flowKey;
        if (key == null) {
            key = FlowKey.of(protocol, source, sourcePort, destination, destinationPort);
            flowKey = key;
        }
        return key;
    }

    public Protocol protocol() {
        return protocol;
    }

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

    public int seq() {
        return seq;
    }

    public int ack() {
        return ack;
    }

    public int flags() {
        return flags;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    public int window() {
        return window;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** The MSS option value carried (normally by a SYN), 0 when absent; derived from {@link #options()}. */
    public int mssOption() {
        return options.mss();
    }

    /** The TCP options in wire order; {@link TcpOptions#NONE} when there are none. */
    public TcpOptions options() {
        return options;
    }

    public int ttl() {
        return ttl;
    }

    public boolean dontFragment() {
        return dontFragment;
    }

    public int tos() {
        return tos;
    }

    /** The ECN field of the TOS byte: {@link #ECN_NOT_ECT}, ECT(1), ECT(0) or CE. */
    public int ecn() {
        return tos & ECN_MASK;
    }

    public Origin origin() {
        return origin;
    }

    /** M_SKIP_FIREWALL: ipfw lets the packet pass unchecked (its own keepalives and resets). */
    public boolean skipFirewall() {
        return skipFirewall;
    }

    public long id() {
        return id;
    }

    /** The segment as the causal trace keeps it: header numbers and this packet's description. */
    public dev.scn.fact.Segment segment() {
        return new dev.scn.fact.Segment(id, source, sourcePort, destination, destinationPort,
                Integer.toUnsignedLong(seq), Integer.toUnsignedLong(ack), flags, payloadLength, window,
                origin, toString());
    }

    void assignId(long id) {
        if (this.id == 0) {
            this.id = id;
        }
    }

    /** The 20-byte IP header plus the TCP header (20 plus the options padded to 4 bytes) or UDP header. */
    public int ipLength() {
        int transport = switch (protocol) {
            case TCP -> 20 + options.headerLength();
            case UDP, ICMP -> 8;
        };
        return 20 + transport + payloadLength;
    }

    /** A copy addressed back to the sender with other fields left to the builder. */
    public Builder reply() {
        return new Builder(protocol, destination, destinationPort, source, sourcePort);
    }

    @Override
    public String toString() {
        return Ipv4.format(source) + "." + sourcePort + " > " + Ipv4.format(destination) + "." + destinationPort
                + " [" + TcpFlags.tcpdump(flags) + "] seq " + Integer.toUnsignedString(seq)
                + " ack " + Integer.toUnsignedString(ack) + " len " + payloadLength + " (" + origin + ")";
    }

    /** Builds packets; defaults: TTL 64, no DF, TOS 0, origin TCP. */
    public static final class Builder {
        private final Protocol protocol;
        private final int source;
        private final int sourcePort;
        private final int destination;
        private final int destinationPort;
        private int seq;
        private int ack;
        private int flags;
        private int window;
        private int payloadLength;
        private TcpOptions options = TcpOptions.NONE;
        private int ttl = DEFAULT_TTL;
        private boolean dontFragment;
        private int tos;
        private Origin origin = Origin.TCP;
        private boolean skipFirewall;
        private FlowKey flowKey;

        private Builder(Protocol protocol, int source, int sourcePort, int destination, int destinationPort) {
            this.protocol = protocol;
            this.source = source;
            this.sourcePort = sourcePort;
            this.destination = destination;
            this.destinationPort = destinationPort;
        }

        public Builder seq(int value) {
            this.seq = value;
            return this;
        }

        public Builder ack(int value) {
            this.ack = value;
            return this;
        }

        public Builder flags(int value) {
            this.flags = value;
            return this;
        }

        public Builder window(int value) {
            this.window = value;
            return this;
        }

        public Builder payloadLength(int value) {
            this.payloadLength = value;
            return this;
        }

        /** Sets the options to just an MSS option ({@code 0}: no options). */
        public Builder mssOption(int value) {
            this.options = TcpOptions.mssOnly(value);
            return this;
        }

        public Builder options(TcpOptions value) {
            this.options = java.util.Objects.requireNonNull(value);
            return this;
        }

        public Builder ttl(int value) {
            this.ttl = value;
            return this;
        }

        public Builder dontFragment(boolean value) {
            this.dontFragment = value;
            return this;
        }

        public Builder tos(int value) {
            this.tos = value;
            return this;
        }

        public Builder origin(Origin value) {
            this.origin = value;
            return this;
        }

        public Builder skipFirewall(boolean value) {
            this.skipFirewall = value;
            return this;
        }

        /**
         * The flow key of the connection sending the packet, which it already has: the packet then
         * does not derive it again (the key does not depend on the direction).
         */
        public Builder flow(FlowKey key) {
            this.flowKey = key;
            return this;
        }

        public Packet build() {
            return new Packet(this);
        }
    }
}
