package dev.scn.observe;

import dev.scn.engine.net.Packet;

import java.nio.ByteBuffer;

/**
 * The bytes of a packet as it would cross the wire: a 20-byte IPv4 header (RFC 791, no options)
 * followed by the TCP header (RFC 793, with the packet's options
 * padded to a 32-bit word) or the
 * UDP header (RFC 768), then the payload as zero bytes. Checksums are computed, so Wireshark's
 * checksum validation passes.
 */
public final class Ipv4Datagram {
    static final int IP_HEADER_LENGTH = 20;
    private static final int DONT_FRAGMENT = 0x4000;

    private Ipv4Datagram() {
    }

    /**
     * Encodes {@code packet} with IP identification {@code ipId} (the low 16 bits are used).
     *
     * @throws IllegalArgumentException for ICMP (the engine models no ICMP type or code) or a
     *     field that does not fit its header width
     */
    public static byte[] encode(Packet packet, int ipId) {
        int totalLength = packet.ipLength();
        if (totalLength > 0xffff) {
            throw new IllegalArgumentException("IP total length " + totalLength + " exceeds 65535: " + packet);
        }
        ByteBuffer out = ByteBuffer.allocate(totalLength);
        writeIpHeader(out, packet, totalLength, ipId);
        switch (packet.protocol()) {
            case TCP -> writeTcp(out, packet);
            case UDP -> writeUdp(out, packet);
            case ICMP -> throw new IllegalArgumentException("ICMP packets cannot be written: the engine models no "
                    + "ICMP type or code: " + packet);
        }
        // The payload stays as the zero bytes ByteBuffer.allocate gave it.
        return out.array();
    }

    private static void writeIpHeader(ByteBuffer out, Packet p, int totalLength, int ipId) {
        out.put((byte) 0x45); // version 4, IHL 5 words
        out.put((byte) field(p.tos(), 0xff, "TOS", p));
        out.putShort((short) totalLength);
        out.putShort((short) ipId);
        out.putShort((short) (p.dontFragment() ? DONT_FRAGMENT : 0));
        out.put((byte) field(p.ttl(), 0xff, "TTL", p));
        out.put((byte) p.protocol().number());
        out.putShort((short) 0); // checksum, filled in below
        out.putInt(p.source());
        out.putInt(p.destination());
        int checksum = InternetChecksum.of(out.array(), 0, IP_HEADER_LENGTH, 0);
        out.putShort(10, (short) checksum);
    }

    private static void writeTcp(ByteBuffer out, Packet p) {
        int start = IP_HEADER_LENGTH;
        byte[] options = p.options().encode();
        int headerLength = 20 + options.length;
        out.putShort((short) field(p.sourcePort(), 0xffff, "source port", p));
        out.putShort((short) field(p.destinationPort(), 0xffff, "destination port", p));
        out.putInt(p.seq());
        out.putInt(p.ack());
        out.putShort((short) ((headerLength / 4) << 12 | field(p.flags(), 0xff, "TCP flags", p)));
        out.putShort((short) field(p.window(), 0xffff, "window", p));
        out.putShort((short) 0); // checksum, filled in below
        out.putShort((short) 0); // urgent pointer: the engine never sends urgent data
        // The options as the packet lists them, zero (EOL) padded to the data offset's word.
        out.put(options);
        int checksum = transportChecksum(out.array(), start, p);
        out.putShort(start + 16, (short) checksum);
    }

    private static void writeUdp(ByteBuffer out, Packet p) {
        int start = IP_HEADER_LENGTH;
        out.putShort((short) field(p.sourcePort(), 0xffff, "source port", p));
        out.putShort((short) field(p.destinationPort(), 0xffff, "destination port", p));
        out.putShort((short) (8 + p.payloadLength()));
        out.putShort((short) 0);
        int checksum = transportChecksum(out.array(), start, p);
        // RFC 768: a computed checksum of zero is sent as all ones (zero means "no checksum").
        out.putShort(start + 6, (short) (checksum == 0 ? 0xffff : checksum));
    }

    /** RFC 793 §3.1 / RFC 768: the sum covers a pseudo-header of addresses, protocol and length. */
    private static int transportChecksum(byte[] datagram, int start, Packet p) {
        int length = datagram.length - start;
        long pseudo = (p.source() >>> 16) + (p.source() & 0xffff)
                + (p.destination() >>> 16) + (p.destination() & 0xffff)
                + p.protocol().number() + length;
        return InternetChecksum.of(datagram, start, length, pseudo);
    }

    private static int field(int value, int max, String name, Packet p) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " " + value + " does not fit its header field: " + p);
        }
        return value;
    }
}
