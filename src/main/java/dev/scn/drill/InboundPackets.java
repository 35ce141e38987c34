package dev.scn.drill;

import dev.scn.drill.script.PacketStep;
import dev.scn.engine.net.Packet;
import dev.scn.fact.Origin;

/** Builds the segment a script's {@code <} line injects, in the connection's numbering. */
final class InboundPackets {
    private InboundPackets() {
    }

    static Packet build(PacketStep p, SeqSpace seqs, Integer lastTsVal) {
        if (p.udp() != null) {
            throw new UnsupportedFeature("TCP over UDP encapsulation (RFC 8899 style, --udp_encapsulation)");
        }
        int seq = p.absoluteSeq() ? (int) p.seqStart() : SeqSpace.remoteAbsolute(p.seqStart());
        Packet.Builder b = Packet.tcp(DrillHost.REMOTE_ADDRESS, seqs.remotePort(), DrillHost.LOCAL_ADDRESS, seqs.localPort())
                .seq(seq)
                .ack(p.ack() == null ? 0 : seqs.localAbsolute(p.ack()))
                .flags(ScriptFlags.parse(p.flags()))
                .window(p.window() == null ? 0 : p.window().intValue())
                .payloadLength(p.length())
                .options(ScriptOptions.toWire(p.options(), lastTsVal))
                .origin(Origin.INJECTED);
        if (p.tos() != null) {
            b.tos(p.tos());
        }
        if (p.ecn() != null) {
            b.tos((p.tos() == null ? 0 : p.tos() & ~Packet.ECN_MASK) | ScriptEcn.codepoint(p.ecn()));
        }
        if (p.ttl() != null) {
            b.ttl(p.ttl());
        }
        return b.build();
    }
}
