package dev.scn.engine.net;

/** The firewall hook of a host's IP layer (ipfw's place in ip_input/ip_output). */
public interface PacketFilter {

    /** Decides a packet's fate; may send packets of its own (an RST of a {@code reset} rule). */
    Verdict check(Packet packet, Direction direction, Interface via);

    enum Verdict {
        PASS,
        DENY
    }
}
