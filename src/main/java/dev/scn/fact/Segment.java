package dev.scn.fact;

/**
 * A TCP (or other) segment as the trace saw it: the header numbers the narrative and the sequence
 * diagram need, and the engine's one-line description for the English trace.
 *
 * @param id     the packet's network-wide id (given when first sent; 0 before)
 * @param seq    unsigned 32-bit sequence number
 * @param ack    unsigned 32-bit acknowledgement number
 * @param flags  TCP flags as in the header (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10)
 * @param sender who made it
 * @param text   the engine's description, e.g. {@code 192.0.2.10.80 > 198.51.100.7.1025 [F.] ...}
 */
public record Segment(long id, int source, int sourcePort, int destination, int destinationPort, long seq, long ack,
                      int flags, int length, int window, Origin sender, String text) {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int ACK = 0x10;

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
